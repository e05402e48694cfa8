// A byte range of a file as the body of one request, counting each chunk as it goes out and holding it back while a
// speed limit says so. A small file read whole beforehand (small-file.ts) goes out the same way, from memory.
//
// The SDK sends a stream body with body.pipe(request). When the destination is the HTTP request itself, this stream
// takes over that pipe: it reads the file into a few reused buffers and writes them to the request itself, counting a
// chunk when the request's write callback says the socket has taken it. Any other consumer (the SDK's aws-chunked
// encoder and its checksum hasher, when the SDK computes a checksum itself: on a Node without zlib.crc32) reads it as an ordinary Readable, with a fresh buffer per
// chunk since such a consumer may keep them.
//
// Why not fs.createReadStream piped through a counting Transform: it allocates a fresh buffer for every read, so a
// 1 GiB upload churns 1 GiB of external memory, and V8 answers that with major GCs that mark the SDK's whole heap
// again and again. That cost more CPU than reading and sending the bytes (bench: 3.1 s → 2.2 s for 1 GiB).
//
// Why 128 KiB chunks, two in flight: progress counts a chunk once the socket has taken it, and the kernel lets a
// socket run further ahead of the server the larger the writes it is given. Through a proxy throttled to 8 MiB/s
// (E2E scenario 1), 4 and 6 MiB files showed 100% within half a second with 512 KiB chunks, long before the server
// had them; with 128 KiB chunks their bars rise with what the link carries. Larger chunks cost less CPU (1 GiB to a
// local sink: 2.05 s with 512 KiB, 2.23 s with 128 KiB; /usr/bin/time, median of 5), which exact progress is worth.
// Most of that saving is in the reads, not the writes (each read is a thread-pool round trip: docs/benchmarks.md,
// Node's own I/O), so the file is read 512 KiB at a time, the next block while the current one goes out, and each
// block is written in 128 KiB views of itself.
import { open, type FileHandle } from 'node:fs/promises';
import { OutgoingMessage } from 'node:http';
import { Readable, type Writable } from 'node:stream';
import { fileShrankError } from '../s3/errors';
import type { RateLimiter } from '../throttle/speed-limit';

/** Written to the request at a time, and counted once its socket has taken it. */
const CHUNK = 128 * 1024;
/**
 * Read from the file at a time, and written out as CHUNK-sized views of the one buffer. Each read is a thread-pool
 * round trip, so fewer, larger reads cost less CPU while the writes stay small for exact progress.
 */
const READ = 512 * 1024;
/** Chunk size under a speed limit, so the rate stays smooth (read and written at this size). */
const LIMITED_CHUNK = 64 * 1024;
/** Chunks handed to the request and not yet taken by its socket; the next read runs meanwhile. */
const WINDOW = 2;
/** Chunk size when read as an ordinary stream (the consumer keeps each chunk, so they cannot be reused). */
const STREAM_CHUNK = 256 * 1024;
/** Free read buffers kept for reuse across requests: two per part for four parts in flight (4 MiB at most). */
const POOL_MAX = 8;

const pool: Buffer[] = [];
function takeBuffer(): Buffer {
  return pool.pop() ?? Buffer.allocUnsafeSlow(READ);
}
function giveBuffer(buf: Buffer): void {
  if (pool.length < POOL_MAX) pool.push(buf);
}

/** One read's bytes, written out in chunks; its pooled buffer goes back once the socket has taken all of them. */
interface Block {
  bytes: Buffer;
  pooled: Buffer | undefined;
  /** Chunks of it not yet taken by the socket, and whether all its chunks have been handed to the request. */
  pending: number;
  handedOut: boolean;
  /** A write failed: who still holds the buffer is unknown, so it is not reused. */
  spoiled: boolean;
}

export class FileRangeBody extends Readable {
  private handle: Promise<FileHandle> | undefined;
  private pos: number;
  private piped = false;
  private wake: (() => void) | undefined;

  /** A file's path, or its bytes already read whole (small-file.ts), which go out as views without a copy. */
  constructor(
    private readonly source: string | Buffer,
    start: number,
    private readonly end: number,
    private readonly onBytes: (n: number) => void,
    private readonly limiters: RateLimiter[],
  ) {
    super({ highWaterMark: STREAM_CHUNK });
    this.pos = start;
  }

  override pipe<T extends NodeJS.WritableStream>(dest: T, options?: { end?: boolean }): T {
    if (!(dest instanceof OutgoingMessage) || this.piped || this.readableFlowing !== null)
      return super.pipe(dest, options);
    this.piped = true;
    const request = dest as unknown as Writable;
    this.pumpTo(request).catch((err: Error) => {
      // A read cut short by our own destroy() (the request already ended) is no news.
      if (this.destroyed) return;
      // The error goes to the request, which the SDK listens to and rejects with. Emitted on this stream, which no
      // one listens to once it is piped this way, it would be an uncaught 'error' that ends the process.
      this.destroy();
      request.destroy(err);
    });
    return dest;
  }

  private file(): Promise<FileHandle> {
    return (this.handle ??= open(this.source as string, 'r'));
  }

  /** Reads [at, at + n) into buf; a file that ends early has changed under us. */
  private async readInto(buf: Buffer, n: number, at: number): Promise<void> {
    const fh = await this.file();
    let got = 0;
    while (got < n) {
      const { bytesRead } = await fh.read(buf, got, n - got, at + got);
      if (bytesRead === 0) throw fileShrankError(this.source as string);
      got += bytesRead;
    }
  }

  /** The block [at, at + n): a view of bytes in memory, or a file's bytes read into a pooled buffer. */
  private async readBlock(at: number, n: number): Promise<Block> {
    if (Buffer.isBuffer(this.source)) return block(this.source.subarray(at, at + n), undefined);
    const pooled = takeBuffer();
    try {
      await this.readInto(pooled, n, at);
    } catch (err) {
      giveBuffer(pooled);
      throw err;
    }
    return block(n === pooled.length ? pooled : pooled.subarray(0, n), pooled);
  }

  private async pumpTo(request: Writable): Promise<void> {
    const limited = this.limiters.length > 0;
    const chunkSize = limited ? LIMITED_CHUNK : CHUNK;
    const readSize = limited ? LIMITED_CHUNK : READ;
    let inFlight = 0;
    let failed = false;
    const stopped = (): boolean => failed || this.destroyed || request.destroyed;
    const onClose = (): void => this.wake?.();
    request.once('close', onClose);
    // this.pos is where the next write starts; readPos where the next read does (one block ahead of the writes).
    let readPos = this.pos;
    const readNext = (): Promise<Block> | undefined => {
      if (readPos >= this.end) return undefined;
      const n = Math.min(readSize, this.end - readPos);
      const read = this.readBlock(readPos, n);
      readPos += n;
      // Awaited below, which still throws its error; this only keeps a read that a stop leaves behind from being an
      // unhandled rejection.
      read.catch(() => undefined);
      return read;
    };
    let next = readNext();
    try {
      while (next && !stopped()) {
        const current = await next;
        // The next block is read while this one goes out.
        next = readNext();
        for (let off = 0; off < current.bytes.length && !stopped(); off += chunkSize) {
          while (inFlight >= WINDOW && !stopped()) await new Promise<void>((r) => (this.wake = r));
          if (stopped()) break;
          const n = Math.min(chunkSize, current.bytes.length - off);
          if (limited) await Promise.all(this.limiters.map((l) => l.take(n)));
          if (stopped()) break;
          inFlight++;
          current.pending++;
          this.pos += n;
          request.write(n === current.bytes.length ? current.bytes : current.bytes.subarray(off, off + n), (err) => {
            inFlight--;
            current.pending--;
            if (err) {
              failed = true;
              current.spoiled = true;
            } else this.onBytes(n);
            if (current.handedOut) release(current);
            this.wake?.();
          });
        }
        current.handedOut = true;
        release(current);
      }
      while (inFlight > 0 && !stopped()) await new Promise<void>((r) => (this.wake = r));
      if (!stopped()) request.end();
    } finally {
      request.off('close', onClose);
      // A block read ahead that a stop leaves unsent goes back to the pool once its read is done.
      next?.then(release, () => undefined);
      this.closeFile();
    }
  }

  override _read(): void {
    const n = Math.min(STREAM_CHUNK, this.end - this.pos);
    if (n <= 0) {
      this.closeFile();
      this.push(null);
      return;
    }
    const buf = Buffer.isBuffer(this.source) ? this.view(n) : Buffer.allocUnsafe(n);
    (Buffer.isBuffer(this.source) ? Promise.resolve() : this.readInto(buf, n, this.pos)).then(
      async () => {
        if (this.limiters.length) await Promise.all(this.limiters.map((l) => l.take(n)));
        this.pos += n;
        this.onBytes(n);
        this.push(buf);
      },
      (err: Error) => this.destroy(err),
    );
  }

  /** The next n bytes of a body held in memory. */
  private view(n: number): Buffer {
    return (this.source as Buffer).subarray(this.pos, this.pos + n);
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.wake?.();
    this.closeFile();
    callback(err);
  }

  private closeFile(): void {
    const handle = this.handle;
    this.handle = undefined;
    handle?.then((fh) => fh.close()).catch(() => undefined);
  }
}

function block(bytes: Buffer, pooled: Buffer | undefined): Block {
  return { bytes, pooled, pending: 0, handedOut: false, spoiled: false };
}

/**
 * Gives a block's pooled buffer back once every chunk of it has been handed out and taken by the socket. Only a buffer
 * the socket is done with is reused; after a failed write, who still holds it is unknown.
 */
function release(b: Block): void {
  if (!b.pooled || b.pending > 0 || b.spoiled) return;
  const buf = b.pooled;
  b.pooled = undefined;
  giveBuffer(buf);
}

export function countingFileStream(
  path: string | Buffer,
  start: number,
  endExclusive: number,
  onBytes: (n: number) => void,
  limiters: RateLimiter[] = [],
): Readable {
  return new FileRangeBody(path, start, endExclusive, onBytes, limiters);
}
