// Runs one queued file, and carries out the user's stops on it. execute() makes the file's FileJob (job-maker.ts),
// removes what a failed run left first (clear), runs the job and turns how it ended into the item's state (upload).
// cancel() and pause() are the stops: a cancel ends in discard(), which stops the job and removes what it left on the
// server, verified; a pause stops the job and lets the run end paused. The engine decides when; this does it.
//
// Each step reads the entry's run (entry.ts EntryRun: what is under way) and the item's state (upload-state.ts:
// whether a pause or a cancel was asked), and asks the transition table whether a stop applies.
import { canTransition, type UploadState } from '../../shared/upload-state';
import type { Entry, RestingRun } from './entry';
import { classify, describeEndpoint, HoistError, uploadError } from '../s3/errors';
import { followedBy } from '../s3/error-messages';
import { cleanupError } from '../job/stop-cleanup';
import type { CancelOutcome, FileJob, JobResult, ResumePoint } from '../job/file-job';
import { JobMaker, type JobMakerDeps } from './job-maker';
import { RequestFailed } from '../s3/with-retries';

/** What the runner works with: what its jobs are made from (job-maker.ts), and the item's state. */
export interface RunnerDeps extends JobMakerDeps {
  /** Changes the item's state; one the transition table does not allow is refused. */
  setState(e: Entry, next: UploadState): void;
}

export class EntryRunner {
  private readonly jobs: JobMaker;

  constructor(private readonly deps: RunnerDeps) {
    this.jobs = new JobMaker(deps);
  }

  /**
   * Cancels the entry, and resolves once it is settled: a queued one at once (nothing was sent for it); a running or
   * paused one once what it left on the server has been removed and checked gone (discard).
   */
  async cancel(e: Entry): Promise<void> {
    const run = e.run;
    const from = e.item.state.kind;
    switch (run.kind) {
      case 'left-behind':
        // A pause left it (an upload that may exist unnamed): the cancel removes it, verified.
        if (from === 'paused' && canTransition(from, 'cancelling'))
          return this.startDiscard(e, run.job, { kind: 'cancelling' });
      // falls through: a failed run's leftover waits for the retry that removes it.
      case 'idle':
        // Nothing of this run is on the server.
        if (canTransition(from, 'cancelled')) this.deps.setState(e, { kind: 'cancelled', cleanup: 'none-needed' });
        return;
      case 'resumable':
        // A paused upload, or one resumed but not started again, is discarded: aborted on the server, verified.
        if (canTransition(from, 'cancelling'))
          return this.startDiscard(e, run.job ?? this.adopt(e, run.from), { kind: 'cancelling' });
        return;
      case 'clearing':
        // The removal under way ends it (clear()): what the cancel leaves is what the removal left.
        if (canTransition(from, 'cancelling')) this.deps.setState(e, { kind: 'cancelling' });
        await run.done;
        return;
      case 'running':
        if (canTransition(from, 'cancelling')) {
          // A Complete already sent is let finish (upload-calls.ts): the row says the object may be kept.
          return this.startDiscard(
            e,
            run.job,
            from === 'completing' ? { kind: 'cancelling', finishing: true } : { kind: 'cancelling' },
          );
        }
        // A failure's cleanup is under way ('failing'): the run ends as that cleanup finds the server.
        await run.done;
        return;
      case 'discarding':
        await run.done;
        return;
    }
  }

  /**
   * Pauses the entry, and resolves once it is paused (or has finished meanwhile): a queued one at once; a running one
   * once its job is stopped and the run has ended, its multipart upload and finished parts kept on the server.
   */
  async pause(e: Entry): Promise<void> {
    const run = e.run;
    const from = e.item.state.kind;
    switch (run.kind) {
      case 'idle':
      case 'resumable':
      case 'left-behind':
        if (canTransition(from, 'paused')) this.deps.setState(e, { kind: 'paused' });
        return;
      case 'clearing':
      case 'running':
        if (canTransition(from, 'pausing')) {
          this.deps.setState(e, { kind: 'pausing' });
          // The run then ends paused where the job got to (upload(), or clear() before the job started).
          if (run.kind === 'running') await run.job.stop();
        } else if (from !== 'pausing') {
          // 'completing' is let finish; a cancel or a failure is being carried out.
          return;
        }
        await run.done;
        return;
      case 'discarding':
        return;
    }
  }

  /** Retry on a cleanup-failed item: the cleanup runs again on what the cancel (or the removal) left. */
  retryCleanup(e: Entry): Promise<void> {
    const run = e.run;
    if (run.kind !== 'left-behind' || !canTransition(e.item.state.kind, 'cancelling')) return Promise.resolve();
    return this.startDiscard(e, run.job, { kind: 'cancelling' });
  }

  /** Runs one queued file: first removes what a failed run left (clear), then uploads (upload). */
  async execute(e: Entry): Promise<void> {
    const job = this.newJob(e);
    if (!job) return;
    const before = e.run;
    // A PUT's leftover needs no removal first: the new PUT replaces whatever the key holds.
    if (before.kind === 'left-behind' && before.job.mayHoldUpload) {
      const clearing = this.clear(e, before.job);
      e.run = { kind: 'clearing', leftover: before.job, done: clearing };
      if (!(await clearing)) return;
    }
    const from = before.kind === 'resumable' ? before.from : undefined;
    const running = { kind: 'running', job, from, done: this.upload(e, job, from) } as const;
    e.run = running;
    await running.done;
  }

  /** The item says 'cancelling' while discard() runs; the entry's run is that discard. */
  private startDiscard(e: Entry, job: FileJob, cancelling: UploadState): Promise<void> {
    this.deps.setState(e, cancelling);
    const done = this.discard(e, job);
    e.run = { kind: 'discarding', job, done };
    return done;
  }

  /**
   * The cleanup a cancel awaits. Stops the job (FileJob.stop: its requests cut, its run settled), removes what it
   * left on the server and checks that it is gone (FileJob.cleanup -> job/stop-cleanup.ts -> abortAndVerify in
   * s3/abort-upload.ts), then says on the item what the server holds.
   */
  private async discard(e: Entry, job: FileJob): Promise<void> {
    await job.stop();
    await job.markCancelled();
    const outcome = await job.cleanup();
    if (outcome.kind === 'cancelled') this.settle(e, { kind: 'idle' }, { kind: 'cancelled', cleanup: outcome.cleanup });
    else this.settle(e, { kind: 'left-behind', job }, unverified(outcome));
  }

  /**
   * Before a retry: removes what the failed run left on the server (its upload aborted and checked gone). Answers
   * true to go on; false once it has settled the item instead: when the removal cannot be confirmed (a second upload
   * would leave the first one's parts behind for good), or when a cancel or a pause came meanwhile.
   */
  private async clear(e: Entry, leftover: FileJob): Promise<boolean> {
    this.deps.setState(e, { kind: 'starting' });
    const outcome = await leftover.cleanup();
    const kept: RestingRun =
      outcome.kind === 'cleanup-failed' ? { kind: 'left-behind', job: leftover } : { kind: 'idle' };
    const stop = e.item.state.kind;
    if (stop === 'cancelling') {
      // Nothing of the new run was sent; what the cancel leaves is what the removal left.
      if (outcome.kind === 'cleanup-failed') this.settle(e, kept, unverified(outcome));
      else this.settle(e, kept, { kind: 'cancelled', cleanup: outcome.cleanup });
      return false;
    }
    if (outcome.kind === 'cleanup-failed') {
      const error = followedBy(cleanupError(outcome), 'engineError.cleanup.beforeRetry');
      this.settle(e, kept, {
        kind: 'failed',
        error,
        cleanup: 'failed',
        ...(outcome.uploadId ? { uploadId: outcome.uploadId } : {}),
      });
      return false;
    }
    if (stop === 'pausing') {
      this.settle(e, kept, { kind: 'paused' });
      return false;
    }
    return true;
  }

  /** The upload itself: runs the job and turns how it ended into the item's state. */
  private async upload(e: Entry, job: FileJob, resumeFrom: ResumePoint | undefined): Promise<void> {
    // A resume keeps the confirmed bytes on screen until the server's listing recounts them; a fresh run starts at 0.
    e.meter.restart(resumeFrom !== undefined);
    let result: JobResult;
    try {
      result = await job.run(resumeFrom);
    } catch (err) {
      return this.afterStop(e, job, err);
    }
    if (e.run.kind === 'discarding') {
      // Cancelled all the same: the discard says what the server holds (a finished upload: the object, kept).
      await e.run.done;
      return;
    }
    e.item.total = job.size ?? e.item.total;
    this.settle(e, { kind: 'idle' }, { kind: 'done', etag: result.etag, bytesSent: result.bytesSent });
  }

  /** The job rejected: stopped for a cancel or a pause, or failed. */
  private async afterStop(e: Entry, job: FileJob, err: unknown): Promise<void> {
    if (e.run.kind === 'discarding') {
      await e.run.done;
      return;
    }
    // A resume refused on a server that lacks the upload (UploadElsewhere) fails even under a pause: resting paused
    // with no upload, a later resume here would start the file over and its new entry replace the journal's.
    if (e.item.state.kind === 'pausing' && !(err instanceof HoistError && err.code === 'UploadElsewhere')) {
      const from = job.resumePoint();
      // Paused while the create was unanswered: an upload may exist that the job never learned the id of. The paused
      // item keeps the job, so that a resume removes it first (execute's clear) and a cancel removes it (discard).
      // A single PUT that may have stored the file is kept too, so that a cancel of the paused item looks at the key.
      const rest: RestingRun = from
        ? { kind: 'resumable', from, job }
        : job.mayHoldUpload || job.mayHoldObject
          ? { kind: 'left-behind', job }
          : { kind: 'idle' };
      return this.settle(e, rest, { kind: 'paused' });
    }
    const detail = err instanceof RequestFailed ? err.detail : classify(err, this.errorContext(e));
    const error = uploadError(detail);
    if (!job.mayHoldUpload) return this.settle(e, { kind: 'idle' }, { kind: 'failed', error, cleanup: 'none-needed' });
    // The cleanup can take seconds (longer when the endpoint is unreachable): the row says what is going on meanwhile
    // instead of showing its last retry.
    this.deps.setState(e, { kind: 'failing', error });
    const outcome = await job.cleanup();
    // The Complete's answer was lost but the server finished it: the upload succeeded, whatever the request said.
    if (outcome.kind === 'cancelled' && outcome.cleanup === 'object-kept' && outcome.etag !== undefined) {
      return this.settle(e, { kind: 'idle' }, { kind: 'done', etag: outcome.etag, bytesSent: e.meter.sent });
    }
    if (outcome.kind === 'cleanup-failed') {
      return this.settle(
        e,
        { kind: 'left-behind', job },
        { kind: 'failed', error, cleanup: 'failed', ...(outcome.uploadId ? { uploadId: outcome.uploadId } : {}) },
      );
    }
    this.settle(e, { kind: 'idle' }, { kind: 'failed', error, cleanup: 'verified' });
  }

  /**
   * Ends a run: first what it leaves for the next one, then the item's state, which the scheduler and the engine's
   * listeners act on (so that they never see a final state with a run still under way).
   */
  private settle(e: Entry, run: RestingRun, state: UploadState): void {
    e.run = run;
    this.deps.setState(e, state);
  }

  /** The job for this run; undefined, with the item failed, when it cannot be made (a target the client refuses). */
  private newJob(e: Entry): FileJob | undefined {
    try {
      return this.jobs.make(e);
    } catch (err) {
      const c = classify(err, this.errorContext(e));
      this.deps.setState(e, { kind: 'failed', error: uploadError(c), cleanup: 'none-needed' });
      return undefined;
    }
  }

  /** A job that takes over a paused or restored upload without running, to discard it. */
  private adopt(e: Entry, from: ResumePoint): FileJob {
    const job = this.jobs.make(e);
    job.adoptUpload(from);
    return job;
  }

  private errorContext(e: Entry) {
    return {
      file: e.path,
      bucket: e.target.bucket,
      key: e.item.key,
      endpoint: describeEndpoint(e.target.endpointUrl, e.target.region),
    };
  }
}

/** The state of a cancel whose cleanup could not be confirmed: the upload id (when known) kept for a later sweep. */
function unverified(outcome: Extract<CancelOutcome, { kind: 'cleanup-failed' }>): UploadState {
  return {
    kind: 'cleanup-failed',
    ...(outcome.uploadId ? { uploadId: outcome.uploadId } : {}),
    error: cleanupError(outcome),
  };
}
