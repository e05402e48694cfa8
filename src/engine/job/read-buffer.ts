// Buffers that file reads copy into, placed where the kernel copies into them at full speed.
//
// On this project's bench machine (AMD EPYC, Linux 6.18) the kernel copies page-cache pages 3 to 4 times slower into a
// buffer that starts 16 bytes past a page boundary than at any other offset: 1 GiB in 1 MiB readSync reads took
// 0.45-0.47 s of system CPU there, 0.10-0.13 s at 32, 48, 64, 112, 240, 2048 or 4080 bytes past it (/tmp-built probe,
// 3 runs each). That offset is exactly where glibc puts a block it maps on its own (any block of 128 KiB or more, until
// a freed one raises its threshold): its 16-byte header comes first. So a fresh 1 MiB Buffer.allocUnsafeSlow is on
// the slow offset, and hoist's checksum pass read every part of a big file there.
//
// A view that starts SHIFT bytes into a slightly larger allocation is off that offset whether the block was mapped
// (page + 16 + SHIFT) or carved from the heap (where only a base 48 bytes short of a page would land on it).

import { CHUNK, FAST_CHUNK } from './chunk-size';

/** Bytes skipped at the start of each allocation: a multiple of 64 keeps the view cache-line aligned. */
const SHIFT = 64;

/** A Buffer of size bytes, not zeroed, for reads from files (see above for where it starts). */
export function readBuffer(size: number): Buffer {
  return Buffer.allocUnsafeSlow(size + SHIFT).subarray(SHIFT, SHIFT + size);
}

// The buffers themselves are kept and reused (a fresh buffer per read churns external memory, which V8 answers with
// major GCs: counting-stream.ts says what that cost), and the large ones are rationed across the process.
//
// A part on a fast link holds two 1 MiB chunks (counting-stream.ts), and a checksum pass one more; left unrationed,
// memory grew with the parts in flight. Peak RSS to the keep-alive sink, 2-3 runs each: the CLI's 1 GiB at
// --concurrency 16, 97-99 MB; three files of 512 MiB at once (--files 3), 103 MB, and 115 MB at --concurrency 16; the
// desktop app's engine (3 files at once, its default) with the same three, 111 MB, where one file took 92. With at
// most LARGE_HELD large buffers out at once, a single upload at the default four parts sends every chunk large on the
// lean path (on the SDK path a part's checksum pass holds one too), and the chunks past the ration go in 128 KiB,
// a little more CPU per byte, instead of waiting: a part never waits for memory, so none can stall on a socket another
// part holds up. The ration counts buffers handed out; one given back unused after an error may still be referenced
// by its socket for a moment, until the socket lets go of it.

/** Large buffers out at once, the whole process: one file's 4 parts × 2 chunks. */
export const LARGE_HELD = 8;

/** Free buffers kept for reuse, per size: a dozen parts' small chunks (3 MiB), and as many large ones as may be out. */
const pools = new Map<number, { max: number; free: Buffer[] }>([
  [CHUNK, { max: 24, free: [] }],
  [FAST_CHUNK, { max: LARGE_HELD, free: [] }],
]);
let largeHeld = 0;

/**
 * A buffer for reading a file: FAST_CHUNK bytes when asked for more than CHUNK and fewer than LARGE_HELD are out, else
 * CHUNK bytes. Read into it up to its length; hand it back with releaseBuffer, exactly once. A wish between the two
 * sizes (a fast part's last bytes) gets the large one, so that it is read in one go rather than in small ones: the
 * callers ask for the bytes they need, and a large buffer only for what a small one cannot hold.
 */
export function takeBuffer(wanted: number): Buffer {
  let size = wanted > CHUNK ? FAST_CHUNK : CHUNK;
  if (size === FAST_CHUNK) {
    if (largeHeld >= LARGE_HELD) size = CHUNK;
    else largeHeld++;
  }
  return pools.get(size)!.free.pop() ?? readBuffer(size);
}

/**
 * Gives back a buffer from takeBuffer. reuse: nothing can still write into it or send it (every read on it awaited,
 * every write of it called back without error); without that it is left to the garbage collector.
 */
export function releaseBuffer(buf: Buffer, reuse: boolean): void {
  if (buf.length === FAST_CHUNK) largeHeld--;
  const pool = pools.get(buf.length);
  if (reuse && pool && pool.free.length < pool.max) pool.free.push(buf);
}

/** Large buffers out now (for tests: it must come back to 0 once every body and checksum pass has ended). */
export function largeBuffersHeld(): number {
  return largeHeld;
}
