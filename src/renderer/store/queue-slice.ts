// The queue as main last described it: a snapshot, then batches applied on top. Rows read their own item by id, so
// a batch re-renders only the rows whose items changed.
//
// A batch costs what it changed, not the queue's length (10,000 files get ~10 batches a second): the items are a Map,
// copied once per batch (a Map copies in a fraction of the time a 10,000-key object takes to spread), and the counts
// the header needs (paused, pausable) are kept up to date from each batch's changes instead of recounted.
import type { QueueBatch, QueueSnapshot } from '../../shared/ipc';
import { isPausable } from '../../shared/ipc-recovery';
import type { QueueTotals, UploadItem } from '../../shared/upload-item';
import { isCancellable } from '../../shared/upload-state';

export const EMPTY_TOTALS: QueueTotals = {
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

export interface QueueState {
  /** False until the first snapshot arrived; batches received before it wait in `early`. */
  ready: boolean;
  seq: number;
  order: string[];
  /** By id. A new Map whenever an item changes (never changed in place). */
  items: ReadonlyMap<string, UploadItem>;
  totals: QueueTotals;
  /** Items paused now (main's totals count them as queued). */
  pausedCount: number;
  /** Items a Pause applies to now (queued, starting, uploading, retrying). */
  pausableCount: number;
  /** Cancel clicked, main not yet reporting it: the row says Cancelling… at once. */
  cancelRequested: Record<string, true>;
  early: QueueBatch[];
}

export const initialQueueState: QueueState = {
  ready: false,
  seq: 0,
  order: [],
  items: new Map(),
  totals: EMPTY_TOTALS,
  pausedCount: 0,
  pausableCount: 0,
  cancelRequested: {},
  early: [],
};

/** What one item adds to the header's counts. */
const pausedOf = (item: UploadItem | undefined) => (item?.state.kind === 'paused' ? 1 : 0);
const pausableOf = (item: UploadItem | undefined) => (item && isPausable(item.state.kind) ? 1 : 0);

function withBatch(state: QueueState, batch: QueueBatch): QueueState {
  if (batch.seq <= state.seq) return state; // already part of the snapshot
  const items = new Map(state.items);
  let { order, pausedCount, pausableCount } = state;
  const added: string[] = [];
  for (const item of batch.changed) {
    const before = items.get(item.id);
    if (!before) added.push(item.id);
    pausedCount += pausedOf(item) - pausedOf(before);
    pausableCount += pausableOf(item) - pausableOf(before);
    items.set(item.id, item);
  }
  if (batch.removed.length > 0) {
    const gone = new Set(batch.removed);
    for (const id of gone) {
      const before = items.get(id);
      pausedCount -= pausedOf(before);
      pausableCount -= pausableOf(before);
      items.delete(id);
    }
    order = order.filter((id) => !gone.has(id));
  }
  if (added.length > 0) order = [...order, ...added];
  let cancelRequested = state.cancelRequested;
  for (const id of Object.keys(cancelRequested)) {
    const item = items.get(id);
    if (!item || !isCancellable(item.state.kind)) {
      if (cancelRequested === state.cancelRequested) cancelRequested = { ...cancelRequested };
      delete cancelRequested[id];
    }
  }
  return { ...state, seq: batch.seq, items, order, totals: batch.totals, pausedCount, pausableCount, cancelRequested };
}

export function applyBatch(state: QueueState, batch: QueueBatch): QueueState {
  if (!state.ready) return { ...state, early: [...state.early, batch] };
  return withBatch(state, batch);
}

export function applySnapshot(state: QueueState, snapshot: QueueSnapshot): QueueState {
  const items = new Map<string, UploadItem>();
  const order: string[] = [];
  let pausedCount = 0;
  let pausableCount = 0;
  for (const item of [...snapshot.items].sort((a, b) => a.addedAt - b.addedAt)) {
    items.set(item.id, item);
    order.push(item.id);
    pausedCount += pausedOf(item);
    pausableCount += pausableOf(item);
  }
  let next: QueueState = {
    ...state,
    ready: true,
    seq: snapshot.seq,
    items,
    order,
    totals: snapshot.totals,
    pausedCount,
    pausableCount,
    early: [],
  };
  for (const batch of state.early) next = withBatch(next, batch);
  return next;
}
