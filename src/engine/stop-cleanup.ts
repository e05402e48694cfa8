// What a stopped job leaves on the server, removed and checked: its multipart upload aborted until the server no
// longer lists it, or, for a single PUT cut off after its body had gone out whole, a look for the object it may have
// made after all.
import type { S3Client } from '@aws-sdk/client-s3';
import { abortAndVerify, objectExistsSince } from './cleanup';
import type { CancelOutcome, JobFile, JobJournal } from './job-types';

/** How long after a cut-off single PUT whose body had gone out whole the object is looked for a second time. */
const PUT_SETTLE_MS = 750;

/** What the job knew when it stopped. */
export interface StoppedJob {
  file: JobFile;
  /** Its multipart upload, if it had created one. */
  uploadId: string | undefined;
  /** Its Complete (or single PUT) had succeeded. */
  completed: boolean;
  /** A single PUT whose body had gone out whole: the server may have stored it although the request was cut. */
  putFullySent: boolean;
  putStartedAt: number;
  cleanupAttempts: number;
  endpoint: string;
  journal?: JobJournal;
}

export async function cleanupStoppedJob(client: S3Client, job: StoppedJob): Promise<CancelOutcome> {
  const { bucket, key } = job.file;
  if (job.uploadId) {
    if (job.completed) return { kind: 'cancelled', cleanup: 'object-kept' };
    const result = await abortAndVerify(client, bucket, key, job.uploadId, job.cleanupAttempts);
    if (!result.verified) return { kind: 'cleanup-failed', uploadId: job.uploadId, message: `Could not confirm that the partial upload of ${key} was removed from ${job.endpoint} (${result.error}). Retry the cleanup, or add a lifecycle rule AbortIncompleteMultipartUpload to the bucket.` };
    await job.journal?.forget();
    // NoSuchUpload before we ever aborted it: the Complete request had landed before the cancel.
    if (result.wasGone && (await objectExistsSince(client, bucket, key, 0))) return { kind: 'cancelled', cleanup: 'object-kept' };
    return { kind: 'cancelled', cleanup: 'verified' };
  }
  if (job.completed) return { kind: 'cancelled', cleanup: 'object-kept' };
  // A single PUT whose body had gone out whole may have been stored before the abort reached the server, or may
  // still be being stored (the server had the whole body when the connection was cut): look twice.
  if (job.putFullySent) {
    const since = job.putStartedAt - 60_000;
    if (await objectExistsSince(client, bucket, key, since)) return { kind: 'cancelled', cleanup: 'object-kept' };
    await new Promise((resolve) => setTimeout(resolve, PUT_SETTLE_MS));
    if (await objectExistsSince(client, bucket, key, since)) return { kind: 'cancelled', cleanup: 'object-kept' };
  }
  return { kind: 'cancelled', cleanup: 'none-needed' };
}
