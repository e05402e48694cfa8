// The upload queue: owns every item's state, runs files a few at a time, and hands Cancel and Pause to the runner
// (entry-runner.ts), which stops the jobs and cleans up. setState refuses any change the transition table
// (upload-state.ts) does not allow. Plain Node: the CLI, the Electron main process and the tests all drive this.
import { randomUUID } from 'node:crypto';
import type { Target } from '../../shared/target';
import type { QueueTotals, UploadItem } from '../../shared/upload-item';
import { canTransition, isActive, isFinished, type UploadState } from '../../shared/upload-state';
import { failQueuedAlike } from './batch-stop';
import { BucketTools } from './bucket-tools';
import { ChangeFeed } from './change-feed';
import { resolveOptions, type ResolvedOptions } from './engine-options';
import type { Entry } from './entry';
import { EntryRunner } from './entry-runner';
import { hoistError, type HoistError } from '../s3/errors';
import { FileScheduler } from './file-scheduler';
import { forgetUploads, interruptedUploads, resumableRun, uploadsIn } from './interrupted-uploads';
import { Journal, type JournalEntry } from '../journal/journal-store';
import { validateKey } from '../plan/keys';
import { Limiter } from '../throttle/part-slots';
import { planParts } from '../plan/part-plan';
import { ProgressMeter } from './progress-meter';
import { refreshItem, totalsOf, viewItem } from './queue-view';
import { refuseTransition } from './refuse-transition';
import { RateLimiter } from '../throttle/speed-limit';
import { ClientPool, type RegionNotice } from '../s3/s3-client';
import { validateTarget } from '../plan/target-rules';
import type { AddOptions, AddResult, EngineEvent, EngineOptions, UploadEngineApi, UploadHistoryApi } from '../types';
import type { Endpoint } from '../../shared/target';
import { HistoryStore } from '../history/history-store';
import { historyEntryFor, type HistoryEntry, type HistoryQuery } from '../history/history-entry';
import { signShareLink, type SignedShareLink } from '../s3/share-link';
import { planUpload, type PlanOptions, type UploadPlan } from '../plan/upload-plan';
import type { FileStamp } from '../job/file-stamp';

/** The queue; the bucket tools come from BucketTools (bucket-tools.ts), which holds the client pool and the journal. */
export class UploadEngine extends BucketTools implements UploadEngineApi, UploadHistoryApi {
  private readonly entries = new Map<string, Entry>();
  /** Finished uploads, kept beside the journal; none without a stateDir. */
  private readonly finished: HistoryStore | undefined;
  private readonly opts: ResolvedOptions;
  private readonly parts: Limiter;
  private readonly feed: ChangeFeed;
  private readonly runner: EntryRunner;
  private readonly scheduler: FileScheduler;
  private nextSeq = 0;
  /** Aborted by cancelAll(), so that Cancel all also stops folders still being listed. */
  private walks = new AbortController();

  constructor(options: EngineOptions = {}) {
    const opts = resolveOptions(options);
    const clients = new ClientPool(
      { connectTimeoutMs: opts.connectTimeoutMs, requestTimeoutMs: opts.requestTimeoutMs },
      { onRegionCorrected: (notice) => tellRegionCorrected(options, notice) },
    );
    super(clients, options.stateDir ? new Journal(options.stateDir) : undefined, opts.cleanupAttempts);
    this.opts = opts;
    this.finished = options.stateDir ? new HistoryStore(options.stateDir) : undefined;
    this.parts = new Limiter(this.opts.maxPartsInFlight);
    this.feed = new ChangeFeed(this.opts.progressIntervalMs, () => this.sampleSpeeds());
    this.runner = new EntryRunner({
      opts: this.opts,
      clients: this.clients,
      parts: this.parts,
      journal: this.journal,
      globalLimit:
        options.bytesPerSecond && options.bytesPerSecond > 0 ? new RateLimiter(options.bytesPerSecond) : undefined,
      setState: (e, next) => this.setState(e, next),
      report: (e, next) => this.report(e, next),
    });
    this.scheduler = new FileScheduler(
      this.opts.filesInParallel,
      (e) => this.runner.execute(e),
      (e) => this.entries.has(e.item.id),
    );
  }

  /** The files add() would queue, with their keys (upload-plan.ts); main asks about existing keys in between. */
  async plan(paths: string[], target: Target, options: PlanOptions = {}): Promise<UploadPlan> {
    validateTarget(target);
    const signal = options.signal ? AbortSignal.any([options.signal, this.walks.signal]) : this.walks.signal;
    return planUpload(paths, target.prefix, { ...options, signal }, (f) => this.checkParts(f, target));
  }

  /** Queues a plan's files under their planned keys; given paths, plans them first. */
  async add(sources: string[] | UploadPlan, target: Target, options?: AddOptions): Promise<AddResult> {
    validateTarget(target);
    const plan = Array.isArray(sources) ? await this.plan(sources, target, options) : sources;
    const rejected: AddResult['rejected'] = plan.problems.map((p) => ({ ...p }));
    const items: UploadItem[] = [];
    for (const f of plan.files) {
      try {
        // Checked again: the caller may have changed a key (main's "keep both" adds " (2)").
        validateKey(f.key, f.path);
        this.checkParts(f, target);
      } catch (err) {
        const e = err as HoistError;
        // text: the message's key and values, for the window (AddResult does not declare them yet).
        rejected.push({
          path: f.path,
          key: f.key,
          code: e.code,
          message: e.message,
          ...(e.text ? { text: e.text } : {}),
        });
        continue;
      }
      const planned = { size: f.size, mtimeMs: f.mtimeMs };
      const state: UploadState = options?.paused ? { kind: 'paused' } : { kind: 'queued' };
      items.push(this.enqueue(f.path, f.name, f.key, f.size, target, state, planned));
    }
    if (items.length) this.feed.emitItems(items);
    this.scheduler.pump();
    return { items, rejected, skipped: plan.skipped };
  }

  private checkParts(f: { path: string; size: number }, target: Target): void {
    if (f.size >= this.opts.multipartThreshold) planParts(f.size, target.partSize ?? this.opts.partSize, f.path);
  }

  /** Adds interrupted uploads from the journal as paused items; resume() or cancel() then decides their fate. */
  restore(entries: JournalEntry[], targetFor: (entry: JournalEntry) => Target): UploadItem[] {
    const known = uploadsIn(this.entries.values());
    const items: UploadItem[] = [];
    for (const j of entries) {
      if (known.has(j.uploadId)) continue;
      const name = j.path.split(/[\\/]/).pop() ?? j.key;
      const target = { ...targetFor(j), bucket: j.bucket };
      const item = this.enqueue(j.path, name, j.key, j.size, target, { kind: 'paused' });
      const e = this.entries.get(item.id)!;
      e.run = resumableRun(j, target.endpointUrl);
      e.restored = j;
      items.push(item);
    }
    if (items.length) this.feed.emitItems(items);
    return items;
  }

  /** Journal entries of uploads not in this queue: what a crash or a quit left unfinished. */
  async interrupted(): Promise<JournalEntry[]> {
    return interruptedUploads(this.journal, this.entries.values());
  }

  /** Resolves once the item is settled; see EntryRunner.cancel for what that takes in each case. */
  async cancel(id: string): Promise<void> {
    const e = this.entries.get(id);
    if (e) await this.runner.cancel(e);
  }

  /** Drops journal entries without touching the server: for uploads that can no longer be reached or discarded. */
  async forgetInterrupted(uploadIds: string[]): Promise<void> {
    return forgetUploads(this.journal, uploadIds);
  }

  async cancelAll(options: { sparePaused?: boolean } = {}): Promise<void> {
    this.walks.abort(hoistError('Cancelled', 'engineError.listingCancelled'));
    this.walks = new AbortController();
    // Queued items first, so that none of them starts while the active ones are being stopped (the second pass
    // awaits what a cancel of a queued item starts: the discard of an upload resumed but not yet started again).
    const all = [...this.entries.values()].filter((e) => !options.sparePaused || e.item.state.kind !== 'paused');
    for (const e of all) if (e.item.state.kind === 'queued') void this.cancel(e.item.id).catch(() => undefined);
    // allSettled: one cancel that throws must not end Cancel all while the others are still being carried out.
    await Promise.allSettled(all.map((e) => this.cancel(e.item.id)));
  }

  /** Stops sending but keeps the multipart upload and its finished parts on the server (EntryRunner.pause). */
  async pause(id: string): Promise<void> {
    const e = this.entries.get(id);
    if (e) await this.runner.pause(e);
  }

  async pauseAll(): Promise<void> {
    await Promise.allSettled([...this.entries.keys()].map((id) => this.pause(id)));
  }

  resume(id: string): void {
    const e = this.entries.get(id);
    if (!e || e.item.state.kind !== 'paused') return;
    // An upload the user cancelled, whose cleanup was not confirmed then (the journal says so): removed, not continued.
    if (e.restored?.cancelled) return void this.cancel(id).catch(() => undefined);
    this.setState(e, { kind: 'queued' });
    this.scheduler.pump();
  }

  resumeAll(): void {
    for (const id of this.entries.keys()) this.resume(id);
  }

  tryNow(): number {
    return this.opts.job.retry.wake?.wakeAll() ?? 0;
  }

  retry(id: string, target?: Target): void {
    const e = this.entries.get(id);
    if (!e) return;
    // Retry on a cleanup that could not be confirmed runs the cleanup again; on a failed or cancelled item, the upload.
    if (e.item.state.kind === 'cleanup-failed') return void this.runner.retryCleanup(e);
    if (e.item.state.kind !== 'failed' && e.item.state.kind !== 'cancelled') return;
    if (target) {
      validateTarget(target);
      e.target = target;
      e.item.bucket = target.bucket;
    }
    // What a failed run left is kept across retries until removed: the next run removes it before it starts.
    const run = e.run.kind === 'left-behind' ? e.run : { kind: 'idle' as const };
    Object.assign(e, { meter: this.newMeter(id), run, restored: undefined });
    this.setState(e, { kind: 'queued' });
    this.scheduler.pump();
  }

  remove(id: string): void {
    const e = this.entries.get(id);
    if (!e || !isFinished(e.item.state.kind)) return;
    this.entries.delete(id);
    this.scheduler.forget(e);
    this.feed.removed([id]);
  }

  clearFinished(): void {
    const finished = [...this.entries.values()].filter(
      (e) => e.item.state.kind === 'done' || e.item.state.kind === 'cancelled',
    );
    for (const e of finished) {
      this.entries.delete(e.item.id);
      this.scheduler.forget(e);
    }
    this.feed.removed(finished.map((e) => e.item.id));
  }

  get(id: string): UploadItem | undefined {
    const e = this.entries.get(id);
    return e ? viewItem(e.item, e.meter) : undefined;
  }

  snapshot(): UploadItem[] {
    return [...this.entries.values()].map((e) => viewItem(e.item, e.meter));
  }

  totals(): QueueTotals {
    // Added up in place rather than from snapshot()'s copies: the app asks at every batch (10 a second), and at
    // 10,000 rows the copies took about 1.2 ms a call, in place 0.4 ms.
    const now = Date.now();
    const items: UploadItem[] = [];
    for (const e of this.entries.values()) {
      refreshItem(e.item, e.meter, now);
      items.push(e.item);
    }
    return totalsOf(items);
  }

  async history(query?: HistoryQuery): Promise<HistoryEntry[]> {
    return (await this.finished?.list(query)) ?? [];
  }

  async historyEntry(id: string): Promise<HistoryEntry | undefined> {
    return this.finished?.get(id);
  }

  async shareLink(endpoint: Endpoint, bucket: string, key: string, expiresInSeconds: number): Promise<SignedShareLink> {
    // Through the bucket's target, so that a link to a bucket whose region was corrected is signed for its region.
    const target: Target = { ...endpoint, bucket, prefix: '' };
    return signShareLink(await this.clients.real(target), { bucket, key, expiresInSeconds });
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    return this.feed.subscribe(listener);
  }

  idle(): Promise<void> {
    return this.scheduler.idle();
  }

  async close(options: { keepPaused?: boolean } = {}): Promise<void> {
    if (options.keepPaused) {
      await this.pauseAll();
      // A paused upload the next start cannot find again is removed now, verified, rather than left for good.
      const lost = [...this.entries.values()].filter((e) => this.lostAtExit(e));
      await Promise.allSettled(lost.map((e) => this.cancel(e.item.id)));
    } else await this.cancelAll();
    // A file whose Complete is out is not paused (the server may be making the object) but let finish: its result,
    // its journal entry's removal and its history record need the clients and the store that are let go below.
    await this.idle();
    this.feed.stop();
    this.clients.destroy();
    // A history that cannot be written costs the record, never the uploads themselves.
    await this.finished?.close().catch(() => undefined);
  }

  private enqueue(
    path: string,
    name: string,
    key: string,
    size: number,
    target: Target,
    state: UploadState,
    planned?: FileStamp,
  ): UploadItem {
    const item: UploadItem = {
      id: randomUUID(),
      name,
      bucket: target.bucket,
      key,
      total: size,
      confirmed: 0,
      loaded: 0,
      bytesPerSecond: 0,
      etaSeconds: null,
      state,
      addedAt: Date.now(),
    };
    const e: Entry = { item, path, target, meter: this.newMeter(item.id), run: { kind: 'idle' }, seq: this.nextSeq++ };
    if (planned) e.planned = planned;
    this.entries.set(item.id, e);
    this.scheduler.track(e);
    return { ...item };
  }

  private newMeter(id: string): ProgressMeter {
    return new ProgressMeter(() => {
      const e = this.entries.get(id);
      if (e) this.feed.later(id, () => viewItem(e.item, e.meter));
    });
  }

  /**
   * A job's own progress (starting, uploading, retrying, completing) is news only while the item is queued or
   * active: once a pause, a cancel or a failure has taken it over, or the run has ended, it no longer applies.
   */
  private report(e: Entry, next: UploadState): void {
    const from = e.item.state.kind;
    if (from === 'queued' || isActive(from)) this.setState(e, next);
  }

  private setState(e: Entry, next: UploadState): void {
    const from = e.item.state.kind;
    // A repeated state is no news ('uploading' as each part lands, 'starting' once a leftover is removed), except
    // 'retrying', which carries a new attempt and delay.
    if (from === next.kind && from !== 'retrying') return;
    if (!canTransition(from, next.kind)) return refuseTransition(e.item.key, from, next.kind);
    e.item.state = next;
    if (next.kind === 'done') this.finished?.record(historyEntryFor(e.item, e.target, next.etag));
    this.scheduler.track(e);
    if (next.kind !== 'uploading') e.meter.resetSpeed();
    this.feed.now(viewItem(e.item, e.meter));
    // Only a file that ran decides for the rest; the queued files it fails do not start another round.
    if (next.kind === 'failed' && from !== 'queued')
      failQueuedAlike(this.entries.values(), e, next.error, (q, s) => this.setState(q, s));
  }

  /**
   * Paused, holding an upload no journal entry names: a create that went unanswered ('left-behind'), or any upload
   * when there is no journal (no stateDir).
   */
  private lostAtExit(e: Entry): boolean {
    if (e.item.state.kind !== 'paused') return false;
    return (e.run.kind === 'left-behind' && e.run.job.mayHoldUpload) || (e.run.kind === 'resumable' && !this.journal);
  }

  private sampleSpeeds(): void {
    const now = Date.now();
    for (const e of this.scheduler.activeEntries()) {
      e.meter.sample(now);
      // A stalled upload reports no progress, so nothing would send its row again: its last speed and time left
      // would stay on screen. While the speed it last showed is above 0, it goes out with each batch, falling to 0.
      if (e.item.bytesPerSecond > 0) this.feed.later(e.item.id, () => viewItem(e.item, e.meter));
    }
  }
}

/** The caller's notice hook: a hook that throws must not fail the request whose refusal taught the region. */
function tellRegionCorrected(options: EngineOptions, notice: RegionNotice): void {
  try {
    options.onRegionCorrected?.(notice);
  } catch {
    // The region is learned and used all the same; only the notice is lost.
  }
}
