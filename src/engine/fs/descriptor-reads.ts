// Reads of a file's bytes through Node's callback calls on a plain descriptor, for the loops that read a big file
// over and over (a body's chunks: counting-stream.ts; a checksum pass: file-checksum.ts). Each call is the same
// thread-pool round trip as a FileHandle's, without the handle's promise and close tracking around it: a 128 MiB
// upload ran 16 million fewer instructions, about 55,000 per read (valgrind's callgrind, 2 runs each), as the small-file
// path had measured for its calls (small-file.ts).
//
// A descriptor does not close itself when collected, as a FileHandle does: whoever opens one closes it on every path.
import fs from 'node:fs';
import { changedError } from '../job/file-stamp';

/**
 * O_NONBLOCK: the path was a regular file at the upload's first look, but may be something else by now (a FIFO put
 * in its place would hold a thread-pool thread, and a cancel, until a writer came). Regular files ignore the flag.
 */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/** Opens path for reading; rejects with FileChanged where it is no longer a regular file. */
export function openForRead(path: string): Promise<number> {
  return new Promise((resolve, reject) =>
    fs.open(path, OPEN_FLAGS, (err, fd) => {
      if (err) return reject(err);
      fs.fstat(fd, (statErr, st) => {
        if (!statErr && st.isFile()) return resolve(fd);
        closeQuietly(fd);
        reject(statErr ?? changedError(path));
      });
    }),
  );
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
