// Uploads one file: a single PUT below the threshold, a multipart upload above it. Every request carries the job's
// AbortSignal, so a cancel cuts the sockets at once; what is left on the server is then removed by cleanup().
import { stat } from 'node:fs/promises';
import {
  CompleteMultipartUploadCommand, CreateMultipartUploadCommand, DeleteObjectCommand,
  PutObjectCommand, type CompletedPart, type S3Client,
} from '@aws-sdk/client-s3';
import type { UploadState } from '../shared/upload-state';
import { abortError } from './backoff';
import { countingFileStream } from './counting-stream';
import { fileRangeCrc32, nativeCrc32 } from './file-checksum';
import { HoistError, type ErrorContext } from './errors';
import type { Limiter } from './limiter';
import { planParts, type PartPlan } from './part-plan';
import type { ProgressMeter } from './progress-meter';
import { RequestGroup } from './request-group';
import { completedObjectEtag, keepListedParts } from './resume-parts';
import { sendParts, type PartsJob } from './send-parts';
import { cleanupStoppedJob } from './stop-cleanup';
import { delayedSignal, listUploadedParts } from './uploaded-parts';
import { withRetries } from './with-retries';
import { toJournalPart } from './job-journal';
import type { CancelOutcome, JobFile, JobJournal, JobResult, JobSettings, ResumePoint } from './job-types';

export type { CancelOutcome, JobFile, JobJournal, JobResult, JobSettings, ResumePoint } from './job-types';

type SetState = (state: UploadState) => void;

/** How long a CreateMultipartUpload may finish after a cancel, so that its UploadId can be aborted rather than lost. */
const CREATE_GRACE_MS = 3000;

export class FileJob {
  uploadId: string | undefined;
  private partSize: number | undefined;
  /** Bytes the meter had counted before this run: bytesSent reports only what this run sent. */
  private sentBefore = 0;
  private snapshot: { size: number; mtimeMs: number } | undefined;
  private putStartedAt = 0;
  private putFullySent = false;
  private completed = false;
  /** When the multipart upload was created (or, resumed, when it was first created). */
  private startedAt: number | undefined;
  /** This run's requests, reset (not just closed) on cancel; see request-group.ts. */
  private group: RequestGroup | undefined;
  private readonly ctx: ErrorContext;

  constructor(
    private readonly file: JobFile,
    private readonly client: S3Client,
    private readonly limiter: Limiter,
    private readonly meter: ProgressMeter,
    private readonly settings: JobSettings,
    private readonly setState: SetState,
    endpointName: string,
    private readonly journal?: JobJournal,
  ) {
    this.ctx = { file: file.path, bucket: file.bucket, key: file.key, endpoint: endpointName };
  }

  async run(signal: AbortSignal, resume?: ResumePoint): Promise<JobResult> {
    this.group = new RequestGroup(signal);
    try {
      return await this.start(signal, resume);
    } finally {
      this.group.close();
    }
  }

  private async start(signal: AbortSignal, resume?: ResumePoint): Promise<JobResult> {
    this.sentBefore = this.meter.sent;
    this.setState({ kind: 'starting' });
    const st = await stat(this.file.path);
    if (!st.isFile()) throw new HoistError('NotAFile', `${this.file.path} is not a regular file.`);
    this.snapshot = { size: st.size, mtimeMs: st.mtimeMs };
    if (resume) {
      // Known at once, so that a pause landing before the parts are listed still leaves a resumable upload.
      this.uploadId = resume.uploadId;
      this.partSize = resume.partSize;
      this.startedAt = resume.startedAt;
      if (resume.expect && (resume.expect.size !== st.size || resume.expect.mtimeMs !== st.mtimeMs)) {
        throw new HoistError('FileChanged', `${this.file.path} changed since its upload was interrupted, so the upload cannot continue. Its partial upload is discarded; retry to upload the new version from the start.`);
      }
    }
    if (st.size < this.settings.multipartThreshold && !resume) return this.putSingle(st.size, signal);
    return this.multipart(st.size, signal, resume);
  }

  get size(): number | undefined {
    return this.snapshot?.size;
  }

  /** Where a paused upload would continue from: its multipart upload, if it has one and it is not complete. */
  resumePoint(): ResumePoint | undefined {
    if (!this.uploadId || this.completed || !this.partSize) return undefined;
    return { uploadId: this.uploadId, partSize: this.partSize, expect: this.snapshot, startedAt: this.startedAt };
  }

  private retryHooks() {
    return {
      onRetry: (attempt: number, delayMs: number, reason: { code: string; message: string }) =>
        this.setState({ kind: 'retrying', attempt, retryAt: Date.now() + delayMs, reason: reason.message, reasonCode: reason.code }),
    };
  }

  private async putSingle(size: number, signal: AbortSignal): Promise<JobResult> {
    this.setState({ kind: 'uploading' });
    const res = await withRetries(async () => {
      let sent = 0;
      const body = size === 0 ? Buffer.alloc(0) : countingFileStream(this.file.path, 0, size, (n) => {
        sent += n;
        this.meter.add(n);
        if (sent === size) this.putFullySent = true;
      }, this.settings.limiters);
      if (size === 0) this.putFullySent = true;
      this.putStartedAt = Date.now();
      try {
        const out = await this.client.send(
          new PutObjectCommand({
            Bucket: this.file.bucket, Key: this.file.key, Body: body, ContentLength: size,
            ChecksumCRC32: size > 0 ? await this.checksumOf(0, size, signal) : undefined,
          }),
          this.sendOptions(signal),
        );
        this.setState({ kind: 'completing' });
        return out;
      } catch (err) {
        this.meter.takeBack(sent);
        // After a cancel, a body that went out whole may still have been stored: cleanup() checks.
        if (!signal.aborted) this.putFullySent = false;
        throw err;
      } finally {
        if (!Buffer.isBuffer(body)) body.destroy();
      }
    }, this.settings.retry, this.ctx, signal, this.retryHooks());
    this.completed = true;
    if (await this.fileChanged()) {
      // The object mixes two versions of the file; Hoist just wrote it, so it removes it rather than leave it wrong.
      await this.client.send(new DeleteObjectCommand({ Bucket: this.file.bucket, Key: this.file.key }), { abortSignal: AbortSignal.timeout(10_000) }).catch(() => undefined);
      throw this.changedError();
    }
    return { etag: res.ETag ?? '', bytesSent: this.meter.sent - this.sentBefore };
  }

  private async multipart(size: number, signal: AbortSignal, resume?: ResumePoint): Promise<JobResult> {
    let plan: PartPlan | undefined;
    let done = new Map<number, CompletedPart>();
    if (resume) {
      const listed = await withRetries(() => listUploadedParts(this.client, this.file.bucket, this.file.key, resume.uploadId, signal), this.settings.retry, this.ctx, signal, this.retryHooks());
      if (listed) {
        const kept = keepListedParts(listed, size, resume.partSize);
        plan = kept.plan;
        this.partSize = plan.partSize;
        done = kept.done;
        this.meter.credit(kept.bytes);
        await this.journal?.started(resume.uploadId, resume.partSize, [...done.values()].map(toJournalPart), this.snapshot!);
      } else {
        // The server no longer has it. A kill between CompleteMultipartUpload and the journal's update leaves the
        // object there: then the upload is done, and sending the file again would only cost the user the time.
        const etag = await completedObjectEtag(this.client, this.file.bucket, this.file.key, size, resume.startedAt);
        if (etag !== undefined) {
          this.setState({ kind: 'completing' });
          this.completed = true;
          await this.journal?.forget();
          return { etag, bytesSent: 0 };
        }
        // Otherwise it was aborted, expired, or lost in a server restart: start over.
        this.uploadId = undefined;
      }
    }
    if (!plan) {
      plan = planParts(size, this.settings.partSize, this.file.path);
      // Known before the create, so that a pause during it still leaves a resumable upload.
      this.partSize = plan.partSize;
      await this.create(signal);
      await this.journal?.started(this.uploadId!, plan.partSize, [], this.snapshot!);
    }
    if (signal.aborted) throw abortError();
    this.setState({ kind: 'uploading' });
    const parts = await sendParts(this.partsJob(), plan, size, done, signal);
    if (signal.aborted) throw abortError();
    await this.throwIfChanged();

    this.setState({ kind: 'completing' });
    const result = await withRetries(
      () => this.client.send(
        new CompleteMultipartUploadCommand({ Bucket: this.file.bucket, Key: this.file.key, UploadId: this.uploadId, MultipartUpload: { Parts: parts } }),
        this.sendOptions(signal),
      ),
      this.settings.retry, this.ctx, signal, this.retryHooks(),
    );
    this.completed = true;
    await this.journal?.forget();
    return { etag: result.ETag ?? '', bytesSent: this.meter.sent - this.sentBefore };
  }

  private async create(signal: AbortSignal): Promise<void> {
    // A create cut off mid-way may still make an upload on the server that nobody could abort, so it is given a
    // grace period to return its UploadId (it is not in the job's request group, so the cancel's socket reset spares it).
    const createSignal = delayedSignal(signal, CREATE_GRACE_MS);
    this.startedAt = Date.now();
    const created = await withRetries(
      () => this.client.send(
        new CreateMultipartUploadCommand({ Bucket: this.file.bucket, Key: this.file.key, ChecksumAlgorithm: this.settings.crc32 ? 'CRC32' : undefined }),
        { abortSignal: createSignal },
      ),
      this.settings.retry, this.ctx, signal, this.retryHooks(),
    );
    this.uploadId = created.UploadId;
    if (!this.uploadId) throw new HoistError('NoUploadId', `${this.ctx.endpoint} did not return an UploadId for ${this.file.key}.`);
  }

  /** What the part loop needs of this job. Its uploadId is final by then: nothing sets it while the parts go out. */
  private partsJob(): PartsJob {
    return {
      file: this.file, client: this.client, limiter: this.limiter, meter: this.meter, settings: this.settings,
      uploadId: this.uploadId, ctx: this.ctx, journal: this.journal, setState: (state) => this.setState(state),
      retryHooks: () => this.retryHooks(), sendOptions: (signal) => this.sendOptions(signal),
      checksumOf: (start, end, signal) => this.checksumOf(start, end, signal),
      throwIfChanged: () => this.throwIfChanged(),
    };
  }

  private sendOptions(signal: AbortSignal): { abortSignal: AbortSignal } {
    return this.group ? this.group.sendOptions(signal) : { abortSignal: signal };
  }

  /** The range's CRC32 when checksums are on and Node computes it natively; else the SDK computes its own. */
  private checksumOf(start: number, end: number, signal: AbortSignal): Promise<string | undefined> {
    if (!this.settings.crc32 || !nativeCrc32) return Promise.resolve(undefined);
    return fileRangeCrc32(this.file.path, start, end, signal);
  }

  private async fileChanged(): Promise<boolean> {
    if (!this.snapshot) return false;
    try {
      const st = await stat(this.file.path);
      return st.size !== this.snapshot.size || st.mtimeMs !== this.snapshot.mtimeMs;
    } catch {
      return true;
    }
  }

  /** Before each part and before completing: an upload of a file that changed meanwhile would mix two versions. */
  private async throwIfChanged(): Promise<void> {
    if (await this.fileChanged()) throw this.changedError();
  }

  private changedError(): HoistError {
    return new HoistError('FileChanged', `${this.file.path} changed while it was uploading (its size or modification time differs). Nothing of it was kept; retry to upload the new version.`);
  }

  /**
   * Removes what this job left on the server after a cancel or a failure, and says what the server holds now.
   * Called once run() has settled, so no request of this job is still in flight.
   */
  async cleanup(): Promise<CancelOutcome> {
    return cleanupStoppedJob(this.client, {
      file: this.file, uploadId: this.uploadId, completed: this.completed, putFullySent: this.putFullySent,
      putStartedAt: this.putStartedAt, cleanupAttempts: this.settings.cleanupAttempts, endpoint: this.ctx.endpoint, journal: this.journal,
    });
  }
}
