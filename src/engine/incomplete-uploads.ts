// Multipart uploads left unfinished on the server, by anyone: list them with their size so far, and abort them
// with the same verified cleanup a cancel uses.
import { ListMultipartUploadsCommand, type S3Client } from '@aws-sdk/client-s3';
import { abortAndVerify } from './cleanup';
import { listUploadedParts } from './uploaded-parts';

export interface IncompleteUpload {
  key: string;
  uploadId: string;
  /** ISO 8601, as the server reports it. */
  initiated: string;
  parts: number;
  bytes: number;
  /** The upload is in this machine's journal: Hoist started it and can resume it. */
  startedByHoist: boolean;
}

export interface AbortResult {
  key: string;
  uploadId: string;
  verified: boolean;
  error?: string;
}

const TIMEOUT_MS = 30_000;

export async function listIncomplete(client: S3Client, bucket: string, prefix: string, ours: Set<string>): Promise<IncompleteUpload[]> {
  const found: IncompleteUpload[] = [];
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (;;) {
    const page = await client.send(
      new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix || undefined, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }),
      { abortSignal: AbortSignal.timeout(TIMEOUT_MS) },
    );
    for (const u of page.Uploads ?? []) {
      if (!u.Key || !u.UploadId) continue;
      const parts = (await listUploadedParts(client, bucket, u.Key, u.UploadId, AbortSignal.timeout(TIMEOUT_MS))) ?? [];
      found.push({
        key: u.Key, uploadId: u.UploadId, initiated: u.Initiated?.toISOString() ?? '', parts: parts.length,
        bytes: parts.reduce((sum, p) => sum + p.Size, 0), startedByHoist: ours.has(u.UploadId),
      });
    }
    if (!page.IsTruncated || (!page.NextKeyMarker && !page.NextUploadIdMarker)) break;
    keyMarker = page.NextKeyMarker;
    uploadIdMarker = page.NextUploadIdMarker;
  }
  return found;
}

export async function abortIncomplete(client: S3Client, bucket: string, uploads: { key: string; uploadId: string }[], attempts: number): Promise<AbortResult[]> {
  const results: AbortResult[] = [];
  for (const u of uploads) {
    const r = await abortAndVerify(client, bucket, u.key, u.uploadId, attempts);
    results.push({ key: u.key, uploadId: u.uploadId, verified: r.verified, ...(r.error && !r.verified ? { error: r.error } : {}) });
  }
  return results;
}

/** Parses "7d", "12h", "30m" into milliseconds; null if it is not such a duration. */
export function parseAge(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([dhm])$/i.exec(text.trim());
  if (!m) return null;
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[m[2]!.toLowerCase() as 'd' | 'h' | 'm'];
  return Number(m[1]) * unit;
}
