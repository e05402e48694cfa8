// A byte range of a file as a stream that reports each chunk as the HTTP request pulls it. The request pipes this
// stream into the socket with backpressure, so the count follows the bytes going out, not whole parts finishing.
// A speed limit, when set, holds each chunk until the limiter lets it go.
import { createReadStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import type { RateLimiter } from './rate-limiter';

const CHUNK = 64 * 1024;

export function countingFileStream(
  path: string,
  start: number,
  endExclusive: number,
  onBytes: (n: number) => void,
  limiters: RateLimiter[] = [],
): Readable {
  // Smaller reads under a speed limit keep the rate smooth instead of bursting 256 KiB at a time.
  const source = createReadStream(path, { start, end: endExclusive - 1, highWaterMark: limiters.length ? CHUNK : 256 * 1024 });
  const counter = new Transform({
    highWaterMark: CHUNK,
    transform(chunk: Buffer, _enc, callback) {
      const pass = (): void => {
        onBytes(chunk.length);
        callback(null, chunk);
      };
      if (!limiters.length) return pass();
      Promise.all(limiters.map((l) => l.take(chunk.length))).then(pass, callback);
    },
  });
  source.on('error', (err) => counter.destroy(err));
  // When the request is cut off, the file handle must still close.
  counter.on('close', () => source.destroy());
  return source.pipe(counter);
}
