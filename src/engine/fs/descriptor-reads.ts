// Reads of a file's bytes through Node's callback calls on a plain descriptor, for the loops that read a big file
// over and over (a body's chunks: counting-stream.ts; a checksum pass: file-checksum.ts). Each call is the same
// thread-pool round trip as a FileHandle's, without the handle's promise and close tracking around it: a 128 MiB
// upload ran 16 million fewer instructions, about 55,000 per read (valgrind's callgrind, 2 runs each), as the small-file
// path had measured for its calls (small-file.ts).
//
// A descriptor does not close itself when collected, as a FileHandle does: whoever opens one closes it on every path.
import fs from 'node:fs';

/** Opens path for reading. */
export function openForRead(path: string): Promise<number> {
  return new Promise((resolve, reject) => fs.open(path, 'r', (err, fd) => (err ? reject(err) : resolve(fd))));
}

/** Reads up to length bytes at position into buf at offset; answers how many came (0 at the end of the file). */
export function readAt(fd: number, buf: Buffer, offset: number, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) =>
    fs.read(fd, buf, offset, length, position, (err, bytesRead) => (err ? reject(err) : resolve(bytesRead))),
  );
}

/** Closes fd, not waiting: a failed close of a file opened for reading loses nothing. */
export function closeQuietly(fd: number): void {
  fs.close(fd, () => undefined);
}
