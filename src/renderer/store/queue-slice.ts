// The queue as main last described it: a snapshot, then batches applied on top. Rows read their own item by id, so
// a batch re-renders only the rows whose items changed.
import type { QueueBatch, QueueSnapshot } from '../../shared/ipc';
import type { QueueTotals, UploadItem } from '../../shared/upload-item';
import { isCancellable } from '../../shared/upload-state';

export const EMPTY_TOTALS: QueueTotals = {
  count: 0,
  active: 0,
  queued: 0,
  done: 0,
  failed: 0,
  cancelled: 0,
  loaded: 0,
  total: 0,
  bytesPerSecond: 0,
};

export interface QueueState {
  /** False until the first snapshot arrived; batches received before it wait in `early`. */
  ready: boolean;
  seq: number;
  order: string[];
  items: Record<string, UploadItem>;
  totals: QueueTotals;
  /** Cancel clicked, main not yet reporting it: the row says Cancelling… at once. */
  cancelRequested: Record<string, true>;
  early: QueueBatch[];
}

export const initialQueueState: QueueState = {
  ready: false,
  seq: 0,
  order: [],
  items: {},
  totals: EMPTY_TOTALS,
  cancelRequested: {},
  early: [],
};

function withBatch(state: QueueState, batch: QueueBatch): QueueState {
  if (batch.seq <= state.seq) return state; // already part of the snapshot
  const items = { ...state.items };
  let order = state.order;
  const added: string[] = [];
  for (const item of batch.changed) {
    if (!(item.id in items)) added.push(item.id);
    items[item.id] = item;
  }
  if (batch.removed.length > 0) {
    const gone = new Set(batch.removed);
    for (const id of gone) delete items[id];
    order = order.filter((id) => !gone.has(id));
  }
  if (added.length > 0) order = [...order, ...added];
  let cancelRequested = state.cancelRequested;
  for (const id of Object.keys(cancelRequested)) {
    const item = items[id];
    if (!item || !isCancellable(item.state.kind)) {
      if (cancelRequested === state.cancelRequested) cancelRequested = { ...cancelRequested };
      delete cancelRequested[id];
    }
  }
  return { ...state, seq: batch.seq, items, order, totals: batch.totals, cancelRequested };
}

export function applyBatch(state: QueueState, batch: QueueBatch): QueueState {
  if (!state.ready) return { ...state, early: [...state.early, batch] };
  return withBatch(state, batch);
}

export function applySnapshot(state: QueueState, snapshot: QueueSnapshot): QueueState {
  const items: Record<string, UploadItem> = {};
  const order: string[] = [];
  for (const item of [...snapshot.items].sort((a, b) => a.addedAt - b.addedAt)) {
    items[item.id] = item;
    order.push(item.id);
  }
  let next: QueueState = {
    ...state,
    ready: true,
    seq: snapshot.seq,
    items,
    order,
    totals: snapshot.totals,
    early: [],
  };
  for (const batch of state.early) next = withBatch(next, batch);
  return next;
}
