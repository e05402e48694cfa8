// How V8's heap grows in a process that uploads: the CLI's (bin/hoist.cjs) and the desktop app's main process
// (src/main/index.ts) both set these once, at start. V8 reads both flags each time it would grow a space, so setting
// them after the code has loaded still takes effect. Both were measured on Node 20 (V8 11.3); some later V8 releases
// hold the first at 2 or more, where it does nothing, and both still exist there, so neither prints an unknown-flag
// error.
import v8 from 'node:v8';

export function settleHeapGrowth(): void {
  // Loading the code leaves the young generation at 2 MiB per semi-space; left alone, an upload's garbage doubles it
  // twice more (to 8 MiB per semi-space, 16 MiB in all). Held there, the CLI's peak RSS for 1 GiB dropped from
  // 82-86 MB to 74-76 MB with no more CPU, and for 1,000 small files from 117-120 MB to 104-109 MB for about 3% more
  // CPU (more frequent scavenges).
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  // The old generation: V8 lets it grow by up to 4x between full collections, so a run of many small files (every
  // request leaves objects that outlive a scavenge) peaked at 104-107 MB in the CLI, about 30 MB of it garbage.
  // Growing it by 25% at a time peaked at 84-85 MB for 1,000 files of 64 KiB, with no more CPU; the 1 GiB file, whose
  // heap does not grow, was unchanged. The app's engine under plain node (the bench's "app engine" row), 1,000 files
  // of 64 KiB: 113-117 MB without either flag, 99-100 MB with both (3 runs each), for 2.5% more CPU (1.59 -> 1.63 s,
  // 11 interleaved runs each).
  v8.setFlagsFromString('--heap-growing-percent=25');
}
