// A byte range of a file as a stream that reports each chunk as the HTTP request pulls it. The request pipes this
// stream into the socket with backpressure, so the count follows the bytes going out, not whole parts finishing.
import { createReadStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';

export function countingFileStream(path: string, start: number, endExclusive: number, onBytes: (n: number) => void): Readable {
  const source = createReadStream(path, { start, end: endExclusive - 1, highWaterMark: 256 * 1024 });
  const counter = new Transform({
    highWaterMark: 64 * 1024,
    transform(chunk: Buffer, _enc, callback) {
      onBytes(chunk.length);
      callback(null, chunk);
    },
  });
  source.on('error', (err) => counter.destroy(err));
  // When the request is cut off, the file handle must still close.
  counter.on('close', () => source.destroy());
  return source.pipe(counter);
}
