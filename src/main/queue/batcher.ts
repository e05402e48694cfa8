// Turns the engine's event stream into queue batches for the renderer: changes are coalesced per item (the latest
// copy wins) and flushed at most once per interval (100 ms: ≤ 10 batches a second however many files move).
// Each batch has a sequence number; the snapshot reports the last one sent, so the renderer can drop batches that
// are older than the snapshot it applied.
// A timed batch carries at most maxItems changed items; the rest wait for the next interval. A drop of 10,000 files
// (or Cancel all) otherwise went out as one 2.5 MB batch that the renderer parsed and applied in one 100-150 ms task
// (docs/ui-benchmarks.md); 1,000 items are about 250 kB, a task of a few milliseconds.
import type { EngineEvent, UploadQueueApi } from '../../engine';
import type { QueueBatch } from '../../shared/ipc';
import type { UploadItem } from '../../shared/upload-item';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface QueueBatcherOptions {
  engine: Pick<UploadQueueApi, 'subscribe' | 'totals'>;
  send(batch: QueueBatch): void;
  intervalMs?: number;
  /** Changed items per timed batch (default 1,000). An explicit flush() sends everything. */
  maxItems?: number;
  timers?: Timers;
}

export interface QueueBatcher {
  /** Sequence number of the last batch sent (0 before the first). */
  seq(): number;
  /** Sends what is pending now (used before a snapshot and at shutdown). */
  flush(): void;
  dispose(): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createQueueBatcher({
  engine,
  send,
  intervalMs = 100,
  maxItems = 1000,
  timers = realTimers,
}: QueueBatcherOptions): QueueBatcher {
  let changed = new Map<string, UploadItem>();
  let removed = new Set<string>();
  let timer: unknown = null;
  let seq = 0;

  const flush = (limit = Infinity) => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    if (changed.size === 0 && removed.size === 0) return;
    let items: UploadItem[];
    if (changed.size <= limit) {
      items = [...changed.values()];
      changed = new Map();
    } else {
      // The oldest changes go first; an item changed again meanwhile keeps its place and goes with its latest copy.
      items = [];
      for (const [id, it] of changed) {
        if (items.length >= limit) break;
        items.push(it);
        changed.delete(id);
      }
    }
    const batch: QueueBatch = { seq: ++seq, changed: items, removed: [...removed], totals: engine.totals() };
    removed = new Set();
    send(batch);
    if (changed.size > 0) schedule();
  };

  /** A change starts one interval's wait; changes during it ride along. So flushes are ≥ intervalMs apart. */
  const schedule = () => {
    if (timer === null) timer = timers.setTimeout(() => flush(maxItems), intervalMs);
  };

  const onEvent = (event: EngineEvent) => {
    if (event.type === 'items') {
      for (const item of event.items) {
        changed.set(item.id, item);
        removed.delete(item.id);
      }
    } else {
      for (const id of event.ids) {
        changed.delete(id);
        removed.add(id);
      }
    }
    schedule();
  };

  const unsubscribe = engine.subscribe(onEvent);
  return {
    seq: () => seq,
    flush: () => flush(),
    dispose() {
      unsubscribe();
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}
