// What a single PUT leaves on the server, looked at after it stopped or went wrong (stop-cleanup.ts does the same for
// a stopped job's multipart upload or unanswered create, and asks here for a PUT):
// - cut off after its body had gone out whole: the object it may have made after all is looked for (putOutcome);
// - its body carried no integrity check, cut off anywhere: the server may have stored the body as far as it got, so
//   the key is looked at, and anything there but the whole file is reported (putRemains);
// - failed after its attempts, a checked body having gone out whole: its answer may have been lost after the server
//   stored it; the key is looked at the same way, and the whole file there is the PUT done (put-single.ts);
// - finished, but its file changed under it: that object, and only that one, is taken back (removeOwnPut).
// "none-needed" is said where the server has shown that nothing of the PUT is there, or where a body cut short
// carried an integrity check the server refuses such a body by (integrity.ts).
import type { HeadObjectCommandOutput } from '@aws-sdk/client-s3';
import { s3Sdk, type ControlClient } from '../s3/s3-sdk';
import { headObject, ObjectUnlooked } from '../s3/abort-upload';
import { sleep } from '../s3/backoff';
import { worded, type EngineMessageKey } from '../s3/error-messages';
import type { MessageParams } from '../../shared/i18n';
import type { CancelOutcome, JobFile, PutLeft } from './job-types';
import { etagAsMd5Base64, fileRangeDigest } from './file-checksum';

/** How long after a cut-off single PUT whose body had gone out whole the object is looked for a second time. */
const PUT_SETTLE_MS = 750;
/** How far before a single PUT's start an object's modification time may lie and still be taken for one it made. */
const PUT_CLOCK_MARGIN_MS = 60_000;

/** What a stopped job knew of its PUT's file (stop-cleanup.ts's StoppedJob has these). */
export interface StoppedPut {
  file: JobFile;
  /** The file's size, when known: a stored object of the whole file has it. */
  size: number | undefined;
  endpoint: string;
}

/**
 * A single PUT whose body had gone out whole may have been stored before the abort reached the server, or may still
 * be being stored (the server had the whole body when the connection was cut): look twice. A body cut short carries
 * an integrity check (integrity.ts) that the server refuses it by; one that carried none may have been stored as far
 * as it got, and is looked for whatever the body had reached (putRemains).
 */
export async function putOutcome(client: ControlClient, job: StoppedPut, put: PutLeft): Promise<CancelOutcome> {
  const { file } = job;
  if (put.body === 'stored') return { kind: 'cancelled', cleanup: 'object-kept' };
  // The object it stored was removed by its version or ETag, which the server answered for: nothing of it is left.
  if (put.body === 'removed') return { kind: 'cancelled', cleanup: 'verified' };
  if (put.unchecked) {
    const remains = await putRemains(client, file, put, job.size, job.endpoint);
    if (remains.found === 'nothing') return { kind: 'cancelled', cleanup: 'none-needed' };
    if (remains.found === 'whole') return { kind: 'cancelled', cleanup: 'object-kept' };
    return { kind: 'cleanup-failed', ...worded(remains.message, remains.params) };
  }
  if (put.body === 'whole') {
    // Since the first attempt: an earlier one's whole body may be the one stored. No size: any object since counts.
    const since = put.startedAt - PUT_CLOCK_MARGIN_MS;
    let seen = await lookAtCutPut(client, file, undefined, since);
    if (seen.kind === 'nothing' || seen.kind === 'unlooked') {
      await sleep(PUT_SETTLE_MS);
      seen = await lookAtCutPut(client, file, undefined, since);
    }
    // A HEAD that failed (403, timeout) could not check: never "nothing there".
    if (seen.kind === 'unlooked') {
      const params = { key: file.key, endpoint: job.endpoint, detail: seen.detail };
      return { kind: 'cleanup-failed', ...worded('engineError.cleanup.putUnlooked', params) };
    }
    if (seen.kind !== 'nothing') return { kind: 'cancelled', cleanup: 'object-kept' };
  }
  return { kind: 'cancelled', cleanup: 'none-needed' };
}

/** What the key holds after a single PUT was cut off or failed for good. */
export type PutRemains =
  /** No object written since the PUT started (less the clock margin): the server stored nothing of it. */
  | { found: 'nothing' }
  /** The whole file: its size, and an ETag (given here, with its version) that is the file's MD5. */
  | { found: 'whole'; etag: string; versionId?: string }
  /** An object that is not the whole file, or cannot be told from it, or a key that could not be looked at. */
  | { found: 'other'; message: EngineMessageKey; params: MessageParams };

/**
 * Looks at the key after a single PUT that may have left something there:
 * - its body carried no integrity check and was cut off (a cancel, or a failure after its attempts): nothing makes
 *   the server refuse the short body, and versitygw stores the prefix it got, in place of what the key held;
 * - it failed after its attempts, one body (with its check) having gone out whole: the server may have stored it
 *   and its answer been lost; the whole file there is then the upload done, not a failure.
 * An object written since the PUT started (less the clock margin) that is not the whole file (its size and MD5 ETag),
 * or cannot be told from it, is answered with the words that say so: never "nothing". Looked at twice, as the server
 * may store the body a little after the connection was cut; the later look decides. The object is left alone: it
 * may be someone else's, and Hoist cannot tell.
 */
export async function putRemains(
  client: ControlClient,
  file: JobFile,
  put: PutLeft,
  size: number | undefined,
  endpoint: string,
  signal?: AbortSignal,
): Promise<PutRemains> {
  const since = put.startedAt - PUT_CLOCK_MARGIN_MS;
  // A failed PUT's look gives way to a stop (a cancel looks again in its cleanup; a pause sends the file again on
  // resume): its HEADs and the settle between them are cut short, and the stop's abort error ends the look.
  let seen = await lookAtCutPut(client, file, size, since, signal);
  if (seen.kind !== 'whole') {
    await sleep(PUT_SETTLE_MS, signal);
    const again = await lookAtCutPut(client, file, size, since, signal);
    // A look that failed says less than one that saw the key.
    if (again.kind !== 'unlooked' || seen.kind === 'unlooked') seen = again;
  }
  const { key } = file;
  switch (seen.kind) {
    case 'nothing':
      return { found: 'nothing' };
    case 'whole':
      return { found: 'whole', etag: seen.etag, versionId: seen.versionId };
    case 'unlooked':
      return {
        found: 'other',
        message: put.unchecked ? 'engineError.cleanup.putCutUnlooked' : 'engineError.cleanup.putLostUnlooked',
        params: { key, endpoint, detail: seen.detail },
      };
    case 'other':
      if (!put.unchecked)
        return { found: 'other', message: 'engineError.cleanup.putLostUnsure', params: { key, endpoint } };
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
  | { kind: 'whole'; etag: string; versionId?: string }
  | { kind: 'other'; size: number | undefined }
  | { kind: 'unlooked'; detail: string };

/** One HEAD of the key, against the file (its size, and its MD5 where the ETag is one). */
async function lookAtCutPut(
  client: ControlClient,
  file: JobFile,
  size: number | undefined,
  since: number,
  stop?: AbortSignal,
): Promise<CutPutLook> {
  let head: HeadObjectCommandOutput | undefined;
  try {
    head = await headObject(client, file.bucket, file.key, stop);
  } catch (err) {
    if (err instanceof ObjectUnlooked) return { kind: 'unlooked', detail: err.message };
    throw err;
  }
  if (!head) return { kind: 'nothing' };
  // Older than the PUT: not one it made (LastModified missing: it cannot be told, so it counts).
  if (head.LastModified && head.LastModified.getTime() < since) return { kind: 'nothing' };
  const length = head.ContentLength;
  if (size === undefined || length !== size) return { kind: 'other', size: length };
  const md5 = etagAsMd5Base64(head.ETag);
  if (md5 === undefined) return { kind: 'other', size: length };
  try {
    const whole = md5 === (await fileRangeDigest(file.path, 0, size, 'md5'));
    return whole ? { kind: 'whole', etag: head.ETag!, versionId: head.VersionId } : { kind: 'other', size: length };
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
