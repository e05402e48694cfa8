// The queue's view: an item brought up to date in place (what the engine's totals add up) and as a copy (what goes to
// the window). Both must say the same, or the header's totals drift from the rows.
import { describe, expect, it } from 'vitest';
import type { UploadItem } from '../../shared/upload-item';
import { testItem } from '../../shared/upload-item.test-support';
import type { UploadState } from '../../shared/upload-state';
import { ProgressMeter } from './progress-meter';
import { refreshItem, totalsOf, viewItem } from './queue-view';

function row(id: string, state: UploadState, total: number): { item: UploadItem; meter: ProgressMeter } {
  return { item: testItem(id, state, { total }), meter: new ProgressMeter() };
}

describe('queue view', () => {
  it('brings an item up to date in place, and its view is a copy the engine does not touch again', () => {
    const r = row('a', { kind: 'uploading' }, 1000);
    r.meter.add(300);
    r.meter.confirm(200);
    refreshItem(r.item, r.meter);
    expect(r.item).toMatchObject({ loaded: 300, confirmed: 200 });
    const view = viewItem(r.item, r.meter);
    expect(view).toEqual(r.item);
    r.meter.add(100);
    refreshItem(r.item, r.meter);
    expect(r.item.loaded).toBe(400);
    expect(view.loaded).toBe(300);
    expect(view.state).not.toBe(r.item.state);
  });

  it('adds up the same totals from items brought up to date in place as from their views', () => {
    const rows = [
      row('up', { kind: 'uploading' }, 1000),
      row('done', { kind: 'done', etag: '"e"', bytesSent: 500 }, 500),
      row('queued', { kind: 'queued' }, 700),
      row('cancelled', { kind: 'cancelled', cleanup: 'verified' }, 900),
    ];
    rows[0]!.meter.add(600);
    rows[0]!.meter.confirm(400);
    const now = Date.now();
    const views = rows.map((r) => viewItem(r.item, r.meter, now));
    // The live items as they were before the views: stale figures, as the engine holds them between batches.
    for (const r of rows) r.item.loaded = r.item.confirmed = 0;
    for (const r of rows) refreshItem(r.item, r.meter, now);
    const inPlace = totalsOf(rows.map((r) => r.item));
    expect(inPlace).toEqual(totalsOf(views));
    expect(inPlace).toMatchObject({ count: 4, active: 1, queued: 1, done: 1, cancelled: 1, loaded: 1100, total: 2200 });
  });
});
