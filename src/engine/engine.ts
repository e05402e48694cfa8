// The upload queue: owns every item's state, runs files a few at a time, and turns cancel and pause requests into
// aborted requests (plus verified cleanup for a cancel). Plain Node: the CLI, the Electron main process and the
// tests all drive this.
import { randomUUID } from 'node:crypto';
import type { Endpoint, Target } from '../shared/target';
import type { QueueTotals, UploadItem } from '../shared/upload-item';
import { canTransition, isActive, isFinished, type UploadState } from '../shared/upload-state';
import { ChangeFeed } from './change-feed';
import { checkConnection } from './connection-check';
import { existingKeys } from './existing-keys';
import { resolveOptions, type ResolvedOptions } from './engine-options';
import { classify, describeEndpoint, HoistError } from './errors';
import { expandSources } from './expand-sources';
import { FileJob, type ResumePoint } from './file-job';
import { abortIncomplete, listIncomplete, type IncompleteUpload, type AbortResult } from './incomplete-uploads';
import { jobJournal } from './job-journal';
import { Journal, type JournalEntry } from './journal';
import { keyFor, validateKey } from './keys';
import { Limiter } from './limiter';
import { planParts, validatePartSize } from './part-plan';
import { RateLimiter } from './rate-limiter';
import { ProgressMeter } from './progress-meter';
import { totalsOf, viewItem } from './queue-view';
import { ClientPool, checksumSetting, validateEndpointUrl } from './s3-client';
import { RequestFailed } from './with-retries';
import type { AddResult, EngineEvent, EngineOptions, UploadEngineApi } from './types';
import { SeqHeap } from './seq-heap';

interface Entry {
  item: UploadItem;
  path: string;
  target: Target;
  meter: ProgressMeter;
  controller?: AbortController;
  job?: FileJob;
  /** Set by cancel() or pause(): what the running job's abort means. */
  stopping?: 'cancel' | 'pause';
  /** A multipart upload to continue instead of starting afresh. */
  resumeFrom?: ResumePoint;
  restored?: JournalEntry;
  /** Resolves when the current run (and its cleanup) has settled. */
  running?: Promise<void>;
  /** Order of addition: the queue starts files in this order. */
  seq: number;
  /** Whether the entry is in the engine's heap of queued entries. */
  waiting?: boolean;
}

export class UploadEngine implements UploadEngineApi {
  private readonly entries = new Map<string, Entry>();
  private readonly opts: ResolvedOptions;
  private readonly parts: Limiter;
  private readonly clients: ClientPool;
  private readonly feed: ChangeFeed;
  private readonly journal: Journal | undefined;
  private readonly globalLimit: RateLimiter | undefined;
  private readonly targetLimits = new Map<string, RateLimiter>();
  private activeFiles = 0;
  private idleWaiters: (() => void)[] = [];
  private nextSeq = 0;
  // With thousands of files, scanning every entry on each start and finish made the queue quadratic (0.3 s of CPU
  // for 1,000 small files, ~30 s for 10,000): queued entries wait in a heap by order of addition instead, and the
  // entries that keep the engine busy are kept in a set.
  private readonly waiting = new SeqHeap<Entry>();
  private readonly busy = new Set<Entry>();

  constructor(options: EngineOptions = {}) {
    this.opts = resolveOptions(options);
    this.parts = new Limiter(this.opts.maxPartsInFlight);
    this.clients = new ClientPool({ connectTimeoutMs: this.opts.connectTimeoutMs, requestTimeoutMs: this.opts.requestTimeoutMs });
    this.feed = new ChangeFeed(this.opts.progressIntervalMs, () => this.sampleSpeeds());
    this.journal = options.stateDir ? new Journal(options.stateDir) : undefined;
    this.globalLimit = options.bytesPerSecond && options.bytesPerSecond > 0 ? new RateLimiter(options.bytesPerSecond) : undefined;
  }

  async add(paths: string[], target: Target): Promise<AddResult> {
    validateTarget(target);
    const { files, problems } = await expandSources(paths);
    const rejected: AddResult['rejected'] = problems.map((p) => ({ ...p }));
    const items: UploadItem[] = [];
    // Only a single file named on its own may be given an exact key; folders and several files go under the prefix.
    const singleFile = paths.length === 1 && files.length === 1 && !files[0]!.name.includes('/');
    const prefix = singleFile ? target.prefix : asFolder(target.prefix);
    for (const f of files) {
      const key = keyFor(prefix, f.name);
      try {
        validateKey(key, f.path);
        if (f.size >= this.opts.multipartThreshold) planParts(f.size, target.partSize ?? this.opts.partSize, f.path);
      } catch (err) {
        const e = err as HoistError;
        rejected.push({ path: f.path, key, code: e.code, message: e.message });
        continue;
      }
      items.push(this.enqueue(f.path, f.name, key, f.size, target, { kind: 'queued' }));
    }
    if (items.length) this.feed.emitItems(items);
    this.pump();
    return { items, rejected };
  }

  /** Adds interrupted uploads from the journal as paused items; resume() or cancel() then decides their fate. */
  restore(entries: JournalEntry[], targetFor: (entry: JournalEntry) => Target): UploadItem[] {
    const known = new Set([...this.entries.values()].map((e) => e.resumeFrom?.uploadId ?? e.job?.uploadId));
    const items: UploadItem[] = [];
    for (const j of entries) {
      if (known.has(j.uploadId)) continue;
      const name = j.path.split(/[\\/]/).pop() ?? j.key;
      const target = { ...targetFor(j), bucket: j.bucket };
      const item = this.enqueue(j.path, name, j.key, j.size, target, { kind: 'paused' });
      const e = this.entries.get(item.id)!;
      e.resumeFrom = { uploadId: j.uploadId, partSize: j.partSize, expect: { size: j.size, mtimeMs: j.mtimeMs } };
      e.restored = j;
      items.push(item);
    }
    if (items.length) this.feed.emitItems(items);
    return items;
  }

  /** Journal entries of uploads not in this queue: what a crash or a quit left unfinished. */
  async interrupted(): Promise<JournalEntry[]> {
    if (!this.journal) return [];
    const inQueue = new Set([...this.entries.values()].map((e) => e.resumeFrom?.uploadId ?? e.job?.uploadId));
    return (await this.journal.list()).filter((j) => !inQueue.has(j.uploadId));
  }

  async cancel(id: string): Promise<void> {
    const e = this.entries.get(id);
    if (!e) return;
    const kind = e.item.state.kind;
    if (kind === 'queued' || (kind === 'paused' && !e.running && !e.resumeFrom)) {
      this.setState(e, { kind: 'cancelled', cleanup: 'none-needed' });
    } else if (kind === 'paused' && !e.running) {
      this.setState(e, { kind: 'cancelling' });
      this.setRunning(e, this.finishCancel(e));
    } else if (isActive(kind)) {
      e.stopping = 'cancel';
      this.setState(e, { kind: 'cancelling' });
      e.controller?.abort();
    }
    await e.running;
    this.checkIdle();
  }

  /** Drops journal entries without touching the server: for uploads that can no longer be reached or discarded. */
  async forgetInterrupted(uploadIds: string[]): Promise<void> {
    if (!this.journal) return;
    const ids = new Set(uploadIds);
    for (const entry of await this.journal.list()) if (ids.has(entry.uploadId)) await this.journal.remove(entry);
  }

  async cancelAll(): Promise<void> {
    // Queued items first, so that none of them starts while the active ones are being stopped.
    const all = [...this.entries.values()];
    for (const e of all) if (e.item.state.kind === 'queued') void this.cancel(e.item.id);
    await Promise.all(all.map((e) => this.cancel(e.item.id)));
  }

  /** Stops sending but keeps the multipart upload and its finished parts on the server. */
  async pause(id: string): Promise<void> {
    const e = this.entries.get(id);
    if (!e) return;
    const kind = e.item.state.kind;
    if (kind === 'queued') this.setState(e, { kind: 'paused' });
    else if (kind === 'starting' || kind === 'uploading' || kind === 'retrying') {
      e.stopping = 'pause';
      e.controller?.abort();
      await e.running;
    }
  }

  async pauseAll(): Promise<void> {
    await Promise.all([...this.entries.keys()].map((id) => this.pause(id)));
  }

  resume(id: string): void {
    const e = this.entries.get(id);
    if (!e || e.item.state.kind !== 'paused') return;
    this.setState(e, { kind: 'queued' });
    this.pump();
  }

  resumeAll(): void {
    for (const id of this.entries.keys()) this.resume(id);
  }

  retry(id: string, target?: Target): void {
    const e = this.entries.get(id);
    if (!e) return;
    if (e.item.state.kind === 'cleanup-failed') {
      this.setState(e, { kind: 'cancelling' });
      this.setRunning(e, this.finishCancel(e));
      return;
    }
    if (e.item.state.kind !== 'failed' && e.item.state.kind !== 'cancelled') return;
    if (target) {
      validateTarget(target);
      e.target = target;
      e.item.bucket = target.bucket;
    }
    Object.assign(e, { meter: this.newMeter(id), stopping: undefined, job: undefined, resumeFrom: undefined, restored: undefined });
    this.setState(e, { kind: 'queued' });
    this.pump();
  }

  remove(id: string): void {
    const e = this.entries.get(id);
    if (!e || !isFinished(e.item.state.kind)) return;
    this.entries.delete(id);
    this.busy.delete(e);
    this.feed.removed([id]);
  }

  clearFinished(): void {
    const finished = [...this.entries.values()].filter((e) => e.item.state.kind === 'done' || e.item.state.kind === 'cancelled');
    const ids = finished.map((e) => e.item.id);
    for (const e of finished) {
      this.entries.delete(e.item.id);
      this.busy.delete(e);
    }
    this.feed.removed(ids);
  }

  get(id: string): UploadItem | undefined {
    const e = this.entries.get(id);
    return e ? viewItem(e.item, e.meter) : undefined;
  }

  snapshot(): UploadItem[] {
    return [...this.entries.values()].map((e) => viewItem(e.item, e.meter));
  }

  totals(): QueueTotals {
    return totalsOf(this.snapshot());
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    return this.feed.subscribe(listener);
  }

  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  testConnection(endpoint: Endpoint, bucket: string) {
    return checkConnection(() => this.clients.get(endpoint), endpoint, bucket);
  }

  async keyExists(target: Target, key: string): Promise<boolean> {
    return (await existingKeys(this.clients.get(target), target.bucket, [key])).has(key);
  }

  existingKeys(target: Target, keys: string[]): Promise<Set<string>> {
    return existingKeys(this.clients.get(target), target.bucket, keys);
  }

  async listIncomplete(endpoint: Endpoint, bucket: string, prefix = ''): Promise<IncompleteUpload[]> {
    const ours = new Set((await this.journal?.list())?.map((j) => j.uploadId));
    return listIncomplete(this.clients.get(endpoint), bucket, prefix, ours);
  }

  async abortIncomplete(endpoint: Endpoint, bucket: string, uploads: { key: string; uploadId: string }[]): Promise<AbortResult[]> {
    const results = await abortIncomplete(this.clients.get(endpoint), bucket, uploads, this.opts.cleanupAttempts);
    for (const r of results) if (r.verified) await this.journal?.remove({ bucket, key: r.key, uploadId: r.uploadId });
    return results;
  }

  async close(options: { keepPaused?: boolean } = {}): Promise<void> {
    if (options.keepPaused) await this.pauseAll();
    else await this.cancelAll();
    this.feed.stop();
    this.clients.destroy();
  }

  private enqueue(path: string, name: string, key: string, size: number, target: Target, state: UploadState): UploadItem {
    const item: UploadItem = { id: randomUUID(), name, bucket: target.bucket, key, total: size, loaded: 0, bytesPerSecond: 0, etaSeconds: null, state, addedAt: Date.now() };
    const e: Entry = { item, path, target, meter: this.newMeter(item.id), seq: this.nextSeq++ };
    this.entries.set(item.id, e);
    this.track(e);
    return { ...item };
  }

  private pump(): void {
    const stillRunning: Entry[] = [];
    while (this.activeFiles < this.opts.filesInParallel) {
      const e = this.waiting.pop();
      if (!e) break;
      if (e.item.state.kind !== 'queued' || !this.entries.has(e.item.id)) continue;
      // Queued again while its last run is still settling: it starts once that run is over.
      if (e.running) {
        stillRunning.push(e);
        continue;
      }
      this.activeFiles++;
      this.setRunning(e, this.execute(e), () => {
        this.activeFiles--;
        this.pump();
        this.checkIdle();
      });
    }
    for (const e of stillRunning) this.waiting.push(e);
    this.checkIdle();
  }

  /** Marks the entry as running until the promise settles (then runs after(), if given). */
  private setRunning(e: Entry, run: Promise<void>, after?: () => void): void {
    e.running = run.finally(() => {
      e.running = undefined;
      this.track(e);
      after?.();
    });
    this.track(e);
  }

  /** Keeps the busy set and the heap of queued entries current; called whenever state or running changes. */
  private track(e: Entry): void {
    const k = e.item.state.kind;
    if (e.running || k === 'queued' || isActive(k) || k === 'cancelling') this.busy.add(e);
    else this.busy.delete(e);
    if (k === 'queued') this.waiting.push(e);
  }

  private async execute(e: Entry): Promise<void> {
    e.controller = new AbortController();
    e.stopping = undefined;
    let job: FileJob;
    try {
      job = e.job = this.makeJob(e);
    } catch (err) {
      const c = classify(err, this.errorContext(e));
      this.setState(e, { kind: 'failed', error: { code: c.code, message: c.message }, cleanup: 'none-needed' });
      return;
    }
    // Bytes of a previous run (before a pause) are recounted from what the server lists.
    e.meter.loaded = 0;
    try {
      const result = await job.run(e.controller.signal, e.resumeFrom);
      if (e.stopping === 'cancel') return await this.finishCancel(e);
      e.item.total = job.size ?? e.item.total;
      this.setState(e, { kind: 'done', etag: result.etag, bytesSent: result.bytesSent });
    } catch (err) {
      if (e.stopping === 'cancel') return await this.finishCancel(e);
      if (e.stopping === 'pause') {
        e.resumeFrom = job.resumePoint();
        this.setState(e, { kind: 'paused' });
        e.stopping = undefined;
        return;
      }
      const detail = err instanceof RequestFailed ? err.detail : classify(err, this.errorContext(e));
      const outcome = job.uploadId ? await job.cleanup() : undefined;
      const cleanup = !outcome ? 'none-needed' : outcome.kind === 'cleanup-failed' ? 'failed' : 'verified';
      e.resumeFrom = undefined;
      this.setState(e, { kind: 'failed', error: { code: detail.code, message: detail.message }, cleanup, ...(cleanup === 'failed' ? { uploadId: job.uploadId } : {}) });
    }
  }

  private async finishCancel(e: Entry): Promise<void> {
    let job = e.job;
    if (!job || (!job.uploadId && e.resumeFrom)) {
      job = e.job = this.makeJob(e);
      job.uploadId = e.resumeFrom?.uploadId;
    }
    const outcome = await job.cleanup();
    e.resumeFrom = undefined;
    if (outcome.kind === 'cancelled') this.setState(e, { kind: 'cancelled', cleanup: outcome.cleanup });
    else this.setState(e, { kind: 'cleanup-failed', uploadId: outcome.uploadId, error: { code: 'CleanupUnverified', message: outcome.message } });
    e.stopping = undefined;
  }

  private makeJob(e: Entry): FileJob {
    const t = e.target;
    const journal = this.journal && jobJournal(this.journal, {
      path: e.path, endpointUrl: t.endpointUrl || undefined, region: t.region, forcePathStyle: t.forcePathStyle, checksum: t.checksum,
      profileId: t.profileId, bucket: t.bucket, key: e.item.key,
    }, e.restored);
    const settings = {
      ...this.opts.job,
      partSize: t.partSize ?? this.opts.job.partSize,
      partsPerFile: t.partsPerFile && t.partsPerFile >= 1 ? Math.floor(t.partsPerFile) : this.opts.job.partsPerFile,
      crc32: checksumSetting(t) === 'WHEN_SUPPORTED',
      limiters: this.limitersFor(t),
    };
    return new FileJob({ path: e.path, name: e.item.name, bucket: t.bucket, key: e.item.key }, this.clients.get(t), this.parts, e.meter, settings, (s) => this.setState(e, s), describeEndpoint(t.endpointUrl, t.region), journal);
  }

  /** The engine-wide speed limit, and the target's own, shared by every upload to the same profile or endpoint. */
  private limitersFor(t: Target): RateLimiter[] {
    const list = this.globalLimit ? [this.globalLimit] : [];
    if (t.bytesPerSecond && t.bytesPerSecond > 0) {
      const id = `${t.profileId ?? t.endpointUrl ?? ''}:${t.bytesPerSecond}`;
      let limiter = this.targetLimits.get(id);
      if (!limiter) this.targetLimits.set(id, (limiter = new RateLimiter(t.bytesPerSecond)));
      list.push(limiter);
    }
    return list;
  }

  private errorContext(e: Entry) {
    return { file: e.path, bucket: e.target.bucket, key: e.item.key, endpoint: describeEndpoint(e.target.endpointUrl, e.target.region) };
  }

  private newMeter(id: string): ProgressMeter {
    return new ProgressMeter(() => {
      const e = this.entries.get(id);
      if (e) this.feed.later(id, () => viewItem(e.item, e.meter));
    });
  }

  private setState(e: Entry, next: UploadState): void {
    const from = e.item.state.kind;
    // Once a cancel or pause is asked, the job's own progress states no longer apply.
    if (e.stopping === 'cancel' && !['cancelling', 'cancelled', 'cleanup-failed'].includes(next.kind)) return;
    if (e.stopping === 'pause' && !['paused', 'failed'].includes(next.kind)) return;
    if (from === next.kind) {
      // Repeated 'uploading' (a part finished) is no news; a new 'retrying' carries a new attempt and delay.
      if (from !== 'retrying') return;
    } else if (!canTransition(from, next.kind)) {
      return;
    }
    e.item.state = next;
    this.track(e);
    if (next.kind !== 'uploading') e.meter.resetSpeed();
    this.feed.now(viewItem(e.item, e.meter));
  }

  private sampleSpeeds(): void {
    const now = Date.now();
    for (const e of this.entries.values()) if (isActive(e.item.state.kind)) e.meter.sample(now);
  }

  private isIdle(): boolean {
    return this.busy.size === 0;
  }

  private checkIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}

function asFolder(prefix: string): string {
  return prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
}

function validateTarget(target: Target): void {
  validateEndpointUrl(target.endpointUrl);
  if (target.partSize !== undefined) validatePartSize(target.partSize);
  if (!target.bucket) throw new HoistError('InvalidBucket', 'No bucket given. Name the bucket to upload to.');
}
