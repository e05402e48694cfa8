// A file's first look, and for a small one its only read. The job opens the file and stats the handle (one open and
// one fstat instead of a stat by path, then an open, a read and a close for the checksum and the same again for the
// body). A file small enough is read whole into memory at once: its checksum and every attempt's body come from that
// one read, so its bytes are one version of the file however often the PUT is retried.
//
// Honest about changes: the handle is stamped (size, mtime) before the read and again after it; a file that differs
// is refused as changed, as one that changes between a multipart upload's parts is. The object then holds exactly
// the bytes read, so no stat after the PUT is needed (a streamed PUT, which reads while sending, still makes one).
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { hoistError } from '../s3/errors';
import { changedError, type FileStamp } from './file-stamp';

/**
 * Files up to this size are read whole before their PUT. Past it the per-file calls are a small share of the
 * upload's cost, and a buffer per file in flight (8 by default) would add to the peak memory.
 */
export const WHOLE_READ_MAX = 1024 * 1024;

/** O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, holding a thread-pool thread. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * How the file is opened, stamped and read: through libuv's thread pool (the default), or by blocking calls on the
 * event loop's thread. Blocking skips a thread hand-off per call (five per file): about 5-10% less CPU for 1,000 files
 * of 64 KiB (A/B, medians of 7 runs on 2 busy cores), but a slow or hung disk (a network share) then stalls everything
 * the thread runs: progress, cancel, and in the app the main process. For a short-lived command line, not the app.
 */
export type SmallFileReads = 'thread-pool' | 'blocking';

export interface FirstLook {
  stamp: FileStamp;
  /** The whole file, when wanted(size) said so. */
  data?: Buffer;
}

/**
 * Opens the file, stamps it, and reads it whole if wanted(size) says so (checking the stamp again after the read).
 * A directory or other non-file is refused with NotAFile, a file that changed during the read with FileChanged.
 */
export async function firstLook(
  path: string,
  wanted: (size: number) => boolean,
  reads: SmallFileReads = 'thread-pool',
): Promise<FirstLook> {
  if (reads === 'blocking') return firstLookBlocking(path, wanted);
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (err) {
    throw openError(path, err);
  }
  try {
    const stamp = stampOf(path, await handle.stat());
    if (!wanted(stamp.size)) return { stamp };
    const data = Buffer.allocUnsafe(stamp.size);
    let got = 0;
    while (got < stamp.size) {
      const { bytesRead } = await handle.read(data, got, stamp.size - got, got);
      if (bytesRead === 0) throw changedError(path);
      got += bytesRead;
    }
    if (!sameStamp(stamp, await handle.stat())) throw changedError(path);
    return { stamp, data };
  } finally {
    // Not waited for: nothing depends on it, and a failed close of a file opened for reading loses nothing.
    handle.close().catch(() => undefined);
  }
}

/** The same calls, made on the event loop's thread (see SmallFileReads). */
function firstLookBlocking(path: string, wanted: (size: number) => boolean): FirstLook {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (err) {
    throw openError(path, err);
  }
  try {
    const stamp = stampOf(path, fstatSync(fd));
    if (!wanted(stamp.size)) return { stamp };
    const data = Buffer.allocUnsafe(stamp.size);
    let got = 0;
    while (got < stamp.size) {
      const n = readSync(fd, data, got, stamp.size - got, got);
      if (n === 0) throw changedError(path);
      got += n;
    }
    if (!sameStamp(stamp, fstatSync(fd))) throw changedError(path);
    return { stamp, data };
  } finally {
    closeSync(fd);
  }
}

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
