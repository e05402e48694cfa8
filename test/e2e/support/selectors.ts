// The few CSS selectors the tests still need where the UI has no role or label for a part of a row. Each takes a
// data-testid first, so a redesign of the row's classes only has to keep (or add) the test id; the class is what the
// row has had so far. Shared by the tests (app.ts) and the in-page probe (page-probe.ts).

/** A queue row's state in words ("Uploading", "Failed: …"). */
export const ROW_STATE = '[data-testid="row-state"], .row-state';

/** A queue row's destination, bucket/key. */
export const ROW_DEST = '[data-testid="row-dest"], .row-dest';
