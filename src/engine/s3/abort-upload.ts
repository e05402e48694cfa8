// AbortMultipartUpload, then proof that it worked. S3 documents that parts still in flight may land after an abort
// and recreate storage, so the abort is repeated until ListParts answers NoSuchUpload.
import type { HeadObjectCommandOutput } from '@aws-sdk/client-s3';
import { s3Sdk, type ControlClient } from './s3-sdk';
import { sleep } from './backoff';

export interface CleanupResult {
  verified: boolean;
  /** The first AbortMultipartUpload already answered NoSuchUpload: the upload was completed or aborted before. */
  wasGone: boolean;
  error?: string;
}

const CALL_TIMEOUT_MS = 5000;

function errorName(err: unknown): string {
  const e = err as { name?: string; Code?: string } | undefined;
  return e?.name ?? e?.Code ?? 'Error';
}

export async function abortAndVerify(
  client: ControlClient,
  bucket: string,
  key: string,
  uploadId: string,
  attempts: number,
): Promise<CleanupResult> {
  let wasGone = false;
  let lastError = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await client.send(
        new (await s3Sdk()).AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }),
        {
          abortSignal: AbortSignal.timeout(CALL_TIMEOUT_MS),
        },
      );
    } catch (err) {
      if (errorName(err) === 'NoSuchUpload') {
        if (attempt === 1) wasGone = true;
      } else {
        lastError = `AbortMultipartUpload: ${errorName(err)}`;
      }
    }
    try {
      const parts = await client.send(
        new (await s3Sdk()).ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId, MaxParts: 1 }),
        {
          abortSignal: AbortSignal.timeout(CALL_TIMEOUT_MS),
        },
      );
      lastError = `ListParts still lists the upload (${parts.Parts?.length ?? 0}+ parts)`;
    } catch (err) {
      if (errorName(err) === 'NoSuchUpload') return { verified: true, wasGone };
      lastError = `ListParts: ${errorName(err)}`;
    }
    await sleep(100 * 2 ** (attempt - 1));
  }
  return { verified: false, wasGone, error: lastError };
}

/** HeadObject answered neither the object nor "no such key" (403, 5xx, a timeout): what the key holds is unknown. */
export class ObjectUnlooked extends Error {
  constructor(readonly detail: string) {
    super(`HeadObject: ${detail}`);
    this.name = 'ObjectUnlooked';
  }
}

/**
 * The object's HEAD, or undefined where the server says the key holds none (404). Any other failure throws
 * ObjectUnlooked: a look that failed is not "nothing there", and a cleanup that took it for that said "verified"
 * with the object perhaps in the bucket. A caller for which not knowing is safe (a resume that would only send the
 * file again) catches it and says why.
 */
export async function headObject(
  client: ControlClient,
  bucket: string,
  key: string,
  /** A stop the look gives way to: a HEAD it cuts throws the SDK's abort error as it is, not ObjectUnlooked. */
  stop?: AbortSignal,
): Promise<HeadObjectCommandOutput | undefined> {
  // The SDK first (loaded at the first control call on the lean path): the deadline is the server's time alone.
  const { HeadObjectCommand } = await s3Sdk();
  const deadline = AbortSignal.timeout(CALL_TIMEOUT_MS);
  try {
    return await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), {
      abortSignal: stop ? AbortSignal.any([stop, deadline]) : deadline,
    });
  } catch (err) {
    // Cut by the stop, not by the server or the deadline: it says nothing of the key.
    if (stop?.aborted && errorName(err) === 'AbortError') throw err;
    const status = (err as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
    const name = errorName(err);
    if (name === 'NotFound' || name === 'NoSuchKey' || status === 404) return undefined;
    // The call's own deadline cuts it with an AbortError: said as what it was.
    const timedOut = name === 'AbortError' || name === 'TimeoutError';
    throw new ObjectUnlooked(
      timedOut ? `no answer within ${CALL_TIMEOUT_MS / 1000} s` : `${name}${status ? `, HTTP ${status}` : ''}`,
    );
  }
}

/** What `look` answers, or undefined where it failed with ObjectUnlooked: for a caller to whom not knowing is safe. */
export async function unlessUnlooked<T>(look: Promise<T>): Promise<T | undefined> {
  try {
    return await look;
  } catch (err) {
    if (err instanceof ObjectUnlooked) return undefined;
    throw err;
  }
}

/**
 * The upload ids of the key's multipart uploads initiated from sinceMs to untilMs (server time), paging through them all,
 * and in `others` those of the key initiated at other times.
 * `whole` is false where a page said more follow but not where: the ids are then those listed so far, and the uploads
 * not listed could be the ones looked for, so the caller must not answer as if it had seen them all.
 */
export async function uploadsOfKeySince(
  client: ControlClient,
  bucket: string,
  key: string,
  sinceMs: number,
  untilMs: number,
): Promise<{ ids: string[]; others: string[]; whole: boolean }> {
  const ids: string[] = [];
  const others: string[] = [];
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (;;) {
    const page = await client.send(
      new (await s3Sdk()).ListMultipartUploadsCommand({
        Bucket: bucket,
        Prefix: key,
        KeyMarker: keyMarker,
        UploadIdMarker: uploadIdMarker,
      }),
      { abortSignal: AbortSignal.timeout(CALL_TIMEOUT_MS) },
    );
    for (const u of page.Uploads ?? []) {
      const at = u.Initiated?.getTime() ?? 0;
      if (u.Key !== key || !u.UploadId) continue;
      (at >= sinceMs && at <= untilMs ? ids : others).push(u.UploadId);
    }
    if (!page.IsTruncated) return { ids, others, whole: true };
    if (!page.NextKeyMarker && !page.NextUploadIdMarker) return { ids, others, whole: false };
    keyMarker = page.NextKeyMarker;
    uploadIdMarker = page.NextUploadIdMarker;
  }
}
