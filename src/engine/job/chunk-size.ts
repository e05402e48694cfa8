// How many bytes a request body reads from its file and writes to the socket at a time (counting-stream.ts).
//
// Small writes keep progress honest on a slow link; large ones cost less CPU on a fast one. Through a proxy
// throttled to 8 MiB/s, three PUTs (6, 14 and 4 MiB) written in 128 KiB chunks showed "sent" within 0.7 MiB of what
// the proxy had forwarded; in 512 KiB chunks the kernel took about 9 MiB more at once, and the 4 MiB file read 100%
// sent after 0.3 s, long before the server had it (E2E scenarios 1 and 3 fail that way). The kernel takes that much more
// ahead of larger writes (most likely a send buffer grown for them), and neither the write callbacks nor the progress
// bars can see into it.
//
// On a fast link that lag is short, and the chunk size is most of the CPU of a big file: 1 GiB to the keep-alive sink
// took 2.20 s of CPU in 128 KiB chunks, 1.48 s in 512 KiB and 1.43 s in 1 MiB (medians of 7 interleaved runs; 1 MiB
// peaked 5 MB higher). So each body starts small, and from its first MiB on it writes 1 MiB chunks while the socket
// has taken its bytes at 32 MiB/s or more on average, 128 KiB ones while it has not. At 32 MiB/s the few MiB the kernel
// holds beyond the link are about 0.1 s of upload, one refresh of the progress bars. versitygw on loopback takes about
// 50 MiB/s per connection; the E2E tests' throttled proxy 3 to 12. Under a speed limit the chunks stay small, so that
// the rate stays smooth, and smaller still under a low limit (limitedChunk).
//
// 512 KiB, then 1 MiB (2026-12-04, after the lean path's trailer and reused buffers had cut the rest): 1 GiB took 1.01
// -> 0.92 s of CPU to the keep-alive sink (9 interleaved runs), 1.47 -> 1.17 s to versitygw (9) and 1.44 -> 1.31 s to
// moto (5), medians. A fast link's fewer, larger writes do not show in the progress: 256 MiB through a proxy throttled
// to 40 MiB/s, the bytes counted sent ran ahead of the bytes the proxy had by a median of 4-5 MiB either way, at
// 100 MiB/s by 2-6 MiB either way (2 runs each).
//
// The parts of one upload share what they have seen of the link (LinkPace): a part that starts after another has
// shown the link fast starts in large chunks. Each part proving the link again sent 14% of a 1 GiB file's bytes (the
// first MiB and more of each 8 MiB part) in small chunks. Sharing the verdict, 1 GiB took 1.59 -> 1.52 s of CPU to the
// keep-alive sink (7 interleaved runs) and 1.69 -> 1.48 s to versitygw (5 runs), medians. A part still judges its
// own rate after its first MiB, and a slow verdict reaches the parts that start after it.

/** Read and written at a time, until the link shows itself fast. */
export const CHUNK = 128 * 1024;
/** Read and written at a time once it has. */
export const FAST_CHUNK = 1024 * 1024;
/** Under a speed limit of 1.25 MiB/s or more. */
export const LIMITED_CHUNK = 64 * 1024;
/** The smallest chunk under a lower limit. */
export const MIN_LIMITED_CHUNK = 1024;
/**
 * Under a lower limit, a chunk is this share of a second's bytes. The parts in flight share the limit's turns, so a
 * request writes once every other part has had its turn: in 64 KiB chunks, 12 parts (the app's 3 files × 4) at
 * 20 KiB/s waited 38 s between two writes, past the 30 s a request may stay idle, and every part failed with a
 * timeout. In a 20th of a second's bytes, a request waits the parts' number / 20 seconds.
 */
const LIMITED_CHUNK_SECONDS = 1 / 20;

/** The chunk size under a speed limit of bytesPerSecond (the lowest of those that cover the body). */
export function limitedChunk(bytesPerSecond: number): number {
  const share = Math.floor(bytesPerSecond * LIMITED_CHUNK_SECONDS);
  return Math.max(MIN_LIMITED_CHUNK, Math.min(LIMITED_CHUNK, share));
}
/** Bytes the socket takes before the rate is judged: the first ones go into an empty send buffer at memory speed. */
export const JUDGE_AFTER = 1024 * 1024;
/** The rate from which the lag between "sent" and "arrived" is too short to see. */
export const FAST_BYTES_PER_SECOND = 32 * 1024 * 1024;

/** The verdict on one upload's link, shared by the bodies of its parts: fast once a part's first MiB showed it so. */
export class LinkPace {
  fast = false;
}

export class ChunkSizer {
  private firstWriteAt: number | undefined;
  private taken = 0;
  /** This body's own verdict, once it has sent enough to judge; until then the shared one (or small chunks). */
  private fast: boolean | undefined;

  private readonly limitedSize: number | undefined;

  /** limitBytesPerSecond: the lowest speed limit the body passes, if any. pace: the verdict its upload shares. */
  constructor(
    limitBytesPerSecond: number | undefined,
    private readonly now: () => number = () => performance.now(),
    private readonly pace?: LinkPace,
  ) {
    this.limitedSize = limitBytesPerSecond === undefined ? undefined : limitedChunk(limitBytesPerSecond);
  }

  /** The size of the next chunk. */
  get size(): number {
    if (this.limitedSize !== undefined) return this.limitedSize;
    return (this.fast ?? this.pace?.fast) ? FAST_CHUNK : CHUNK;
  }

  /** A chunk is handed to the request. */
  writing(): void {
    this.firstWriteAt ??= this.now();
  }

  /** The socket has taken n more bytes: from the first MiB on, the body's average rate sets the size. */
  tookBytes(n: number): void {
    this.taken += n;
    if (this.limitedSize !== undefined || this.taken < JUDGE_AFTER || this.firstWriteAt === undefined) return;
    const seconds = (this.now() - this.firstWriteAt) / 1000;
    this.fast = seconds <= 0 || this.taken / seconds >= FAST_BYTES_PER_SECOND;
    if (this.pace) this.pace.fast = this.fast;
  }
}
