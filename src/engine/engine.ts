// The upload queue: owns every item's state, runs files a few at a time, and turns cancel requests into aborted
// requests plus verified cleanup. Plain Node: the CLI, the Electron main process and the tests all drive this.
import { randomUUID } from 'node:crypto';
import type { Endpoint, Target } from '../shared/target';
import type { QueueTotals, UploadItem } from '../shared/upload-item';
import { canTransition, isActive, isFinished, type UploadState } from '../shared/upload-state';
import { ChangeFeed } from './change-feed';
import { checkConnection, objectExists } from './connection-check';
import { classify, describeEndpoint, HoistError } from './errors';
import { expandSources } from './expand-sources';
import { FileJob, type JobSettings } from './file-job';
import { keyFor, validateKey } from './keys';
import { Limiter } from './limiter';
import * as L from './limits';
import { planParts, validatePartSize } from './part-plan';
import { etaSeconds, ProgressMeter } from './progress-meter';
import { ClientPool, checksumSetting, validateEndpointUrl } from './s3-client';
import { RequestFailed } from './with-retries';
import type { AddResult, EngineEvent, EngineOptions, UploadEngineApi } from './types';

interface Entry {
  item: UploadItem;
  path: string;
  target: Target;
  meter: ProgressMeter;
  controller?: AbortController;
  job?: FileJob;
  cancelRequested: boolean;
  /** Resolves when the current run (and its cleanup) has settled. */
  running?: Promise<void>;
}

export class UploadEngine implements UploadEngineApi {
  private readonly entries = new Map<string, Entry>();
  private readonly opts: Required<EngineOptions>;
  private readonly parts: Limiter;
  private readonly clients: ClientPool;
  private readonly feed: ChangeFeed;
  private activeFiles = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(options: EngineOptions = {}) {
    const filesInParallel = options.filesInParallel ?? L.DEFAULT_FILES_IN_PARALLEL;
    const partsPerFile = options.partsPerFile ?? L.DEFAULT_PARTS_PER_FILE;
    this.opts = {
      filesInParallel, partsPerFile,
      maxPartsInFlight: options.maxPartsInFlight ?? filesInParallel * partsPerFile,
      partSize: options.partSize ?? L.DEFAULT_PART_SIZE,
      multipartThreshold: options.multipartThreshold ?? L.DEFAULT_MULTIPART_THRESHOLD,
      maxAttempts: options.maxAttempts ?? 5,
      retryBaseDelayMs: options.retryBaseDelayMs ?? 250,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
      progressIntervalMs: options.progressIntervalMs ?? 100,
      cleanupAttempts: options.cleanupAttempts ?? 5,
      unreachableBudgetMs: options.unreachableBudgetMs ?? 20_000,
    };
    validatePartSize(this.opts.partSize);
    this.parts = new Limiter(this.opts.maxPartsInFlight);
    this.clients = new ClientPool({ connectTimeoutMs: this.opts.connectTimeoutMs, requestTimeoutMs: this.opts.requestTimeoutMs });
    this.feed = new ChangeFeed(this.opts.progressIntervalMs, () => this.sampleSpeeds());
  }

  async add(paths: string[], target: Target): Promise<AddResult> {
    validateTarget(target);
    const { files, problems } = await expandSources(paths);
    const rejected: AddResult['rejected'] = problems.map((p) => ({ ...p }));
    const items: UploadItem[] = [];
    const single = files.length === 1 && paths.length === 1;
    for (const f of files) {
      const key = single ? keyFor(target.prefix, f.name) : keyFor(target.prefix.endsWith('/') || !target.prefix ? target.prefix : `${target.prefix}/`, f.name);
      try {
        validateKey(key, f.path);
        if (f.size >= this.opts.multipartThreshold) planParts(f.size, this.opts.partSize, f.path);
      } catch (err) {
        const e = err as HoistError;
        rejected.push({ path: f.path, key, code: e.code, message: e.message });
        continue;
      }
      const item: UploadItem = {
        id: randomUUID(), name: f.name, bucket: target.bucket, key, total: f.size, loaded: 0, bytesPerSecond: 0,
        etaSeconds: null, state: { kind: 'queued' }, addedAt: Date.now(),
      };
      this.entries.set(item.id, { item, path: f.path, target, meter: this.newMeter(item.id), cancelRequested: false });
      items.push({ ...item });
    }
    if (items.length) this.feed.emitItems(items);
    this.pump();
    return { items, rejected };
  }

  async cancel(id: string): Promise<void> {
    const e = this.entries.get(id);
    if (!e) return;
    const kind = e.item.state.kind;
    if (kind === 'queued' || (kind === 'paused' && !e.running)) {
      this.setState(e, { kind: 'cancelled', cleanup: 'none-needed' });
      this.checkIdle();
      return;
    }
    if (isActive(kind) || kind === 'paused') {
      e.cancelRequested = true;
      this.setState(e, { kind: 'cancelling' });
      e.controller?.abort();
    }
    await e.running;
  }

  async cancelAll(): Promise<void> {
    // Queued items first, so that none of them starts while the active ones are being stopped.
    const all = [...this.entries.values()];
    for (const e of all) if (e.item.state.kind === 'queued') void this.cancel(e.item.id);
    await Promise.all(all.map((e) => this.cancel(e.item.id)));
  }

  retry(id: string, target?: Target): void {
    const e = this.entries.get(id);
    if (!e) return;
    const state = e.item.state;
    if (state.kind === 'cleanup-failed') {
      this.setState(e, { kind: 'cancelling' });
      e.running = this.finishCancel(e);
      return;
    }
    if (state.kind !== 'failed' && state.kind !== 'cancelled') return;
    if (target) {
      validateTarget(target);
      e.target = target;
      e.item.bucket = target.bucket;
    }
    e.meter = this.newMeter(id);
    e.cancelRequested = false;
    e.job = undefined;
    e.item.loaded = 0;
    this.setState(e, { kind: 'queued' });
    this.pump();
  }

  remove(id: string): void {
    const e = this.entries.get(id);
    if (!e || !isFinished(e.item.state.kind)) return;
    this.entries.delete(id);
    this.feed.removed([id]);
  }

  clearFinished(): void {
    const ids = [...this.entries.values()].filter((e) => e.item.state.kind === 'done' || e.item.state.kind === 'cancelled').map((e) => e.item.id);
    for (const id of ids) this.entries.delete(id);
    this.feed.removed(ids);
  }

  get(id: string): UploadItem | undefined {
    const e = this.entries.get(id);
    return e ? this.read(e) : undefined;
  }

  snapshot(): UploadItem[] {
    return [...this.entries.values()].map((e) => this.read(e));
  }

  totals(): QueueTotals {
    const t: QueueTotals = { count: 0, active: 0, queued: 0, done: 0, failed: 0, cancelled: 0, loaded: 0, total: 0, bytesPerSecond: 0 };
    for (const e of this.entries.values()) {
      const k = e.item.state.kind;
      t.count++;
      if (isActive(k) || k === 'cancelling') t.active++;
      else if (k === 'queued') t.queued++;
      else if (k === 'done') t.done++;
      else if (k === 'failed' || k === 'cleanup-failed') t.failed++;
      else if (k === 'cancelled') t.cancelled++;
      if (k !== 'cancelled') {
        t.loaded += k === 'done' ? e.item.total : e.meter.loaded;
        t.total += e.item.total;
      }
      t.bytesPerSecond += e.item.bytesPerSecond;
    }
    return t;
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
    return objectExists(this.clients.get(target), target, key);
  }

  async close(): Promise<void> {
    await this.cancelAll();
    this.feed.stop();
    this.clients.destroy();
  }

  private pump(): void {
    for (const e of this.entries.values()) {
      if (this.activeFiles >= this.opts.filesInParallel) break;
      if (e.item.state.kind === 'queued' && !e.running) {
        this.activeFiles++;
        e.running = this.execute(e).finally(() => {
          this.activeFiles--;
          e.running = undefined;
          this.pump();
          this.checkIdle();
        });
      }
    }
    this.checkIdle();
  }

  private async execute(e: Entry): Promise<void> {
    const endpointName = describeEndpoint(e.target.endpointUrl, e.target.region);
    e.controller = new AbortController();
    let client;
    try {
      client = this.clients.get(e.target);
    } catch (err) {
      const c = classify(err, { file: e.path, bucket: e.target.bucket, key: e.item.key, endpoint: endpointName });
      this.setState(e, { kind: 'failed', error: { code: c.code, message: c.message }, cleanup: 'none-needed' });
      return;
    }
    const meter = e.meter;
    const job = new FileJob({ path: e.path, name: e.item.name, bucket: e.target.bucket, key: e.item.key }, client, this.parts, meter, this.jobSettings(e.target), (s) => this.setState(e, s), endpointName);
    e.job = job;
    try {
      const result = await job.run(e.controller.signal);
      if (e.cancelRequested) return await this.finishCancel(e);
      meter.loaded = e.item.total = job.size ?? e.item.total;
      this.setState(e, { kind: 'done', etag: result.etag, bytesSent: result.bytesSent });
    } catch (err) {
      if (e.cancelRequested) return await this.finishCancel(e);
      const detail = err instanceof RequestFailed ? err.detail : classify(err, { file: e.path, bucket: e.target.bucket, key: e.item.key, endpoint: endpointName });
      const uploadId = job.uploadId;
      const outcome = uploadId ? await job.cleanup() : undefined;
      const cleanup = !outcome ? 'none-needed' : outcome.kind === 'cleanup-failed' ? 'failed' : 'verified';
      this.setState(e, { kind: 'failed', error: { code: detail.code, message: detail.message }, cleanup, ...(cleanup === 'failed' ? { uploadId } : {}) });
    }
  }

  private async finishCancel(e: Entry): Promise<void> {
    const outcome = e.job ? await e.job.cleanup() : ({ kind: 'cancelled', cleanup: 'none-needed' } as const);
    if (outcome.kind === 'cancelled') this.setState(e, { kind: 'cancelled', cleanup: outcome.cleanup });
    else this.setState(e, { kind: 'cleanup-failed', uploadId: outcome.uploadId, error: { code: 'CleanupUnverified', message: outcome.message } });
  }

  private newMeter(id: string): ProgressMeter {
    return new ProgressMeter(() => {
      const e = this.entries.get(id);
      if (e) this.feed.later(id, () => this.read(e));
    });
  }

  private jobSettings(target: Target): JobSettings {
    return {
      partSize: this.opts.partSize, multipartThreshold: this.opts.multipartThreshold, partsPerFile: this.opts.partsPerFile,
      cleanupAttempts: this.opts.cleanupAttempts, crc32: checksumSetting(target) === 'WHEN_SUPPORTED',
      retry: { maxAttempts: this.opts.maxAttempts, baseDelayMs: this.opts.retryBaseDelayMs, unreachableBudgetMs: this.opts.unreachableBudgetMs },
    };
  }

  private setState(e: Entry, next: UploadState): void {
    const from = e.item.state.kind;
    // Once a cancel is asked, only the cancel path may move the item on.
    if (e.cancelRequested && !['cancelling', 'cancelled', 'cleanup-failed'].includes(next.kind)) return;
    if (from === next.kind) {
      // Repeated 'uploading' (a part finished) is no news; a new 'retrying' carries a new attempt and delay.
      if (from !== 'retrying') return;
    } else if (!canTransition(from, next.kind)) {
      return;
    }
    e.item.state = next;
    if (next.kind !== 'uploading') e.meter.resetSpeed();
    this.feed.now(this.read(e));
  }

  private read(e: Entry): UploadItem {
    const now = Date.now();
    const active = isActive(e.item.state.kind);
    const bps = active ? e.meter.bytesPerSecond(now) : 0;
    e.item.loaded = e.item.state.kind === 'done' ? e.item.total : e.meter.loaded;
    e.item.bytesPerSecond = bps;
    e.item.etaSeconds = active ? etaSeconds(e.item.total, e.item.loaded, bps) : null;
    return { ...e.item, state: { ...e.item.state } as UploadState };
  }

  private sampleSpeeds(): void {
    const now = Date.now();
    for (const e of this.entries.values()) if (isActive(e.item.state.kind)) e.meter.sample(now);
  }

  private isIdle(): boolean {
    for (const e of this.entries.values()) {
      const k = e.item.state.kind;
      if (e.running || k === 'queued' || isActive(k) || k === 'cancelling') return false;
    }
    return true;
  }

  private checkIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}

function validateTarget(target: Target): void {
  validateEndpointUrl(target.endpointUrl);
  if (!target.bucket) throw new HoistError('InvalidBucket', 'No bucket given. Name the bucket to upload to.');
}
