// What the server already holds of a multipart upload: the truth a resume starts from.
import type { CompletedPart } from '@aws-sdk/client-s3';
import { s3Sdk, type ControlClient } from './s3-sdk';

export interface UploadedParts {
  parts: (CompletedPart & { Size: number })[];
  /** The upload was created with ChecksumAlgorithm CRC32: its parts must carry one, and Complete must name them. */
  crc32: boolean;
}

/** Every part the server lists for the upload (paging through ListParts' 1,000-part pages), or null if it is gone. */
export async function listUploadedParts(
  client: ControlClient,
  bucket: string,
  key: string,
  uploadId: string,
  signal: AbortSignal,
): Promise<UploadedParts | null> {
  const parts: (CompletedPart & { Size: number })[] = [];
  let crc32 = false;
  let marker: string | undefined;
  try {
    for (;;) {
      const page = await client.send(
        new (await s3Sdk()).ListPartsCommand({
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          PartNumberMarker: marker,
          MaxParts: 1000,
        }),
        { abortSignal: signal },
      );
      // versitygw answers the string "null" for an upload without one, hence the comparison.
      if (page.ChecksumAlgorithm === 'CRC32') crc32 = true;
      for (const p of page.Parts ?? []) {
        if (p.PartNumber && p.ETag)
          parts.push({ PartNumber: p.PartNumber, ETag: p.ETag, ChecksumCRC32: p.ChecksumCRC32, Size: p.Size ?? 0 });
      }
      if (!page.IsTruncated || !page.NextPartNumberMarker) break;
      marker = page.NextPartNumberMarker;
    }
  } catch (err) {
    if ((err as { name?: string }).name === 'NoSuchUpload') return null;
    throw err;
  }
  return { parts, crc32 };
}

/** A signal that follows `signal`, but only `graceMs` after it fires. */
export function delayedSignal(signal: AbortSignal, graceMs: number): AbortSignal {
  const ctl = new AbortController();
  if (signal.aborted) setTimeout(() => ctl.abort(), graceMs).unref();
  else signal.addEventListener('abort', () => setTimeout(() => ctl.abort(), graceMs).unref(), { once: true });
  return ctl.signal;
}
