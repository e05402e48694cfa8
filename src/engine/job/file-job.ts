// Uploads one file: a single PUT below the threshold (put-single.ts), a multipart upload above it. The job owns the
// AbortController of its requests: stop() cuts them at once (their sockets reset) and waits for run() to settle; what
// the job left on the server (LeftOnServer) is then removed by cleanup().
import type { CompletedPart } from '@aws-sdk/client-s3';
import type { ControlClient } from '../s3/s3-sdk';
import { abortError } from '../s3/backoff';
import { hoistError, type ErrorContext } from '../s3/errors';
import { worded } from '../s3/error-messages';
import { throwIfChanged, type FileStamp } from './file-stamp';
import type { Integrity } from './integrity';
import type { Limiter } from '../throttle/part-slots';
import { planParts, type PartPlan } from '../plan/part-plan';
import type { ProgressMeter } from '../queue/progress-meter';
import { putSingle } from './put-single';
import { firstLook, WHOLE_READ_MAX } from './small-file';
import { RequestGroup } from '../s3/request-group';
import { adoptedUpload, pickUpUpload, settleEarlierCreate } from './resume-upload';
import { completeWithRepairs } from './complete-repairs';
import { PartLoop } from './send-parts';
import { reportRetries, type StateReport } from './state-report';
import { cleanupStoppedJob, type StoppedJob } from './stop-cleanup';
import { settleUnanswered } from './unnamed-uploads';
import { listUploadedParts } from '../s3/uploaded-parts';
import { createUpload } from './upload-calls';
import { withRetries, type RetryHooks } from '../s3/with-retries';
import { toJournalPart } from '../journal/job-journal';
import type {
  CancelOutcome,
  JobConnection,
  JobFile,
  JobJournal,
  JobResult,
  JobSettings,
  LeftOnServer,
  MultipartLeft,
  PutLeft,
  ResumePoint,
} from './job-types';

export type {
  CancelOutcome,
  JobConnection,
  JobFile,
  JobJournal,
  JobResult,
  JobSettings,
  ResumePoint,
} from './job-types';

export class FileJob {
  private partSize: number | undefined;
  /** Bytes the meter had counted before this run: bytesSent reports only what this run sent. */
  private sentBefore = 0;
  private stamp: FileStamp | undefined;
  private left: LeftOnServer = { kind: 'nothing' };
  /** Parts a resume brought as accepted by the server (ResumePoint.knownParts), by number. */
  private readonly known = new Map<number, CompletedPart>();
  /** The part loop of this run's multipart upload, once it started: it knows which parts landed. */
  private parts: PartLoop | undefined;
  private readonly controller = new AbortController();
  /** Resolves (never rejects) once run() has settled; at once for a job that never ran. */
  private settled: Promise<void> = Promise.resolve();
  /** This run's requests, reset (not just closed) on a stop; see request-group.ts. */
  private group: RequestGroup | undefined;
  private readonly ctx: ErrorContext;
  private readonly retryHooks: RetryHooks;

  constructor(
    private readonly file: JobFile,
    private readonly connection: JobConnection,
    private readonly limiter: Limiter,
    private readonly meter: ProgressMeter,
    private readonly settings: JobSettings,
    private readonly report: StateReport,
    endpointName: string,
    private readonly journal?: JobJournal,
  ) {
    this.ctx = {
      file: file.path,
      bucket: file.bucket,
      key: file.key,
      endpoint: endpointName,
      ...(file.options ? { options: file.options } : {}),
    };
    this.retryHooks = reportRetries(report);
  }

  /** The SDK client for the control calls: made at the first one, so that a run of single PUTs never needs it. */
  private get client(): ControlClient {
    return this.connection.control();
  }

  /** Uploads the file, or continues the upload resume names; rejects when it fails or is stopped. A job runs once. */
  run(resume?: ResumePoint): Promise<JobResult> {
    const running = this.runWith(this.controller.signal, resume);
    this.settled = running.then(
      () => undefined,
      () => undefined,
    );
    return running;
  }

  /**
   * Stops the job, for a pause or a cancel: cuts its requests at once and resolves once run() has settled, so that
   * nothing of this job is in flight any more. What it left on the server stays there until cleanup().
   */
  stop(): Promise<void> {
    // Reset first: an abort alone lets the SDK close the sockets politely, their send buffers still delivered.
    this.group?.resetAll();
    this.controller.abort();
    return this.settled;
  }

  private async runWith(signal: AbortSignal, resume?: ResumePoint): Promise<JobResult> {
    this.group = new RequestGroup();
    try {
      return await this.start(signal, resume);
    } finally {
      this.group.close();
    }
  }

  private async start(signal: AbortSignal, resume?: ResumePoint): Promise<JobResult> {
    this.sentBefore = this.meter.sent;
    this.report({ kind: 'starting' });
    // A small file below the threshold is read whole now: its PUT sends those bytes (small-file.ts).
    const single = (size: number): boolean => size < this.settings.multipartThreshold && !resume;
    const look = await firstLook(this.file.path, (size) => single(size) && size <= WHOLE_READ_MAX, this.file.planned);
    const st = (this.stamp = look.stamp);
    if (resume) {
      // Known at once, so that a pause landing before the parts are listed still leaves a resumable upload.
      this.adoptUpload(resume);
      this.partSize = resume.partSize;
      for (const p of resume.knownParts ?? [])
        this.known.set(p.partNumber, { PartNumber: p.partNumber, ETag: p.etag, ChecksumCRC32: p.checksumCRC32 });
      if (resume.expect && (resume.expect.size !== st.size || resume.expect.mtimeMs !== st.mtimeMs)) {
        throw hoistError('FileChanged', 'engineError.changedSinceInterrupted', { file: this.file.path });
      }
    }
    if (single(st.size)) return this.single(st.size, look.data, signal);
    return this.multipart(st.size, signal, resume);
  }

  get size(): number | undefined {
    return this.stamp?.size;
  }

  /** The multipart upload this job works on, once the server has named it. */
  get uploadId(): string | undefined {
    return this.left.kind === 'multipart' ? this.left.uploadId : undefined;
  }

  /** Takes over an upload made by an earlier run (a pause, or the journal), e.g. to discard it. */
  adoptUpload(resume: ResumePoint): void {
    this.left = adoptedUpload(resume);
    this.stamp ??= resume.expect;
  }

  /** Whether a stop must clean up on the server: an upload exists, or may exist. */
  get mayHoldUpload(): boolean {
    return this.left.kind === 'create-unanswered' || (this.left.kind === 'multipart' && this.left.complete !== 'done');
  }

  /** Whether a single PUT may have stored its file, or (with no integrity check) part of it: a cancel looks. */
  get mayHoldObject(): boolean {
    const left = this.left;
    return left.kind === 'put' && (left.body === 'whole' || left.body === 'stored' || left.unchecked);
  }

  /** Where a paused upload would continue from: its multipart upload, if it has one and it is not complete. */
  resumePoint(): ResumePoint | undefined {
    if (this.left.kind !== 'multipart' || this.left.complete === 'done' || !this.partSize) return undefined;
    // The parts this client saw the server accept: those the resume brought, and those this run's loop saw land.
    const accepted = new Map([...this.known, ...(this.parts?.landed ?? [])]);
    return {
      uploadId: this.left.uploadId,
      partSize: this.partSize,
      expect: this.stamp,
      startedAt: this.left.startedAt,
      knownParts: [...accepted.values()].map(toJournalPart),
      ...(this.left.unnamedSince === undefined ? {} : { unnamedSince: this.left.unnamedSince }),
    };
  }

  /** The single PUT (put-single.ts): this job keeps what it leaves on the server, for cleanup(). */
  private async single(size: number, data: Buffer | undefined, signal: AbortSignal): Promise<JobResult> {
    this.report({ kind: 'uploading' });
    const put: PutLeft = { kind: 'put', startedAt: Date.now(), body: 'partial', unchecked: false };
    this.left = put;
    const etag = await putSingle(
      { file: this.file, size, data, stamp: this.stamp, left: put, settings: this.settings, ctx: this.ctx },
      {
        connection: this.connection,
        requests: this.group!,
        meter: this.meter,
        report: this.report,
        hooks: this.retryHooks,
      },
      signal,
    );
    return { etag, bytesSent: this.meter.sent - this.sentBefore };
  }

  private async multipart(size: number, signal: AbortSignal, resume?: ResumePoint): Promise<JobResult> {
    let plan: PartPlan | undefined;
    let kept = new Map<number, CompletedPart>();
    let upload: MultipartLeft | undefined;
    if (resume) {
      const picked = await pickUpUpload(
        this.file,
        size,
        resume,
        {
          client: () => this.client,
          listParts: (uploadId) => this.listParts(uploadId, signal),
          accepted: this.known,
          listed: (found) => (this.left = found),
          ctx: this.ctx,
        },
        signal,
      );
      // Done or gone, the upload takes its entry's unnamedSince with it: the upload that create may have made is
      // settled first (or recorded for a later sweep), so that a kill meanwhile leaves the entry to say it again.
      if ((picked.kind === 'completed' || picked.kind === 'gone') && resume.unnamedSince !== undefined)
        await settleEarlierCreate(this.client, this.cleanupView(), this.journal, resume.unnamedSince, resume.uploadId);
      if (picked.kind === 'completed') {
        // Sending the file again would only cost the user the time.
        this.report({ kind: 'completing' });
        this.left = { kind: 'multipart', uploadId: resume.uploadId, complete: 'done' };
        await this.journal?.forget(resume.uploadId);
        return { etag: picked.etag, bytesSent: 0 };
      }
      if (picked.kind === 'continue') {
        ({ upload, plan, kept } = picked);
        this.partSize = plan.partSize;
        this.meter.recount(picked.bytes);
        await this.journal?.started(
          upload.uploadId,
          resume.partSize,
          [...kept.values()].map(toJournalPart),
          this.stamp!,
          upload.unnamedSince,
        );
      } else {
        this.left = { kind: 'nothing' };
        this.known.clear();
        // Refused, the upload left as it is (on the recorded server, and in the journal) for a resume that goes there.
        if (picked.kind === 'elsewhere') {
          throw hoistError('UploadElsewhere', 'engineError.resume.elsewhere', {
            file: this.file.path,
            key: this.file.key,
            endpoint: this.ctx.endpoint,
            recorded: resume.movedFrom!,
          });
        }
      }
    }
    if (!plan || !upload) {
      // Stopped during the first look or the listing: no upload is made for a file the user has let go.
      if (signal.aborted) throw abortError();
      plan = planParts(size, this.settings.partSize, this.file.path);
      // Known before the create, so that a pause during it still leaves a resumable upload.
      this.partSize = plan.partSize;
      const startedAt = Date.now();
      const journal = this.journal;
      const { uploadId, crc32, unnamedSince } = await createUpload(this.client, this.file, this.settings, signal, {
        ctx: this.ctx,
        hooks: this.retryHooks,
        unanswered: (sentAt) => (this.left = { kind: 'create-unanswered', sentAt }),
        // The journal's create record counts the attempts that may make an upload (job-journal.ts).
        ...(journal
          ? { sending: (at: number) => journal.createSending(at), madeNothing: () => journal.createMadeNothing() }
          : {}),
      }).catch(async (err: unknown) => {
        // Every attempt answered (refused) or never sent: no upload came of it. One unanswered keeps its record
        // until the stop's cleanup has removed that upload (stop-cleanup.ts), or for the sweep at the next start.
        if (this.left.kind !== 'create-unanswered') await this.journal?.createCleared();
        throw err;
      });
      upload = { kind: 'multipart', uploadId, startedAt, complete: 'not-sent', crc32, unnamedSince };
      this.left = upload;
      await this.journal?.started(uploadId, plan.partSize, [], this.stamp!, unnamedSince);
    }
    if (signal.aborted) throw abortError();
    this.report({ kind: 'uploading' });
    this.parts = this.partLoop(upload, plan, size);
    const parts = await this.parts.send(kept, signal);
    if (signal.aborted) throw abortError();
    await throwIfChanged(this.file.path, this.stamp);

    const etag = await completeWithRepairs(
      { file: this.file, upload, plan, parts, size, stamp: this.stamp, settings: this.settings, ctx: this.ctx },
      {
        client: this.client,
        partLoop: this.parts,
        meter: this.meter,
        report: this.report,
        hooks: this.retryHooks,
        listParts: (uploadId) => this.listParts(uploadId, signal),
      },
      signal,
    );
    upload.complete = 'done';
    if (upload.unnamedSince !== undefined) {
      // An earlier attempt of the create went unanswered and may have made an upload: removed now, before the entry
      // that says so goes, so that the run leaves nothing behind. Best effort: the object is made. The create's record
      // goes once every attempt's upload is accounted for, else stays for the sweep of a later run.
      await settleUnanswered(this.client, this.cleanupView(), this.journal, upload.unnamedSince, upload.uploadId);
      upload.unnamedSince = undefined;
    }
    await this.journal?.forget(upload.uploadId);
    return { etag, bytesSent: this.meter.sent - this.sentBefore };
  }

  /** The server's parts of the upload (null once it is gone), asked with the job's retries: for a resume, and a repair. */
  private listParts(uploadId: string, signal: AbortSignal) {
    const { bucket, key } = this.file;
    return withRetries(
      () => listUploadedParts(this.client, bucket, key, uploadId, signal),
      this.settings.retry,
      this.ctx,
      signal,
      this.retryHooks,
    );
  }

  /** The loop that sends the upload's parts: the data it needs and whom it sends through, not this job. */
  private partLoop(upload: MultipartLeft, plan: PartPlan, size: number): PartLoop {
    // A part's check follows its upload: CRC32 for one created with it (the server then requires it), else MD5.
    const integrity: Integrity = upload.crc32 ? 'crc32' : this.settings.integrity.current === 'none' ? 'none' : 'md5';
    const { partsPerFile, retry, limiters } = this.settings;
    return new PartLoop(
      {
        file: this.file,
        uploadId: upload.uploadId,
        plan,
        size,
        stamp: this.stamp!,
        integrity,
        partsPerFile,
        retry,
        limiters,
        ctx: this.ctx,
      },
      {
        data: this.connection.data,
        requests: this.group!,
        limiter: this.limiter,
        meter: this.meter,
        journal: this.journal,
        report: this.report,
      },
    );
  }

  /** The user cancelled: the journal's entry says so before the cleanup (JobJournal.cancelled). */
  async markCancelled(): Promise<void> {
    if (this.left.kind === 'multipart' && this.left.complete !== 'done')
      await this.journal?.cancelled(this.left.uploadId);
  }

  /**
   * Removes what this job left on the server after a cancel or a failure (stop-cleanup.ts; a multipart upload is
   * aborted and checked gone by abortAndVerify), and says what the server holds now. Called once run() has settled
   * (stop() resolved, or run() rejected), so no request of this job is still in flight.
   */
  async cleanup(): Promise<CancelOutcome> {
    try {
      return await cleanupStoppedJob(this.client, this.cleanupView());
    } catch (err) {
      // Never a rejection: the item waits on this to leave 'cancelling' or 'failing', and Retry runs it again.
      const detail = err instanceof Error ? err.message : String(err);
      return {
        kind: 'cleanup-failed',
        ...(this.uploadId ? { uploadId: this.uploadId } : {}),
        ...worded('engineError.cleanup.unconfirmed', { key: this.file.key, endpoint: this.ctx.endpoint, detail }),
      };
    }
  }

  private cleanupView(): StoppedJob {
    return {
      file: this.file,
      left: this.left,
      size: this.stamp?.size,
      cleanupAttempts: this.settings.cleanupAttempts,
      endpoint: this.ctx.endpoint,
      journal: this.journal,
    };
  }
}
