// What a stopped job leaves on the server, removed and checked, by where the job had got to (LeftOnServer):
// - a multipart upload is aborted until the server no longer lists it; if the server had stopped listing it before
//   the abort while a Complete was out, the object it may still be making is waited for; if the abort went through
//   while a Complete was out, the object is looked for all the same (completeAfterAbort);
// - a create whose answer never came: the uploads of that key started since are found, aborted and checked;
// - a single PUT cut off after its body had gone out whole: the object it may have made after all is looked for;
// - a single PUT whose body carried no integrity check, cut off anywhere: the server may have stored the body as far
//   as it got, so the key is looked at, and anything there but the whole file is reported (cutPutRemains).
// "verified" is said only where the server has shown that nothing of the job is left, or can appear later.
// Also here: removeOwnPut, which takes back a finished single PUT whose file changed under it, and only that object.
import { s3Sdk, type ControlClient } from '../s3/s3-sdk';
import { sleep } from '../s3/backoff';
import { abortAndVerify, objectExistsSince, uploadsOfKeySince } from '../s3/abort-upload';
import { worded, type EngineMessageKey } from '../s3/error-messages';
import type { MessageParams } from '../../shared/i18n';
import type { UploadError } from '../../shared/upload-state';
import type { CancelOutcome, JobFile, JobJournal, LeftOnServer, MultipartLeft, PutLeft } from './job-types';
import { awaitCompletedObject } from './upload-calls';
import { etagAsMd5Base64, fileRangeDigest } from './file-checksum';

/** How long after a cut-off single PUT whose body had gone out whole the object is looked for a second time. */
const PUT_SETTLE_MS = 750;
/** How far before a single PUT's start an object's modification time may lie and still be taken for one it made. */
const PUT_CLOCK_MARGIN_MS = 60_000;
/** How long the object of a Complete the server may still be finishing is waited for. */
const COMPLETE_SETTLE_MS = 20_000;
/** How long after an abort that went through while a Complete was out the object is looked for again. */
const ABORTED_COMPLETE_SETTLE_MS = 1000;
/** A second look for uploads of an unanswered create, for a server that makes it a little after the first look. */
const CREATE_SETTLE_MS = 1000;
/**
 * How far before the create's request an upload's Initiated time may lie and still be taken for the one it made:
 * room for clocks a little apart, and no more, since an older upload of the key is someone else's.
 */
const CLOCK_MARGIN_MS = 60_000;

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
      return removeUnnamedUploads(client, job, left.sentAt);
    case 'multipart': {
      const outcome: CancelOutcome =
        left.complete === 'done'
          ? { kind: 'cancelled', cleanup: 'object-kept' }
          : await removeMultipart(client, job, left);
      // A create sent again after one whose answer never came: that one may have made a second upload, unnamed.
      if (left.unnamedSince === undefined || outcome.kind === 'cleanup-failed') return outcome;
      const unnamed = await removeUnnamedUploads(client, job, left.unnamedSince, left.uploadId);
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
  // NoSuchUpload before we ever aborted it: the upload was completed, or is being completed, or someone aborted it.
  if (result.wasGone && left.complete === 'sent') {
    const etag =
      job.size === undefined
        ? undefined
        : await awaitCompletedObject(client, bucket, key, job.size, left.startedAt, COMPLETE_SETTLE_MS);
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
  if (result.wasGone && (await objectExistsSince(client, bucket, key, 0)))
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
 * started) is looked for, and again after a short settle. Answers the outcome if it is there; undefined if not.
 */
async function completeAfterAbort(
  client: ControlClient,
  job: StoppedJob,
  left: MultipartLeft,
): Promise<CancelOutcome | undefined> {
  const { bucket, key } = job.file;
  if (job.size !== undefined && left.startedAt !== undefined) {
    const etag = await awaitCompletedObject(client, bucket, key, job.size, left.startedAt, ABORTED_COMPLETE_SETTLE_MS);
    return etag === undefined ? undefined : { kind: 'cancelled', cleanup: 'object-kept', etag };
  }
  // Nothing to tell this upload's object from an older one of the key by: any object there is reported kept (but
  // with no ETag, which would make a failed run "done"), since "verified" could be untrue.
  for (let look = 0; look < 2; look++) {
    if (look > 0) await sleep(ABORTED_COMPLETE_SETTLE_MS);
    if (await objectExistsSince(client, bucket, key, 0)) return { kind: 'cancelled', cleanup: 'object-kept' };
  }
  return undefined;
}

/**
 * The create went out and its answer never came: the uploads of the key started since (less the clock margin) are
 * the ones it may have made, less `named` (the upload a later attempt was answered with, handled by the caller).
 * Each is aborted and checked; a second look catches one the server made late. Finding none proves nothing (the
 * server may still be making it), so that is reported as unconfirmed, never as verified. Also run by a job whose
 * upload completed after such a create (file-job.ts), so that the run leaves nothing behind.
 */
export async function removeUnnamedUploads(
  client: ControlClient,
  job: Pick<StoppedJob, 'file' | 'cleanupAttempts' | 'endpoint'>,
  sentAt: number,
  named?: string,
): Promise<CancelOutcome> {
  const { bucket, key } = job.file;
  const since = sentAt - CLOCK_MARGIN_MS;
  const removed = new Set<string>(named === undefined ? [] : [named]);
  try {
    for (let look = 0; look < 2; look++) {
      if (look > 0) await sleep(CREATE_SETTLE_MS);
      for (const uploadId of await uploadsOfKeySince(client, bucket, key, since)) {
        if (removed.has(uploadId)) continue;
        const result = await abortAndVerify(client, bucket, key, uploadId, job.cleanupAttempts);
        if (!result.verified) {
          return {
            kind: 'cleanup-failed',
            uploadId,
            ...worded('engineError.cleanup.createUnconfirmed', {
              key,
              endpoint: job.endpoint,
              detail: String(result.error),
            }),
          };
        }
        removed.add(uploadId);
      }
    }
  } catch (err) {
    const why = (err as { name?: string }).name ?? 'Error';
    return {
      kind: 'cleanup-failed',
      ...worded('engineError.cleanup.createUnlisted', { key, endpoint: job.endpoint, detail: why }),
    };
  }
  if (removed.size > (named === undefined ? 0 : 1)) return { kind: 'cancelled', cleanup: 'verified' };
  return {
    kind: 'cleanup-failed',
    ...worded('engineError.cleanup.createNotSeen', { key, endpoint: job.endpoint }),
  };
}

/** The item's error for a cleanup that could not be confirmed, with the message's key and values (worded()). */
export function cleanupError(outcome: Extract<CancelOutcome, { kind: 'cleanup-failed' }>): UploadError {
  const { text } = outcome;
  return { code: 'CleanupUnverified', message: outcome.message, ...(text ? { text } : {}) };
}

/**
 * A single PUT whose body had gone out whole may have been stored before the abort reached the server, or may still
 * be being stored (the server had the whole body when the connection was cut): look twice. A body cut short carries
 * an integrity check (integrity.ts) that the server refuses it by; one that carried none may have been stored as far
 * as it got, and is looked for whatever the body had reached (cutPutRemains).
 */
async function putOutcome(client: ControlClient, job: StoppedJob, put: PutLeft): Promise<CancelOutcome> {
  const { file } = job;
  if (put.body === 'stored') return { kind: 'cancelled', cleanup: 'object-kept' };
  if (put.unchecked) {
    const remains = await cutPutRemains(client, file, put, job.size, job.endpoint);
    if (remains.found === 'nothing') return { kind: 'cancelled', cleanup: 'none-needed' };
    if (remains.found === 'whole') return { kind: 'cancelled', cleanup: 'object-kept' };
    return { kind: 'cleanup-failed', ...worded(remains.message, remains.params) };
  }
  if (put.body === 'whole') {
    const since = put.startedAt - PUT_CLOCK_MARGIN_MS;
    if (await objectExistsSince(client, file.bucket, file.key, since))
      return { kind: 'cancelled', cleanup: 'object-kept' };
    await sleep(PUT_SETTLE_MS);
    if (await objectExistsSince(client, file.bucket, file.key, since))
      return { kind: 'cancelled', cleanup: 'object-kept' };
  }
  return { kind: 'cancelled', cleanup: 'none-needed' };
}

/** What the key holds after a cut-off single PUT whose body carried no integrity check. */
export type CutPutRemains =
  /** No object written since the PUT started (less the clock margin): the server stored nothing of it. */
  | { found: 'nothing' }
  /** The whole file: its size, and an ETag that is the file's MD5. */
  | { found: 'whole' }
  /** An object that is not the whole file, or cannot be told from it, or a key that could not be looked at. */
  | { found: 'other'; message: EngineMessageKey; params: MessageParams };

/**
 * Looks at the key after a single PUT whose body carried no integrity check was cut off (a cancel, or a failure
 * after its attempts): nothing makes the server refuse the short body, and versitygw stores the prefix it got, in
 * place of what the key held. An object written since the PUT started (less the clock margin) that is not the whole
 * file (its size and MD5 ETag), or cannot be told from it, is answered with the words that say so: never "nothing".
 * Looked at twice, as the server may store the body a little after the connection was cut; the later look decides.
 * The object is left alone: it may be someone else's, and Hoist cannot tell.
 */
export async function cutPutRemains(
  client: ControlClient,
  file: JobFile,
  put: PutLeft,
  size: number | undefined,
  endpoint: string,
): Promise<CutPutRemains> {
  const since = put.startedAt - PUT_CLOCK_MARGIN_MS;
  let seen = await lookAtCutPut(client, file, size, since);
  if (seen.kind !== 'whole') {
    await sleep(PUT_SETTLE_MS);
    const again = await lookAtCutPut(client, file, size, since);
    // A look that failed says less than one that saw the key.
    if (again.kind !== 'unlooked' || seen.kind === 'unlooked') seen = again;
  }
  const { key } = file;
  switch (seen.kind) {
    case 'nothing':
    case 'whole':
      return { found: seen.kind };
    case 'unlooked':
      return {
        found: 'other',
        message: 'engineError.cleanup.putCutUnlooked',
        params: { key, endpoint, detail: seen.detail },
      };
    case 'other':
      return seen.size !== undefined && size !== undefined && seen.size !== size
        ? {
            found: 'other',
            message: 'engineError.cleanup.putCutPartial',
            params: { key, endpoint, size: seen.size, fileSize: size },
          }
        : { found: 'other', message: 'engineError.cleanup.putCutUnsure', params: { key, endpoint } };
  }
}

type CutPutLook =
  | { kind: 'nothing' }
  | { kind: 'whole' }
  | { kind: 'other'; size: number | undefined }
  | { kind: 'unlooked'; detail: string };

/** One HEAD of the key, against the file (its size, and its MD5 where the ETag is one). */
async function lookAtCutPut(
  client: ControlClient,
  file: JobFile,
  size: number | undefined,
  since: number,
): Promise<CutPutLook> {
  let head: { ContentLength?: number; ETag?: string; LastModified?: Date };
  try {
    head = await client.send(new (await s3Sdk()).HeadObjectCommand({ Bucket: file.bucket, Key: file.key }), {
      abortSignal: AbortSignal.timeout(5000),
    });
  } catch (err) {
    const { name, status } = refusal(err);
    if (name === 'NotFound' || name === 'NoSuchKey' || status === 404) return { kind: 'nothing' };
    return { kind: 'unlooked', detail: `HeadObject: ${name}${status ? `, HTTP ${status}` : ''}` };
  }
  // Older than the PUT: not one it made (LastModified missing: it cannot be told, so it counts).
  if (head.LastModified && head.LastModified.getTime() < since) return { kind: 'nothing' };
  const length = head.ContentLength;
  if (size === undefined || length !== size) return { kind: 'other', size: length };
  const md5 = etagAsMd5Base64(head.ETag);
  if (md5 === undefined) return { kind: 'other', size: length };
  try {
    const whole = md5 === (await fileRangeDigest(file.path, 0, size, 'md5'));
    return whole ? { kind: 'whole' } : { kind: 'other', size: length };
  } catch {
    // The file cannot be read now (gone, shorter): the object cannot be told from it.
    return { kind: 'other', size: length };
  }
}

/** An SDK error's name (or the server's code) and HTTP status, for the HEAD and DELETE of a single PUT's object. */
function refusal(err: unknown): { name: string; status: number | undefined } {
  const e = err as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  return { name: e.name ?? e.Code ?? 'Error', status: e.$metadata?.httpStatusCode };
}

async function forgetAnd(job: StoppedJob, uploadId: string, outcome: CancelOutcome): Promise<CancelOutcome> {
  await job.journal?.forget(uploadId);
  return outcome;
}

/** What a single PUT answered about the object it made: the handles that name that object and no other. */
export interface MadeObject {
  versionId?: string;
  etag?: string;
}

export type OwnPutRemoval = { removed: true } | { removed: false; why: string };

/**
 * Removes the object a single PUT of this job just made, and nothing else. A plain DeleteObject would not do: in a
 * versioned bucket it adds a delete marker that hides the version that was there before; in any bucket it removes
 * whatever the key holds by then, perhaps someone else's newer object. So: the version the PUT returned, where it
 * returned one; else only if the key still holds the ETag the PUT returned (If-Match). A server that refuses the
 * condition is not asked again without it: the object stays, and the caller says so.
 */
export async function removeOwnPut(client: ControlClient, file: JobFile, made: MadeObject): Promise<OwnPutRemoval> {
  const { bucket: Bucket, key: Key } = file;
  const condition = made.versionId ? { VersionId: made.versionId } : made.etag ? { IfMatch: made.etag } : undefined;
  if (!condition)
    return {
      removed: false,
      why: 'the server named neither a version ID nor an ETag for it, so nothing could tell it apart from another object under that key',
    };
  try {
    await client.send(new (await s3Sdk()).DeleteObjectCommand({ Bucket, Key, ...condition }), {
      abortSignal: AbortSignal.timeout(10_000),
    });
    return { removed: true };
  } catch (err) {
    const { name, status } = refusal(err);
    if (name === 'NoSuchKey' || name === 'NotFound' || (status === 404 && name !== 'NoSuchBucket'))
      return { removed: true };
    if ('IfMatch' in condition) {
      if (name === 'PreconditionFailed' || status === 412) {
        return {
          removed: false,
          why: 'the key already holds another object (someone wrote it after Hoist did), which was left alone',
        };
      }
      if (name === 'NotImplemented' || status === 501 || status === 400) {
        return {
          removed: false,
          why: `the server refused a conditional delete (If-Match: ${name}), and a plain delete could remove an object someone else wrote meanwhile`,
        };
      }
    }
    return { removed: false, why: `DeleteObject failed (${name}${status ? `, HTTP ${status}` : ''})` };
  }
}
