// What the queue looks like from outside: an item's copy with live speed and ETA, and the totals for the header.
import type { QueueTotals, UploadItem } from '../../shared/upload-item';
import { isActive, isUnderWay, type UploadState } from '../../shared/upload-state';
import { etaSeconds, type ProgressMeter } from './progress-meter';

/** Brings the item's live figures (bytes, speed, time left) up to date from its meter, in place. */
export function refreshItem(item: UploadItem, meter: ProgressMeter, now = Date.now()): void {
  const active = isActive(item.state.kind);
  const bps = active ? meter.bytesPerSecond(now) : 0;
  const done = item.state.kind === 'done';
  item.loaded = done ? item.total : Math.min(item.total, meter.loaded);
  item.confirmed = done ? item.total : Math.min(item.loaded, meter.confirmed);
  item.bytesPerSecond = bps;
  item.etaSeconds = active ? etaSeconds(item.total, item.loaded, bps) : null;
}

/** The item brought up to date, as a copy the caller may keep. */
export function viewItem(item: UploadItem, meter: ProgressMeter, now = Date.now()): UploadItem {
  refreshItem(item, meter, now);
  return { ...item, state: { ...item.state } as UploadState };
}

export function totalsOf(items: Iterable<UploadItem>): QueueTotals {
  const t: QueueTotals = {
    count: 0,
    active: 0,
    queued: 0,
    done: 0,
    failed: 0,
    cancelled: 0,
    confirmed: 0,
    loaded: 0,
    total: 0,
    bytesPerSecond: 0,
  };
  for (const item of items) {
    const k = item.state.kind;
    t.count++;
    if (isUnderWay(k)) t.active++;
    // Paused files are not waiting to start: they wait for the user (the UI counts them on their own).
    else if (k === 'queued') t.queued++;
    else if (k === 'done') t.done++;
    else if (k === 'failed' || k === 'cleanup-failed') t.failed++;
    else if (k === 'cancelled') t.cancelled++;
    // Cancelled files leave the overall bar, so that cancelling one does not leave the bar stuck short of 100%.
    if (k !== 'cancelled') {
      t.confirmed += item.confirmed;
      t.loaded += item.loaded;
      t.total += item.total;
    }
    t.bytesPerSecond += item.bytesPerSecond;
  }
  return t;
}
