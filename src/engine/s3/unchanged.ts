// Whether a local file is already the object at its key, for --skip-unchanged and the app's "Skip if unchanged": one
// HEAD per file (with ChecksumMode ENABLED, so that the server names the checksum it stored), then a read of the file
// only when the sizes agree. The file is "same" only when the server's own record proves it:
// - the object's CRC32 (full-object, or composite "xxx-N" over the parts) equals the file's, computed as Hoist's
//   uploads send it (job/file-checksum.ts);
// - or its ETag is the file's MD5 (a single-part upload not encrypted with KMS or a customer key), or the multipart
//   form "md5-of-the-parts'-md5s-N" that Hoist recomputes with the part size its own plan gives the file.
// Anything it cannot prove (no checksum, another tool's part size, SSE-KMS, a HEAD that failed) is "unknown", and the
// caller uploads: sending a file twice is cheaper than keeping a stale one.
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import type { HeadObjectCommandOutput } from '@aws-sdk/client-s3';
import { s3Sdk, type ControlClient } from './s3-sdk';
import { fileRangeDigest, type DigestKind } from '../job/file-checksum';
import { existingKeys, HEAD_LIMIT } from './existing-keys';
import { planParts, partRange } from '../plan/part-plan';

const TIMEOUT_MS = 30_000;
/** HEADs in flight at once for a batch: a few per file in flight, without flooding a small server. */
const CONCURRENCY = 8;

/** What is compared: the file Hoist would read and the key it would write. */
export interface LocalObjectFile {
  path: string;
  size: number;
  key: string;
}

export type Sameness =
  | { kind: 'same'; by: 'crc32' | 'composite-crc32' | 'md5' | 'multipart-md5' }
  | { kind: 'different'; why: 'absent' | 'size' | 'checksum' }
  | { kind: 'unknown'; why: 'no-checksum' | 'part-size' | 'encrypted' | 'head-failed' };

/**
 * Compares one file with the object at its key. `partSize` is the part size Hoist's uploads use for this target
 * (the multipart form of the ETag and of the CRC32 depends on it).
 */
export async function compareWithObject(
  client: ControlClient,
  bucket: string,
  file: LocalObjectFile,
  partSize: number,
  signal?: AbortSignal,
): Promise<Sameness> {
  let head: HeadObjectCommandOutput;
  try {
    head = await client.send(
      new (await s3Sdk()).HeadObjectCommand({ Bucket: bucket, Key: file.key, ChecksumMode: 'ENABLED' }),
      {
        abortSignal: signal
          ? AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)])
          : AbortSignal.timeout(TIMEOUT_MS),
      },
    );
  } catch (err) {
    signal?.throwIfAborted();
    const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404)
      return { kind: 'different', why: 'absent' };
    return { kind: 'unknown', why: 'head-failed' };
  }
  if ((head.ContentLength ?? -1) !== file.size) return { kind: 'different', why: 'size' };
  const digests = new FileDigests(file, partSize, signal);

  const etag = head.ETag ? parseMultipart(head.ETag.replace(/"/g, '').trim().toLowerCase()) : undefined;
  const crc = head.ChecksumCRC32 ? parseMultipart(head.ChecksumCRC32) : undefined;
  if (crc) {
    // A composite CRC32 is over the parts' CRC32s: S3 and versitygw write it "xxx-N", moto leaves the "-N" off (the
    // ETag still says how many parts). A full-object CRC32 is the whole file's, however it was uploaded.
    const parts = head.ChecksumType === 'FULL_OBJECT' ? undefined : (crc.parts ?? etag?.parts);
    const ours = parts !== undefined ? await digests.composite('crc32', parts) : await digests.whole('crc32');
    const composite = parts !== undefined;
    if (ours === undefined) return { kind: 'unknown', why: 'part-size' };
    return ours === crc.value
      ? { kind: 'same', by: composite ? 'composite-crc32' : 'crc32' }
      : { kind: 'different', why: 'checksum' };
  }

  // With SSE-KMS or a customer key, S3's ETag is not an MD5 of the bytes.
  if (
    head.ServerSideEncryption === 'aws:kms' ||
    head.ServerSideEncryption === 'aws:kms:dsse' ||
    head.SSECustomerAlgorithm
  )
    return { kind: 'unknown', why: 'encrypted' };
  if (!etag || !/^[0-9a-f]{32}$/.test(etag.value)) return { kind: 'unknown', why: 'no-checksum' };
  const multipart = etag.parts !== undefined;
  const ours = multipart ? await digests.composite('md5', etag.parts!) : await digests.whole('md5');
  if (ours === undefined) return { kind: 'unknown', why: 'part-size' };
  const hex = Buffer.from(ours, 'base64').toString('hex');
  return hex === etag.value
    ? { kind: 'same', by: multipart ? 'multipart-md5' : 'md5' }
    : { kind: 'different', why: 'checksum' };
}

/**
 * Each file compared with the object at its key (by key), a few HEADs at a time. A large batch is listed first
 * (existing-keys.ts: one request per 1,000 keys), so that only the keys that exist with the file's size get a HEAD.
 */
export async function compareWithObjects(
  client: ControlClient,
  bucket: string,
  files: readonly LocalObjectFile[],
  partSize: number,
  signal?: AbortSignal,
): Promise<Map<string, Sameness>> {
  const out = new Map<string, Sameness>();
  let toHead = files;
  if (files.length > HEAD_LIMIT) {
    // A listing refused (no s3:ListBucket) or failed: every file gets its HEAD instead.
    const listed = await existingKeys(
      client,
      bucket,
      files.map((f) => f.key),
    ).catch(() => undefined);
    signal?.throwIfAborted();
    if (listed) {
      const sameSize: LocalObjectFile[] = [];
      for (const f of files) {
        const facts = listed.get(f.key);
        if (!facts) out.set(f.key, { kind: 'different', why: 'absent' });
        else if (facts.size !== f.size) out.set(f.key, { kind: 'different', why: 'size' });
        else sameSize.push(f);
      }
      toHead = sameSize;
    }
  }
  let next = 0;
  const worker = async () => {
    while (next < toHead.length) {
      signal?.throwIfAborted();
      const file = toHead[next++]!;
      out.set(file.key, await compareWithObject(client, bucket, file, partSize, signal));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, toHead.length) }, worker));
  return out;
}

/** "value" or "value-N" (a multipart ETag or composite checksum). */
function parseMultipart(text: string): { value: string; parts?: number } {
  const m = /^(.*)-(\d+)$/.exec(text);
  return m ? { value: m[1]!, parts: Number(m[2]) } : { value: text };
}

/** The file's digests, as base64, each computed once. */
class FileDigests {
  constructor(
    private readonly file: LocalObjectFile,
    private readonly partSize: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  whole(kind: DigestKind): Promise<string> {
    return fileRangeDigest(this.file.path, 0, this.file.size, kind, this.signal);
  }

  /**
   * The digest of the parts' digests (their raw bytes, in order), as S3 forms a multipart ETag (MD5) or a composite
   * CRC32, for the parts Hoist's plan cuts this file into; undefined when that plan does not give `parts` parts.
   */
  async composite(kind: DigestKind, parts: number): Promise<string | undefined> {
    const plan = this.plan();
    if (!plan || plan.partCount !== parts) return undefined;
    const raw: Buffer[] = [];
    for (let n = 1; n <= plan.partCount; n++) {
      const r = partRange(plan, this.file.size, n);
      raw.push(Buffer.from(await fileRangeDigest(this.file.path, r.start, r.end, kind, this.signal), 'base64'));
    }
    const all = Buffer.concat(raw);
    if (kind === 'md5') return createHash('md5').update(all).digest('base64');
    return digestOfBytes(all);
  }

  private plan(): { partSize: number; partCount: number } | undefined {
    try {
      return planParts(this.file.size, this.partSize, this.file.path);
    } catch {
      return undefined;
    }
  }
}

type Crc32 = (data: Uint8Array, value?: number) => number;
const crc32 = (zlib as unknown as { crc32?: Crc32 }).crc32;

/** CRC32 of bytes in memory, base64 as S3 writes it (zlib's, as file-checksum.ts uses). */
function digestOfBytes(bytes: Buffer): string {
  if (!crc32) throw new Error('zlib.crc32 is not available in this Node.');
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(bytes) >>> 0);
  return out.toString('base64');
}
