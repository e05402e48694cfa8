// Delivers item changes to subscribers: state changes at once, progress at most every intervalMs per item, so a
// thousand files uploading at once cost subscribers ten batches a second, not thousands of events.
import type { UploadItem } from '../../shared/upload-item';
import type { EngineEvent } from '../types';

export class ChangeFeed {
  private readonly listeners = new Set<(e: EngineEvent) => void>();
  private readonly dirty = new Map<string, () => UploadItem>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly onTick: () => void,
  ) {}

  subscribe(listener: (e: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A state change: sent now, with any pending progress of the same item folded in. */
  now(item: UploadItem): void {
    this.dirty.delete(item.id);
    this.emit({ type: 'items', items: [item] });
  }

  /** New items: sent now. */
  emitItems(items: UploadItem[]): void {
    this.emit({ type: 'items', items });
  }

  /** A progress change: sent with the next batch. */
  later(id: string, read: () => UploadItem): void {
    this.dirty.set(id, read);
    this.timer ??= setInterval(() => this.flush(), this.intervalMs);
    this.timer.unref?.();
  }

  removed(ids: string[]): void {
    for (const id of ids) this.dirty.delete(id);
    if (ids.length) this.emit({ type: 'removed', ids });
  }

  flush(): void {
    this.onTick();
    if (this.dirty.size === 0) {
      if (this.timer) clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    const items = [...this.dirty.values()].map((read) => read());
    this.dirty.clear();
    this.emit({ type: 'items', items });
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private emit(e: EngineEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // A subscriber's bug must not stop the uploads or the other subscribers.
      }
    }
  }
}
