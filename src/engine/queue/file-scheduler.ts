// When each queued file starts: the engine's files-in-parallel limit, the order of addition, which entries still keep
// the engine busy, and who waits for it to go idle. An entry keeps it busy while its item's state says so (queued, or
// under way): the runner ends a run's state only once the run is over, so the state alone tells.
//
// With thousands of files, scanning every entry on each start and finish made the queue quadratic (0.3 s of CPU for
// 1,000 small files, ~30 s for 10,000): queued entries wait in a heap by order of addition instead, and the entries
// that keep the engine busy are kept in a set. So are the active ones, whose speed the engine samples at every
// progress tick: a tick no longer walks the thousands of rows that are queued or finished.
import { isActive, isUnderWay } from '../../shared/upload-state';
import type { Entry } from './entry';
import { SeqHeap } from './seq-heap';

export class FileScheduler {
  private active = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly waiting = new SeqHeap<Entry>();
  private readonly busy = new Set<Entry>();
  private readonly activeSet = new Set<Entry>();

  /**
   * @param limit files that may run at once
   * @param start runs one entry's upload; it holds one of the `limit` slots until the promise settles
   * @param inQueue whether the entry is still in the engine's queue (a removed entry is skipped)
   */
  constructor(
    private readonly limit: number,
    private readonly start: (e: Entry) => Promise<void>,
    private readonly inQueue: (e: Entry) => boolean,
  ) {}

  /** Starts queued entries, oldest first, while fewer than `limit` files run. */
  pump(): void {
    while (this.active < this.limit) {
      const e = this.waiting.pop();
      if (!e) break;
      if (e.item.state.kind !== 'queued' || !this.inQueue(e)) continue;
      this.active++;
      // Both ways: a run that threw still gives its slot back, and its rejection is not left unhandled.
      const release = () => {
        this.active--;
        this.pump();
      };
      this.start(e).then(release, release);
    }
  }

  /**
   * Keeps the busy set and the heap of queued entries current; called on every state change. The busy set only
   * empties here or in forget(), so these two are where idle() waiters are woken, whatever made the entry idle (a
   * finished run, a pause while queued, a cleanup that retry() started).
   */
  track(e: Entry): void {
    const k = e.item.state.kind;
    if (k === 'queued' || isUnderWay(k)) this.busy.add(e);
    else if (this.busy.delete(e)) this.wakeIfIdle();
    if (k === 'queued') this.waiting.push(e);
    if (isActive(k)) this.activeSet.add(e);
    else this.activeSet.delete(e);
  }

  /** The entry left the queue. */
  forget(e: Entry): void {
    this.activeSet.delete(e);
    if (this.busy.delete(e)) this.wakeIfIdle();
  }

  /** The entries whose state is active (isActive): starting, uploading, retrying, completing and the like. */
  activeEntries(): Iterable<Entry> {
    return this.activeSet;
  }

  idle(): Promise<void> {
    if (this.busy.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private wakeIfIdle(): void {
    if (this.busy.size !== 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
