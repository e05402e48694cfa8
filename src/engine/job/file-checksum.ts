// Digests of a byte range of a file: the CRC32 for an x-amz-checksum-crc32 header, the MD5 for a Content-MD5 header
// or for comparing a listed part's ETag with the local bytes.
//
// Left to itself, the SDK computes a checksum while sending: it wraps the body in an aws-chunked encoder with a
// trailer, which reads the file through fresh buffers and reframes every chunk. Reading the range once beforehand
// and handing the SDK the result costs one more read from the page cache, and lets the body go out through
// FileRangeBody's reused buffers as a plain Content-Length request (bench, 1 GiB: see docs/benchmarks.md).
//
// If the file changes between this read and the upload, the server finds the digest wrong and rejects the part
// (BadDigest), which is what should happen to a file that changed mid-upload.
//
// The lean data path spares a multipart part this read where the endpoint takes it: the part's CRC32 is computed from
// the bytes as they go out and sent after them (s3/lean/aws-chunked.ts). This pass serves the SDK path, Content-MD5,
// big single PUTs and endpoints that do not take the trailer.
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { closeQuietly, openForRead, readAt } from '../fs/descriptor-reads';
import { fileShrankError } from '../s3/errors';
import { CHUNK, FAST_CHUNK } from './chunk-size';
import { releaseBuffer, takeBuffer } from './read-buffer';

type Crc32 = (data: Uint8Array, value?: number) => number;
/** zlib's native CRC32 (Node 20.15 and later), continued from `value`; undefined on an older Node. */
export const crc32 = (zlib as unknown as { crc32?: Crc32 }).crc32;

/**
 * Read at a time, when the process's ration of large buffers allows (read-buffer.ts), else 128 KiB. Larger than a
 * body's first chunks (counting-stream.ts), which are small for exact progress: this pass only reads, and each read is
 * a thread-pool round trip.
 */
const READ_SIZE = FAST_CHUNK;

export type DigestKind = 'crc32' | 'md5';

/** Base64 of the digest of [start, end) of the file, as S3 expects it in x-amz-checksum-crc32 and Content-MD5. */
export async function fileRangeDigest(
  path: string,
  start: number,
  end: number,
  kind: DigestKind,
  signal?: AbortSignal,
): Promise<string> {
  if (kind === 'crc32' && !crc32) throw new Error('zlib.crc32 is not available in this Node.');
  const md5 = kind === 'md5' ? createHash('md5') : undefined;
  const fd = await openForRead(path);
  // A range shorter than a large buffer reads in small ones: 200 files of 1 MB to the keep-alive sink, 8 at once, peaked
  // at 74 MB with each pass reading once into a large buffer and 66 MB in 128 KiB reads (medians of 11 interleaved
  // runs), for 5% more CPU. Eight passes at once would hold the whole ration, 8 MiB, kept in the pool afterwards.
  const buf = takeBuffer(end - start >= READ_SIZE ? READ_SIZE : CHUNK);
  try {
    let value = 0;
    let pos = start;
    while (pos < end) {
      signal?.throwIfAborted();
      const bytesRead = await readAt(fd, buf, 0, Math.min(buf.length, end - pos), pos);
      if (bytesRead === 0) throw fileShrankError(path);
      if (md5) md5.update(buf.subarray(0, bytesRead));
      else value = crc32!(buf.subarray(0, bytesRead), value);
      pos += bytesRead;
    }
    return md5 ? md5.digest('base64') : crc32Base64(value);
  } finally {
    // Every read here was awaited: none can land in the buffer or on the descriptor after this.
    releaseBuffer(buf, true);
    closeQuietly(fd);
  }
}

/** Base64 of the digest of bytes already in memory (a small file read whole: small-file.ts). */
export function bufferDigest(data: Uint8Array, kind: DigestKind): string {
  if (kind === 'md5') return createHash('md5').update(data).digest('base64');
  if (!crc32) throw new Error('zlib.crc32 is not available in this Node.');
  return crc32Base64(crc32(data, 0));
}

/** A CRC32 as S3 writes it (x-amz-checksum-crc32): base64 of its 4 big-endian bytes. */
export function crc32Base64(value: number): string {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0);
  return out.toString('base64');
}

/** An S3 ETag (quoted hex MD5 for a plain part or object) as base64, to compare with a Content-MD5; else undefined. */
export function etagAsMd5Base64(etag: string | undefined): string | undefined {
  const hex = etag?.replace(/"/g, '').trim().toLowerCase();
  return hex && /^[0-9a-f]{32}$/.test(hex) ? Buffer.from(hex, 'hex').toString('base64') : undefined;
}
