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

/** Bytes skipped at the start of each allocation: a multiple of 64 keeps the view cache-line aligned. */
const SHIFT = 64;

/** A Buffer of size bytes, not zeroed, for reads from files (see above for where it starts). */
export function readBuffer(size: number): Buffer {
  return Buffer.allocUnsafeSlow(size + SHIFT).subarray(SHIFT, SHIFT + size);
}
