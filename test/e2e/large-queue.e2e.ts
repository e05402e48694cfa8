// Scenario 6: 2,000 files dropped at once. The virtualised list keeps a bounded number of rows in the DOM however
// long the queue is (at the top and after scrolling to the end), and the time from the drop to the first painted row
// is printed. Cancel all then leaves the server with no incomplete upload, and exactly the objects the queue says
// were done.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cleanupTempDirs, makeTempDir } from '../harness/fixtures';
import { startSession, waitUntil } from './support/app';
import { launchChromium } from './support/browser';
import { serverState } from './support/s3';

const COUNT = 2_000;
/** Rows in view (720 px window) plus the virtualiser's overscan: far below COUNT. */
const MAX_ROWS_IN_DOM = 40;
const CHECKING = '.queue-busy';
const ROW = '[role="listitem"]';

let browser: Browser;
let dir: string;
const s3 = () => inject('s3Endpoint');

beforeAll(async () => {
  [browser, dir] = await Promise.all([launchChromium(), makeTempDir('hoist-e2e-many-')]);
});

afterAll(async () => {
  await browser?.close();
  await cleanupTempDirs();
});

describe('6. a queue of 2,000 files', () => {
  it('renders a bounded number of rows; prints the time to first paint', async () => {
    const files: Record<string, string> = {};
    await mkdir(join(dir, 'many'));
    for (let i = 1; i <= COUNT; i++) {
      const name = `file-${String(i).padStart(4, '0')}.dat`;
      const path = join(dir, 'many', name);
      await writeFile(path, `file ${i} of ${COUNT}\n`.repeat((i % 7) + 1));
      files[name] = path;
    }
    const session = await startSession({ browser, s3Endpoint: s3() });
    const { app, bridge, bucket } = session;
    const { page, t } = app;
    try {
      // Two moments after the drop: the first feedback ("Checking what is already in the bucket…", while main asks
      // the server about every key) and the first queue row.
      await app.armPaintTimer([CHECKING, ROW]);
      const dropped = Date.now();
      await app.drop(files);
      const paint = await app.paintTimes();
      const list = page.getByRole('list', { name: t('aria.queue') });
      // All 2,000 are in the queue (main's view) and in the list's scroll height (the page's view)…
      await waitUntil(() => bridge.engine.snapshot().length === COUNT, {
        what: `${COUNT} items in the engine's queue`,
      });
      // The list's order is the app's (active rows first, finished ones after), so no row is assumed to be anywhere.
      const rows = page.getByRole('listitem');
      // Rows are re-rendered as their states change (active ones move first), so a row found may be gone by the
      // time it is measured: measure until one stays.
      let rowHeight = 0;
      await expect
        .poll(
          async () =>
            (rowHeight =
              (
                await rows
                  .first()
                  .boundingBox({ timeout: 1000 })
                  .catch(() => null)
              )?.height ?? 0),
        )
        .toBeGreaterThan(0);
      await expect.poll(() => list.boundingBox().then((box) => box?.height)).toBe(COUNT * rowHeight);
      const allQueuedMs = Date.now() - dropped;
      const namesInDom = async () =>
        new Set(await Promise.all((await rows.all()).map(async (r) => (await r.getAttribute('aria-label')) ?? '')));
      // …but only a few rows are in the DOM.
      const atTop = await rows.count();
      expect(atTop).toBeGreaterThanOrEqual(5);
      expect(atTop).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);
      expect(await rows.first().isVisible()).toBe(true);
      const topNames = await namesInDom();

      // Scroll to the end: other rows show, none of the top ones is left in the DOM, and it still holds a bounded
      // number of rows.
      await list.hover();
      for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 20_000);
      await expect
        .poll(async () => [...(await namesInDom())].filter((n) => topNames.has(n)).length, { timeout: 10_000 })
        .toBe(0);
      const atEnd = await rows.count();
      expect(atEnd).toBeGreaterThanOrEqual(5);
      expect(atEnd).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);

      console.log(
        `[e2e] scenario 6: ${COUNT} files dropped; time to first paint after the drop: "checking" status ` +
          `${paint[CHECKING]!.toFixed(0)} ms, first queue row ${paint[ROW]!.toFixed(0)} ms; all ${COUNT} in the list after ${allQueuedMs} ms; ` +
          `rows in the DOM: ${atTop} at the top, ${atEnd} at the end`,
      );

      await page.getByRole('button', { name: t('action.cancelAll'), exact: true }).click();
      await waitUntil(() => bridge.engine.totals().active + bridge.engine.totals().queued === 0, {
        what: 'the queue to settle',
      });
      const items = bridge.engine.snapshot();
      const done = items.filter((i) => i.state.kind === 'done');
      const cancelled = items.filter((i) => i.state.kind === 'cancelled');
      // A PUT that reached the server just before the cancel is reported as "cancelled, object kept".
      const kept = cancelled.filter((i) => i.state.kind === 'cancelled' && i.state.cleanup === 'object-kept');
      expect(done.length + cancelled.length).toBe(COUNT);
      // The server holds exactly what the queue says arrived, and nothing half-done.
      const arrived = [...done, ...kept].map((i) => i.key).sort();
      const server = await serverState(s3(), bucket);
      // On a mismatch, say what the queue reported for the keys it got wrong.
      const wrong = [
        ...server.objects.filter((k) => !arrived.includes(k)),
        ...arrived.filter((k) => !server.objects.includes(k)),
      ];
      const said = wrong.map((k) => `${k}: ${JSON.stringify(items.find((i) => i.key === k)?.state)}`).join('; ');
      expect(server, `objects the queue reported wrongly: ${said || 'none'}`).toEqual({
        objects: arrived,
        uploads: [],
      });
      console.log(
        `[e2e] scenario 6 after Cancel all: ${done.length} done, ${cancelled.length} cancelled (${kept.length} of them already stored, kept)`,
      );
      session.expectClean();
    } finally {
      await session.close();
    }
  });
});
