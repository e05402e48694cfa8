// Follows the engine's item events for one cp run: ties each item to the file the user named, passes changes to the
// reporter in order, and counts the outcome.
import type { UploadItem } from '../shared/upload-item';
import type { UploadStateKind } from '../shared/upload-state';
import { isFinal, type FileView, type Reporter, type Summary } from './report';
import { cliState, type WordingHints } from './wording';

interface Tracked {
  view: FileView;
  kind: UploadStateKind;
}

export class Tracker {
  private readonly tracked = new Map<string, Tracked>();
  /** Events for items that add() has not returned yet: replayed once we know their file. */
  private readonly early = new Map<string, UploadItem[]>();
  private rejected = 0;
  private upToDate = 0;
  private excluded = 0;
  private readonly startedAt = Date.now();

  /** hints: how the engine's messages are worded for this command (see wording.ts). */
  constructor(
    private readonly reporter: Reporter,
    private readonly hints: WordingHints = {},
  ) {}

  /** Items from the engine's subscribe() feed. */
  onItems(items: UploadItem[]): void {
    for (const item of items) {
      if (this.tracked.has(item.id)) this.apply(item);
      else {
        const queue = this.early.get(item.id) ?? [];
        queue.push(item);
        this.early.set(item.id, queue);
      }
    }
  }

  /** Items returned by add() for one source, with the path the user typed for it. */
  register(items: UploadItem[], fileFor: (item: UploadItem) => string): void {
    for (const item of items) {
      const view = toView(item, fileFor(item), this.hints);
      this.tracked.set(item.id, { view, kind: item.state.kind });
      this.reporter.update(view, undefined);
      const queued = this.early.get(item.id) ?? [];
      this.early.delete(item.id);
      for (const later of queued) this.apply(later);
    }
  }

  noteRejected(): void {
    this.rejected++;
  }

  /** Files not sent, for the summary: up to date (--skip-unchanged) and excluded. */
  noteSelection(counts: { upToDate: number; excluded: number }): void {
    this.upToDate += counts.upToDate;
    this.excluded += counts.excluded;
  }

  /** `resumeCommand` marks an interruption that paused (hoist resume) rather than cancelled. */
  summary(interrupted: boolean, resumeCommand?: string): Summary {
    const s: Summary = {
      files: this.tracked.size,
      done: 0,
      failed: 0,
      cancelled: 0,
      cleanupFailed: 0,
      rejected: this.rejected,
      bytesDone: 0,
      elapsedMs: Date.now() - this.startedAt,
      interrupted,
      ...(this.upToDate > 0 ? { upToDate: this.upToDate } : {}),
      ...(this.excluded > 0 ? { excluded: this.excluded } : {}),
      ...(resumeCommand !== undefined ? { resumeCommand } : {}),
    };
    let paused = 0;
    let bytesSent = 0;
    for (const { view } of this.tracked.values()) {
      const k = view.state.kind;
      if (view.state.kind === 'done') {
        s.done++;
        s.bytesDone += view.total;
        bytesSent += view.state.bytesSent;
      } else if (k === 'failed') s.failed++;
      else if (k === 'cancelled') s.cancelled++;
      else if (k === 'cleanup-failed') s.cleanupFailed++;
      else if (k === 'paused') paused++;
    }
    s.paused = paused;
    s.bytesSent = bytesSent;
    return s;
  }

  /** Whether every file the engine took has reached a final state. */
  allFinal(): boolean {
    for (const t of this.tracked.values()) if (!isFinal(t.kind)) return false;
    return true;
  }

  /** The files as last seen, in the order they were registered. */
  views(): FileView[] {
    return [...this.tracked.values()].map((t) => t.view);
  }

  private apply(item: UploadItem): void {
    const t = this.tracked.get(item.id)!;
    // Once final, a file stays final for this run (the CLI never retries).
    if (isFinal(t.kind)) return;
    const previous = t.kind;
    t.view = toView(item, t.view.file, this.hints);
    t.kind = item.state.kind;
    this.reporter.update(t.view, previous);
  }
}

function toView(item: UploadItem, file: string, hints: WordingHints): FileView {
  return {
    id: item.id,
    file,
    bucket: item.bucket,
    key: item.key,
    total: item.total,
    confirmed: item.confirmed,
    loaded: item.loaded,
    bytesPerSecond: item.bytesPerSecond,
    etaSeconds: item.etaSeconds,
    state: cliState(item.state, hints),
  };
}
