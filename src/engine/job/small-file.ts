// A file's first look, and for a small one its only read. The job opens the file and stats the handle (one open and
// one fstat instead of a stat by path, then an open, a read and a close for the checksum and the same again for the
// body). A file small enough is read whole into memory at once: its checksum and every attempt's body come from that
// one read, so its bytes are one version of the file however often the PUT is retried.
//
// Honest about changes: the handle is stamped (size, mtime) before the read and again after it; a file that differs
// is refused as changed, as one that changes between a multipart upload's parts is. The object then holds exactly
// the bytes read, so no stat after the PUT is needed (a streamed PUT, which reads while sending, still makes one).
import fs, { constants, type Stats } from 'node:fs';
import { hoistError } from '../s3/errors';
import { changedError, type FileStamp } from './file-stamp';

/**
 * Files up to this size are read whole before their PUT. Past it a fresh buffer per file costs more than it saves:
 * most likely because each is new memory the kernel hands over page by page, and one that outlives a young-generation
 * collection stays until a full one (no GC trace was taken), a run of such files kept tens of MB of dead buffers
 * about. A larger file streams through the buffers of read-buffer.ts (reused, up to the pool's size).
 * 200 files to the keep-alive sink, --files 8, medians of 5 interleaved runs, read whole up to 1 MiB → up to 512 KiB:
 * 600 KB files 0.55 → 0.48 s of CPU and 84 → 64 MB peak RSS; 800 KB 0.54 → 0.53 s, 89 → 67 MB; 1 MB 0.66 → 0.64 s,
 * 98 → 66 MB. At 300 KB reading whole still pays: streamed, 0.35 → 0.39 s (75 → 63 MB). Nothing between 300 and
 * 600 KB was measured.
 */
export const WHOLE_READ_MAX = 512 * 1024;

/** O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, holding a thread-pool thread. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export interface FirstLook {
  stamp: FileStamp;
  /** The whole file, when wanted(size) said so. */
  data?: Buffer;
}

/**
 * Opens the file, stamps it, and reads it whole if wanted(size) says so (checking the stamp again after the read).
 * A directory or other non-file is refused with NotAFile, a file that changed during the read with FileChanged.
 *
 * planned: the file as the walk saw it. When that size is wanted whole, the file is read first and stamped after, and
 * a stamp equal to the walk's stands for the one before the read too: the file did not change from the walk to the
 * end of the read. That saves one of the five calls below, each a round trip through libuv's thread pool (1,000
 * small files: 1.24 -> 1.21 s CPU, 15 interleaved runs). A file that differs from the walk's look, or a read that
 * fails, is looked at again the usual way.
 *
 * Node's callback calls, not fs/promises: each call still runs in libuv's thread pool, but without a FileHandle, its
 * promises and its close tracking around it: 1,000 files of 64 KiB took about 8% less CPU for the whole upload
 * (1.32 → 1.22 s, medians of 13 interleaved runs to the keep-alive sink). The same five calls made blocking, on the
 * event loop's thread, measured a further 7% less, and are not used: a read that hangs (a network share gone away)
 * would then stall everything the thread runs, Ctrl-C and cancel included.
 */
export function firstLook(path: string, wanted: (size: number) => boolean, planned?: FileStamp): Promise<FirstLook> {
  return new Promise((resolve, reject) => {
    fs.open(path, OPEN_FLAGS, (openErr, fd) => {
      if (openErr) return reject(openError(path, openErr));
      const finish = (err: unknown, look?: FirstLook): void => {
        // Not waited for: nothing depends on it, and a failed close of a file opened for reading loses nothing.
        fs.close(fd, () => undefined);
        if (look) resolve(look);
        else reject(err);
      };
      // The usual way: stamp, read, stamp again.
      const lookAfresh = (): void =>
        fs.fstat(fd, (statErr, before) => {
          if (statErr) return finish(statErr);
          let stamp: FileStamp;
          try {
            stamp = stampOf(path, before);
          } catch (err) {
            return finish(err);
          }
          if (!wanted(stamp.size)) return finish(undefined, { stamp });
          readWhole(fd, stamp.size, (readErr, data) => {
            if (readErr) return finish(readErr);
            if (!data) return finish(changedError(path));
            fs.fstat(fd, (againErr, after) => {
              if (againErr) finish(againErr);
              else if (!sameStamp(stamp, after)) finish(changedError(path));
              else finish(undefined, { stamp, data });
            });
          });
        });
      if (!planned || !wanted(planned.size)) return lookAfresh();
      readWhole(fd, planned.size, (readErr, data) => {
        if (readErr || !data) return lookAfresh();
        fs.fstat(fd, (statErr, after) => {
          if (statErr || !after.isFile() || !sameAsWalk(planned, after)) return lookAfresh();
          finish(undefined, { stamp: { size: after.size, mtimeMs: after.mtimeMs }, data });
        });
      });
    });
  });
}

/** Reads size bytes from the start of fd; data is undefined when the file ends before them. */
function readWhole(fd: number, size: number, done: (err: Error | null, data?: Buffer) => void): void {
  const data = Buffer.allocUnsafe(size);
  const readFrom = (got: number): void => {
    if (got >= size) return done(null, data);
    fs.read(fd, data, got, size - got, got, (err, n) => {
      if (err) done(err);
      else if (n === 0) done(null, undefined);
      else readFrom(got + n);
    });
  };
  readFrom(0);
}

/**
 * The walk's stamp (from a bigint stat, its time converted from nanoseconds) against the handle's: the two ways of
 * getting milliseconds may differ in the last bits, so a time within a microsecond is the same time.
 */
const sameAsWalk = (planned: FileStamp, now: Stats): boolean =>
  now.size === planned.size && Math.abs(now.mtimeMs - planned.mtimeMs) < 0.001;

function stampOf(path: string, stats: Stats): FileStamp {
  if (!stats.isFile()) throw notAFile(path);
  return { size: stats.size, mtimeMs: stats.mtimeMs };
}

const sameStamp = (stamp: FileStamp, now: Stats): boolean => now.size === stamp.size && now.mtimeMs === stamp.mtimeMs;

/** Where a directory cannot be opened at all (Windows), the same refusal as where it can. */
function openError(path: string, err: unknown): unknown {
  return (err as NodeJS.ErrnoException).code === 'EISDIR' ? notAFile(path) : err;
}

function notAFile(path: string) {
  return hoistError('NotAFile', 'engineError.notRegularFile', { file: path });
}
