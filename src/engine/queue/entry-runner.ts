// Runs one queued file: makes its FileJob, turns the job's outcome into the item's final state, and on a cancel (or a
// failure with a multipart upload) cleans up and says what the server holds. The engine decides when; this does it.
import type { Target } from '../../shared/target';
import type { UploadState } from '../../shared/upload-state';
import type { ResolvedOptions } from './engine-options';
import type { Entry } from './entry';
import { classify, describeEndpoint } from '../s3/errors';
import { FileJob } from '../job/file-job';
import { jobJournal } from '../journal/job-journal';
import type { Journal } from '../journal/journal-store';
import type { Limiter } from '../throttle/part-slots';
import { RateLimiter } from '../throttle/speed-limit';
import type { ClientPool } from '../s3/s3-client';
import { RequestFailed } from '../s3/with-retries';

export interface RunnerDeps {
  opts: ResolvedOptions;
  clients: ClientPool;
  /** The global cap on parts in flight. */
  parts: Limiter;
  journal: Journal | undefined;
  /** The engine-wide speed limit, if any. */
  globalLimit: RateLimiter | undefined;
  setState(e: Entry, next: UploadState): void;
}

export class EntryRunner {
  private readonly targetLimits = new Map<string, RateLimiter>();

  constructor(private readonly deps: RunnerDeps) {}

  async execute(e: Entry): Promise<void> {
    e.controller = new AbortController();
    e.stopping = undefined;
    let job: FileJob;
    try {
      job = e.job = this.makeJob(e);
    } catch (err) {
      const c = classify(err, this.errorContext(e));
      this.deps.setState(e, { kind: 'failed', error: { code: c.code, message: c.message }, cleanup: 'none-needed' });
      return;
    }
    if (e.leftover && !(await this.removeLeftover(e, e.leftover))) return;
    // A resume keeps the confirmed bytes on screen until the server's listing recounts them; a fresh run starts at 0.
    e.meter.restart(e.resumeFrom !== undefined);
    try {
      const result = await job.run(e.controller.signal, e.resumeFrom);
      if (e.stopping === 'cancel') return await this.finishCancel(e);
      e.item.total = job.size ?? e.item.total;
      this.deps.setState(e, { kind: 'done', etag: result.etag, bytesSent: result.bytesSent });
    } catch (err) {
      if (e.stopping === 'cancel') return await this.finishCancel(e);
      if (e.stopping === 'pause') {
        e.resumeFrom = job.resumePoint();
        this.deps.setState(e, { kind: 'paused' });
        e.stopping = undefined;
        return;
      }
      const detail = err instanceof RequestFailed ? err.detail : classify(err, this.errorContext(e));
      const error = { code: detail.code, message: detail.message };
      // The cleanup can take seconds (longer when the endpoint is unreachable): the row says what is going on meanwhile
      // instead of showing its last retry.
      const mayHoldUpload = job.mayHoldUpload;
      if (mayHoldUpload) this.deps.setState(e, { kind: 'failing', error });
      const outcome = mayHoldUpload ? await job.cleanup() : undefined;
      // The Complete's answer was lost but the server finished it: the upload succeeded, whatever the request said.
      if (outcome?.kind === 'cancelled' && outcome.cleanup === 'object-kept' && outcome.etag !== undefined) {
        e.resumeFrom = undefined;
        this.deps.setState(e, { kind: 'done', etag: outcome.etag, bytesSent: e.meter.sent });
        return;
      }
      const cleanup = !outcome ? 'none-needed' : outcome.kind === 'cleanup-failed' ? 'failed' : 'verified';
      const uploadId = outcome?.kind === 'cleanup-failed' ? outcome.uploadId : undefined;
      e.resumeFrom = undefined;
      this.deps.setState(e, { kind: 'failed', error, cleanup, ...(uploadId ? { uploadId } : {}) });
    }
  }

  /**
   * Before a retry: removes what the failed run left on the server (its upload aborted and checked gone). Answers
   * false, with the item failed again and the upload kept for a later try, when that cannot be confirmed: starting a
   * second upload would leave the first one's parts behind for good.
   */
  private async removeLeftover(e: Entry, leftover: FileJob): Promise<boolean> {
    this.deps.setState(e, { kind: 'starting' });
    const outcome = await leftover.cleanup();
    if (outcome.kind !== 'cleanup-failed') e.leftover = undefined;
    if (e.stopping === 'cancel') {
      // Nothing of the new run was sent; what the cancel leaves is what the removal left.
      if (outcome.kind === 'cleanup-failed') this.deps.setState(e, { kind: 'cleanup-failed', ...(outcome.uploadId ? { uploadId: outcome.uploadId } : {}), error: { code: 'CleanupUnverified', message: outcome.message } });
      else this.deps.setState(e, { kind: 'cancelled', cleanup: outcome.cleanup });
      e.stopping = undefined;
      return false;
    }
    if (outcome.kind === 'cleanup-failed') {
      const error = { code: 'CleanupUnverified', message: `${outcome.message} The upload is not started again until its earlier parts are removed.` };
      this.deps.setState(e, { kind: 'failed', error, cleanup: 'failed', ...(outcome.uploadId ? { uploadId: outcome.uploadId } : {}) });
      return false;
    }
    return true;
  }

  async finishCancel(e: Entry): Promise<void> {
    let job = e.job;
    if (!job || (!job.uploadId && e.resumeFrom)) {
      job = e.job = this.makeJob(e);
      if (e.resumeFrom) job.adoptUpload(e.resumeFrom.uploadId, e.resumeFrom.startedAt);
    }
    const outcome = await job.cleanup();
    e.resumeFrom = undefined;
    if (outcome.kind === 'cancelled') this.deps.setState(e, { kind: 'cancelled', cleanup: outcome.cleanup });
    else this.deps.setState(e, { kind: 'cleanup-failed', uploadId: outcome.uploadId, error: { code: 'CleanupUnverified', message: outcome.message } });
    e.stopping = undefined;
  }

  private makeJob(e: Entry): FileJob {
    const t = e.target;
    const journal = this.deps.journal && jobJournal(this.deps.journal, {
      path: e.path, endpointUrl: t.endpointUrl || undefined, region: t.region, forcePathStyle: t.forcePathStyle, checksum: t.checksum,
      profileId: t.profileId, bucket: t.bucket, key: e.item.key,
    }, e.restored);
    const settings = {
      ...this.deps.opts.job,
      partSize: t.partSize ?? this.deps.opts.job.partSize,
      partsPerFile: t.partsPerFile && t.partsPerFile >= 1 ? Math.floor(t.partsPerFile) : this.deps.opts.job.partsPerFile,
      integrity: this.deps.clients.integrity(t),
      limiters: this.limitersFor(t),
    };
    return new FileJob({ path: e.path, name: e.item.name, bucket: t.bucket, key: e.item.key }, this.deps.clients.get(t), this.deps.parts, e.meter, settings, (s) => this.deps.setState(e, s), describeEndpoint(t.endpointUrl, t.region), journal);
  }

  /** The engine-wide speed limit, and the target's own, shared by every upload to the same profile or endpoint. */
  private limitersFor(t: Target): RateLimiter[] {
    const list = this.deps.globalLimit ? [this.deps.globalLimit] : [];
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
}
