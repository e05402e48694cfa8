// What a stopped job leaves on the server, removed and checked, by where the job had got to (LeftOnServer):
// - a multipart upload is aborted until the server no longer lists it; if the server had stopped listing it before
//   the abort while a Complete was out (or may have been: an upload taken over from the journal, adoptUpload), the
//   object it may still be making is waited for; if the abort went through while a Complete was out, the object is
//   looked for all the same (completeAfterAbort);
// - a create whose answer never came: the uploads of that key started since are found, aborted and checked;
// - a single PUT: what it may have stored is looked for (put-cleanup.ts).
// "verified" is said only where the server has shown that nothing of the job is left, or can appear later.
import type { ControlClient } from '../s3/s3-sdk';
import { sleep } from '../s3/backoff';
import { abortAndVerify, headObject, ObjectUnlooked, unlessUnlooked } from '../s3/abort-upload';
import { settleUnanswered } from './unnamed-uploads';
import { worded } from '../s3/error-messages';
import type { UploadError } from '../../shared/upload-state';
import type { CancelOutcome, JobFile, JobJournal, LeftOnServer, MultipartLeft } from './job-types';
import { awaitCompletedObject } from './upload-calls';
import { putOutcome } from './put-cleanup';

/** How long the object of a Complete the server may still be finishing is waited for. */
const COMPLETE_SETTLE_MS = 20_000;
/** How long after an abort that went through while a Complete was out the object is looked for again. */
const ABORTED_COMPLETE_SETTLE_MS = 1000;
/** What the job knew when it stopped. */
export interface StoppedJob {
  file: JobFile;
  left: LeftOnServer;
  /** The file's size, when known: a completed object has it. */
  size: number | undefined;
  cleanupAttempts: number;
  endpoint: string;
  journal?: JobJournal;
}

/** Removes what a stopped job left, by where it had got to, and answers what the server holds now (see the top). */
export async function cleanupStoppedJob(client: ControlClient, job: StoppedJob): Promise<CancelOutcome> {
  const { left } = job;
  switch (left.kind) {
    case 'nothing':
      return { kind: 'cancelled', cleanup: 'none-needed' };
    case 'put':
      return putOutcome(client, job, left);
    case 'create-unanswered':
      return settleUnanswered(client, job, job.journal, left.sentAt);
    case 'multipart': {
      const outcome: CancelOutcome =
        left.complete === 'done'
          ? { kind: 'cancelled', cleanup: 'object-kept' }
          : await removeMultipart(client, job, left);
      // A create sent again after one whose answer never came: that one may have made a second upload, unnamed.
      if (left.unnamedSince === undefined || outcome.kind === 'cleanup-failed') return outcome;
      const unnamed = await settleUnanswered(client, job, job.journal, left.unnamedSince, left.uploadId);
      return unnamed.kind === 'cleanup-failed' ? unnamed : outcome;
    }
  }
}

async function removeMultipart(client: ControlClient, job: StoppedJob, left: MultipartLeft): Promise<CancelOutcome> {
  const { bucket, key } = job.file;
  const result = await abortAndVerify(client, bucket, key, left.uploadId, job.cleanupAttempts);
  if (!result.verified) {
    return {
      kind: 'cleanup-failed',
      uploadId: left.uploadId,
      // The key and values go along for the window (CancelOutcome is to declare them as text; see entry-runner.ts).
      ...worded('engineError.cleanup.unconfirmed', { key, endpoint: job.endpoint, detail: String(result.error) }),
    };
  }
  try {
    return await afterAbort(client, job, left, result.wasGone);
  } catch (err) {
    // The upload is gone, but whether its Complete made the object could not be looked at: not "verified".
    if (!(err instanceof ObjectUnlooked)) throw err;
    return {
      kind: 'cleanup-failed',
      uploadId: left.uploadId,
      ...worded('engineError.cleanup.completeUnlooked', { endpoint: job.endpoint, key, detail: err.message }),
    };
  }
}

/** The upload is no longer listed (abortAndVerify): what its Complete, or an earlier one, may have left at the key. */
async function afterAbort(
  client: ControlClient,
  job: StoppedJob,
  left: MultipartLeft,
  wasGone: boolean,
): Promise<CancelOutcome> {
  const { bucket, key } = job.file;
  // NoSuchUpload before we ever aborted it: the upload was completed, or is being completed, or someone aborted it.
  if (wasGone && left.complete === 'sent') {
    const etag =
      job.size === undefined
        ? undefined
        : await awaitCompletedObject(
            client,
            bucket,
            key,
            job.size,
            left.startedAt,
            COMPLETE_SETTLE_MS,
            left.completedEtag,
          );
    if (etag !== undefined) return forgetAnd(job, left.uploadId, { kind: 'cancelled', cleanup: 'object-kept', etag });
    return {
      kind: 'cleanup-failed',
      uploadId: left.uploadId,
      ...worded('engineError.cleanup.completeUnsettled', {
        endpoint: job.endpoint,
        key,
        seconds: COMPLETE_SETTLE_MS / 1000,
      }),
    };
  }
  if (wasGone && (await headObject(client, bucket, key)))
    return forgetAnd(job, left.uploadId, { kind: 'cancelled', cleanup: 'object-kept' });
  if (left.complete === 'sent') {
    const kept = await completeAfterAbort(client, job, left);
    if (kept) return forgetAnd(job, left.uploadId, kept);
  }
  return forgetAnd(job, left.uploadId, { kind: 'cancelled', cleanup: 'verified' });
}

/**
 * The abort was checked (the upload is not listed) without its first answer saying NoSuchUpload, while a Complete
 * was out: that does not show the Complete made nothing. The abort's answer may have been lost after the Complete
 * had made the object (ListParts then says NoSuchUpload all the same), and a server may let an abort through while
 * it is still joining the parts, the object appearing after. So the object (the file's size, written since the upload
 * started) is looked for, and again after a short settle. Answers the outcome if it is there; undefined if not; a
 * look that failed throws ObjectUnlooked.
 */
async function completeAfterAbort(
  client: ControlClient,
  job: StoppedJob,
  left: MultipartLeft,
): Promise<CancelOutcome | undefined> {
  const { bucket, key } = job.file;
  if (job.size !== undefined && (left.startedAt !== undefined || left.completedEtag !== undefined)) {
    const etag = await awaitCompletedObject(
      client,
      bucket,
      key,
      job.size,
      left.startedAt,
      ABORTED_COMPLETE_SETTLE_MS,
      left.completedEtag,
    );
    return etag === undefined ? undefined : { kind: 'cancelled', cleanup: 'object-kept', etag };
  }
  // Nothing to tell this upload's object from an older one of the key by: any object there is reported kept (but
  // with no ETag, which would make a failed run "done"), since "verified" could be untrue.
  // A look that fails is tried again after the settle too; only the last one's failure is thrown.
  for (let look = 0; look < 2; look++) {
    if (look > 0) await sleep(ABORTED_COMPLETE_SETTLE_MS);
    const head = await (look === 0 ? unlessUnlooked(headObject(client, bucket, key)) : headObject(client, bucket, key));
    if (head) return { kind: 'cancelled', cleanup: 'object-kept' };
  }
  return undefined;
}

/** The item's error for a cleanup that could not be confirmed, with the message's key and values (worded()). */
export function cleanupError(outcome: Extract<CancelOutcome, { kind: 'cleanup-failed' }>): UploadError {
  const { text } = outcome;
  return { code: 'CleanupUnverified', message: outcome.message, ...(text ? { text } : {}) };
}

async function forgetAnd(job: StoppedJob, uploadId: string, outcome: CancelOutcome): Promise<CancelOutcome> {
  await job.journal?.forget(uploadId);
  return outcome;
}
