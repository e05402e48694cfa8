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
// Chunks: two in flight, each counted once the socket has taken it; their size starts small and grows on a fast link
// (chunk-size.ts says why). A framing (BodyFrame: the lean path's aws-chunked CRC32 trailer) wraps each chunk in its
// frame's pieces without copying it.
import { OutgoingMessage } from 'node:http';
import { Readable, type Writable } from 'node:stream';
import { closeQuietly, openForRead, readAt } from '../fs/descriptor-reads';
import { fileShrankError } from '../s3/errors';
import type { RateLimiter } from '../throttle/speed-limit';
import { releaseBuffer, takeBuffer } from './read-buffer';
import { ChunkSizer, CHUNK, type LinkPace } from './chunk-size';

/** Chunks handed to the request and not yet taken by its socket; the next one is read from the file meanwhile. */
const WINDOW = 2;
/** Chunk size when read as an ordinary stream (the consumer keeps each chunk, so they cannot be reused). */
const STREAM_CHUNK = 256 * 1024;
/**
 * How long a request that has all its bytes, ended after its body was given up, may take to finish sending them.
 * Given up after an answer, its last writes are usually in the kernel already and finish at once; a server that
 * answered a refusal and stopped reading never lets them, and the socket would stay the request's for good.
 */
export const GIVEN_UP_DRAIN_MS = 2000;
/**
 * A framing of the body on the wire (the lean path's aws-chunked CRC32 trailer, s3/lean/aws-chunked.ts): each chunk is
 * written as the pieces frame() gives for it, and end()'s bytes close the request.
 */
export interface BodyFrame {
  frame(bytes: Buffer): Buffer[];
  end(): Buffer;
}

export class FileRangeBody extends Readable {
  /**
   * The file's descriptor: not opened yet, opened at the first read (a plain one, not a FileHandle:
   * descriptor-reads.ts), or closed for good, after which nothing is opened or read again.
   */
  private fd: Promise<number> | 'closed' | undefined;
  /** The last read: the descriptor is closed only after it, so no read can land on a reused number. */
  private reading: Promise<unknown> | undefined;
  private framing: BodyFrame | undefined;
  private pos: number;
  private piped = false;
  private wake: (() => void) | undefined;
  /**
   * Under a speed limit: aborted once this body or its request is done for, so that its wait at the limit gives its
   * turn up (speed-limit.ts) rather than hold the next request back for bytes that will not be sent.
   */
  private readonly givenUp: AbortController | undefined;
  /** Pooled buffers this body has taken and not given back (read-buffer.ts rations the large ones). */
  private readonly held = new Set<Buffer>();

  /** A file's path, or its bytes already read whole (small-file.ts), which go out as views without a copy. */
  constructor(
    private readonly source: string | Buffer,
    start: number,
    private readonly end: number,
    private readonly onBytes: (n: number) => void,
    private readonly limiters: RateLimiter[],
    private readonly pace?: LinkPace,
  ) {
    super({ highWaterMark: STREAM_CHUNK });
    this.pos = start;
    if (limiters.length) this.givenUp = new AbortController();
  }

  /** Sends the body framed (before it is piped to its request, the only consumer a framing is written for). */
  frameWith(framing: BodyFrame): this {
    this.framing = framing;
    return this;
  }

  override pipe<T extends NodeJS.WritableStream>(dest: T, options?: { end?: boolean }): T {
    if (!(dest instanceof OutgoingMessage) || this.piped || this.readableFlowing !== null) {
      if (this.framing) throw new Error('A framed body goes only to its own request.');
      return super.pipe(dest, options);
    }
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

  private file(): Promise<number> {
    // Nothing is opened once the body has closed its file: no one would close it again.
    if (this.fd === 'closed') return Promise.reject(new Error('The body was closed before its read.'));
    const fd = this.fd ?? openForRead(this.source as string);
    this.fd = fd;
    return fd;
  }

  private borrowBuffer(wanted: number): Buffer {
    const buf = takeBuffer(wanted);
    this.held.add(buf);
    return buf;
  }

  /** Once per buffer taken, whichever of a write callback, a stop or the end of the pump comes first. */
  private returnBuffer(buf: Buffer, reuse: boolean): void {
    if (this.held.delete(buf)) releaseBuffer(buf, reuse);
  }

  /** Reads [pos, pos + n) into buf; a file that ends early has changed under us. */
  private async readInto(buf: Buffer, n: number): Promise<void> {
    const fd = await this.file();
    let got = 0;
    while (got < n) {
      // Closed meanwhile (the body was destroyed): the number may name another file by now.
      if (this.fd === 'closed') throw new Error('The body was closed during its read.');
      const read = readAt(fd, buf, got, n - got, this.pos + got);
      this.reading = read;
      const bytesRead = await read;
      if (bytesRead === 0) throw fileShrankError(this.source as string);
      got += bytesRead;
    }
  }

  private async pumpTo(request: Writable): Promise<void> {
    const chunks = new ChunkSizer(
      this.limiters.length ? Math.min(...this.limiters.map((l) => l.bytesPerSecond)) : undefined,
      undefined,
      this.pace,
    );
    let inFlight = 0;
    let failed = false;
    const stopped = (): boolean => failed || this.destroyed || request.destroyed;
    const onClose = (): void => {
      this.givenUp?.abort();
      this.wake?.();
    };
    request.once('close', onClose);
    try {
      while (this.pos < this.end && !stopped()) {
        while (inFlight >= WINDOW && !stopped()) await new Promise<void>((r) => (this.wake = r));
        if (stopped()) break;
        const size = chunks.size;
        // Bytes in memory go out as views of themselves; a file's are read into a pooled buffer, which may be smaller
        // than asked for (a large one is rationed). A speed limit's small chunks use the smallest pooled size.
        // A range's short tail asks only for what it needs: a large buffer for a few bytes would take from the ration.
        const wanted = Math.max(Math.min(size, this.end - this.pos), CHUNK);
        const pooled = Buffer.isBuffer(this.source) ? undefined : this.borrowBuffer(wanted);
        const n = Math.min(size, pooled?.length ?? size, this.end - this.pos);
        if (pooled) await this.readInto(pooled, n);
        const bytes = pooled ? (n === pooled.length ? pooled : pooled.subarray(0, n)) : this.view(n);
        if (this.limiters.length) await Promise.all(this.limiters.map((l) => l.take(n, this.givenUp?.signal)));
        if (stopped()) {
          if (pooled) this.returnBuffer(pooled, true);
          break;
        }
        inFlight++;
        this.pos += n;
        chunks.writing();
        const written = (err: Error | null | undefined): void => {
          inFlight--;
          if (err) failed = true;
          else {
            chunks.tookBytes(n);
            this.onBytes(n);
          }
          // Only a buffer the socket is done with is reused; after an error, who still holds it is unknown.
          if (pooled) this.returnBuffer(pooled, !err);
          this.wake?.();
        };
        if (this.framing) {
          // Headers and ends of chunks around views of these bytes; counted once the last piece was taken.
          const pieces = this.framing.frame(bytes);
          for (let i = 0; i < pieces.length - 1; i++) request.write(pieces[i]);
          request.write(pieces[pieces.length - 1], written);
        } else request.write(bytes, written);
      }
      while (inFlight > 0 && !stopped()) await new Promise<void>((r) => (this.wake = r));
      // Every byte is with the request: it ends even if this body was given up meanwhile (its answer was read before
      // the last write callbacks ran), so that Node hands its socket back to the agent's pool once both are done.
      if (this.pos >= this.end && !failed && !request.destroyed) {
        if (this.framing) request.end(this.framing.end());
        else request.end();
      }
    } finally {
      request.off('close', onClose);
      this.closeFile();
      // A read that failed, or writes whose callbacks have not come (the pump stops without waiting for them once
      // its request is destroyed, and they may never come): the ration is given back all the same, or the process
      // would send small chunks for good. Not reused: a socket may still hold them.
      for (const buf of this.held) this.returnBuffer(buf, false);
      // This body was destroyed before its end (its sender gave up on it: an answer came before the body was sent,
      // a pause, a cancel). The request can never complete now, and a kept-alive request left half-sent keeps its
      // socket and its agent slot for good: Node returns a socket to the pool only once both request and answer
      // ended. (A failed read is not this case: pipe() destroys the request with its error.)
      if (this.destroyed && !request.writableEnded && !request.destroyed) request.destroy();
      // Ended with writes still out after it was given up: Node hands the socket back to the pool only once they are
      // done, which a server that has stopped reading never allows (finding of a read-only review).
      else if (this.destroyed && !request.writableFinished && !request.destroyed) {
        const cut = setTimeout(() => {
          if (!request.writableFinished) request.destroy();
        }, GIVEN_UP_DRAIN_MS);
        cut.unref();
        request.once('finish', () => clearTimeout(cut));
        request.once('close', () => clearTimeout(cut));
      }
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
    (Buffer.isBuffer(this.source) ? Promise.resolve() : this.readInto(buf, n)).then(
      async () => {
        if (this.limiters.length) await Promise.all(this.limiters.map((l) => l.take(n, this.givenUp?.signal)));
        // Destroyed while it waited: these bytes go nowhere, and are not counted.
        if (this.destroyed) return;
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
    this.givenUp?.abort();
    this.wake?.();
    this.closeFile();
    callback(err);
  }

  private closeFile(): void {
    const fd = this.fd;
    this.fd = 'closed';
    if (fd === undefined || fd === 'closed') return;
    // After the last read, whether it succeeded or failed; a failed open has nothing to close.
    const lastRead = this.reading ?? Promise.resolve();
    const close = (n: number) => () => closeQuietly(n);
    fd.then((n) => lastRead.then(close(n), close(n))).catch(() => undefined);
  }
}

export function countingFileStream(
  path: string | Buffer,
  start: number,
  endExclusive: number,
  onBytes: (n: number) => void,
  limiters: RateLimiter[] = [],
  pace?: LinkPace,
): Readable {
  return new FileRangeBody(path, start, endExclusive, onBytes, limiters, pace);
}
