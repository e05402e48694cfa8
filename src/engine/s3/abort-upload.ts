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

/** Whether the key holds an object last modified at or after sinceMs (any failure to tell counts as no). */
export async function objectExistsSince(
  client: ControlClient,
  bucket: string,
  key: string,
  sinceMs: number,
): Promise<boolean> {
  const head = await headObject(client, bucket, key);
  return !!head && (head.LastModified?.getTime() ?? 0) >= sinceMs;
}

/** The object's HEAD, or undefined if there is none (or it cannot be told). */
export async function headObject(
  client: ControlClient,
  bucket: string,
  key: string,
): Promise<HeadObjectCommandOutput | undefined> {
  try {
    return await client.send(new (await s3Sdk()).HeadObjectCommand({ Bucket: bucket, Key: key }), {
      abortSignal: AbortSignal.timeout(5000),
    });
  } catch {
    return undefined;
  }
}

/** The upload ids of the key's multipart uploads initiated at or after sinceMs (server time), paging through them all. */
export async function uploadsOfKeySince(
  client: ControlClient,
  bucket: string,
  key: string,
  sinceMs: number,
): Promise<string[]> {
  const ids: string[] = [];
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
      if (u.Key === key && u.UploadId && (u.Initiated?.getTime() ?? 0) >= sinceMs) ids.push(u.UploadId);
    }
    if (!page.IsTruncated || (!page.NextKeyMarker && !page.NextUploadIdMarker)) return ids;
    keyMarker = page.NextKeyMarker;
    uploadIdMarker = page.NextUploadIdMarker;
  }
}
