// Multipart uploads left unfinished on the server, by anyone: list them with their size so far, and abort them
// with the same verified cleanup a cancel uses.
import { s3Sdk, type ControlClient } from './s3-sdk';
import { abortAndVerify } from './abort-upload';
import { HoistError, hoistError } from './errors';
import { worded } from './error-messages';
import { listUploadedParts } from './uploaded-parts';
import type { IncompleteAbortResult, IncompleteUploadInfo } from '../../shared/ipc-recovery';

/** An incomplete upload with its size so far, and the outcome of aborting one: the shared contract's own types. */
export type IncompleteUpload = IncompleteUploadInfo;
export type AbortResult = IncompleteAbortResult;

const TIMEOUT_MS = 30_000;

/**
 * A prefix listed no uploads and the whole bucket, asked to make sure, could not be listed: there may be uploads
 * under the prefix that the server would not name, so "none" cannot be said.
 */
export class UnverifiedEmptyListing extends HoistError {
  constructor(
    readonly bucket: string,
    readonly prefix: string,
    readonly reason: string,
  ) {
    const { message, text } = worded('engineError.listing.unverifiedEmpty', { prefix, bucket, detail: reason });
    super('ListingUnverified', message, text);
    this.name = 'UnverifiedEmptyListing';
  }
}

interface Listed {
  key: string;
  uploadId: string;
  initiated?: Date;
}

export async function listIncomplete(
  client: ControlClient,
  bucket: string,
  prefix: string,
  ours: Set<string>,
): Promise<IncompleteUpload[]> {
  let listed = await listUploads(client, bucket, prefix);
  if (listed.length === 0 && prefix) {
    // MinIO answers a Prefix only when it is a whole key, so a folder's uploads come back as none. The whole
    // bucket, filtered here, tells a real "none" from that.
    try {
      listed = (await listUploads(client, bucket, '')).filter((u) => u.key.startsWith(prefix));
    } catch (err) {
      throw new UnverifiedEmptyListing(bucket, prefix, describe(err));
    }
  }
  const found: IncompleteUpload[] = [];
  for (const u of listed) {
    const parts =
      (await listUploadedParts(client, bucket, u.key, u.uploadId, AbortSignal.timeout(TIMEOUT_MS)))?.parts ?? [];
    found.push({
      key: u.key,
      uploadId: u.uploadId,
      initiated: u.initiated?.toISOString() ?? '',
      parts: parts.length,
      bytes: parts.reduce((sum, p) => sum + p.Size, 0),
      startedByHoist: ours.has(u.uploadId),
    });
  }
  return found;
}

/** Every upload the server lists under the prefix, page after page. */
async function listUploads(client: ControlClient, bucket: string, prefix: string): Promise<Listed[]> {
  const listed: Listed[] = [];
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (;;) {
    const page = await client.send(
      new (await s3Sdk()).ListMultipartUploadsCommand({
        Bucket: bucket,
        Prefix: prefix || undefined,
        KeyMarker: keyMarker,
        UploadIdMarker: uploadIdMarker,
      }),
      { abortSignal: AbortSignal.timeout(TIMEOUT_MS) },
    );
    const uploads = page.Uploads ?? [];
    for (const u of uploads)
      if (u.Key && u.UploadId) listed.push({ key: u.Key, uploadId: u.UploadId, initiated: u.Initiated });
    if (!page.IsTruncated) return listed;
    // Some servers leave out the next markers: the page's last upload is where the next page starts.
    const last = uploads.at(-1);
    const nextKey = page.NextKeyMarker || last?.Key;
    const nextId = page.NextUploadIdMarker || last?.UploadId;
    // Stopping here would pass a partial list off as the whole one.
    if (!nextKey || (nextKey === keyMarker && nextId === uploadIdMarker)) {
      throw hoistError('ListingIncomplete', 'engineError.listing.noNextPage', { bucket, count: listed.length });
    }
    keyMarker = nextKey;
    uploadIdMarker = nextId;
  }
}

function describe(err: unknown): string {
  const e = (err ?? {}) as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const code = e.code ?? e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  const message = (e.message ?? '').split('\n')[0]!.replace(/\.$/, '');
  return `${code}${status ? `, HTTP ${status}` : ''}${message && message !== code && message !== 'UnknownError' ? `: ${message}` : ''}`;
}

export async function abortIncomplete(
  client: ControlClient,
  bucket: string,
  uploads: { key: string; uploadId: string }[],
  attempts: number,
): Promise<AbortResult[]> {
  const results: AbortResult[] = [];
  for (const u of uploads) {
    const r = await abortAndVerify(client, bucket, u.key, u.uploadId, attempts);
    results.push({
      key: u.key,
      uploadId: u.uploadId,
      verified: r.verified,
      ...(r.error && !r.verified ? { error: r.error } : {}),
    });
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
