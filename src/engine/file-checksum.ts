// The CRC32 of a byte range of a file, for the x-amz-checksum-crc32 header of a part or a small object.
//
// Left to itself, the SDK computes the checksum while sending: it wraps the body in an aws-chunked encoder with a
// trailer, which reads the file through fresh buffers and reframes every chunk. Reading the range once beforehand
// with zlib's native CRC32 (Node 20.15 and later) and handing the SDK the result costs one more read from the page
// cache, and lets the body go out through FileRangeBody's reused buffers as a plain Content-Length request
// (bench, 1 GiB: see docs/benchmarks.md, "hoist --checksum crc32").
//
// If the file changes between this read and the upload, the server finds the checksum wrong and rejects the part
// (BadDigest), which is what should happen to a file that changed mid-upload.
import { open } from 'node:fs/promises';
import zlib from 'node:zlib';
import { fileShrankError } from './errors';

type Crc32 = (data: Uint8Array, value?: number) => number;
const crc32 = (zlib as unknown as { crc32?: Crc32 }).crc32;

/**
 * Read at a time. Larger than the body's chunks (counting-stream.ts), which are small for exact progress: this pass
 * only reads, and each read is a thread-pool round trip.
 */
const READ_SIZE = 1024 * 1024;
/** Free read buffers kept for the next part: one per part in flight is plenty. */
const POOL_MAX = 8;
const pool: Buffer[] = [];

/** True when this Node computes CRC32 natively; otherwise the SDK's own checksum path is used. */
export const nativeCrc32 = typeof crc32 === 'function';

/** Base64 of the big-endian CRC32 of [start, end) of the file, as S3 expects it. */
export async function fileRangeCrc32(path: string, start: number, end: number, signal?: AbortSignal): Promise<string> {
  if (!crc32) throw new Error('zlib.crc32 is not available in this Node.');
  const fh = await open(path, 'r');
  const buf = pool.pop() ?? Buffer.allocUnsafeSlow(READ_SIZE);
  try {
    let value = 0;
    let pos = start;
    while (pos < end) {
      signal?.throwIfAborted();
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, end - pos), pos);
      if (bytesRead === 0) throw fileShrankError(path);
      value = crc32(buf.subarray(0, bytesRead), value);
      pos += bytesRead;
    }
    const out = Buffer.alloc(4);
    out.writeUInt32BE(value >>> 0);
    return out.toString('base64');
  } finally {
    if (pool.length < POOL_MAX) pool.push(buf);
    await fh.close();
  }
}
