import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CHUNK,
  ChunkSizer,
  FAST_CHUNK,
  JUDGE_AFTER,
  LIMITED_CHUNK,
  LinkPace,
  MIN_LIMITED_CHUNK,
  limitedChunk,
} from './chunk-size';
import { countingFileStream } from './counting-stream';
import { putToLoopback } from './local-put.test-support';

const MiB = 1024 * 1024;

/** A sizer on a clock the test moves. */
function sizerAt(limitBytesPerSecond?: number, pace?: LinkPace) {
  let t = 0;
  const sizer = new ChunkSizer(limitBytesPerSecond, () => t, pace);
  return { sizer, advance: (ms: number) => (t += ms) };
}

/** Sends bytes through the sizer at a steady rate, a chunk of its size at a time. */
function sendAt(s: ReturnType<typeof sizerAt>, bytes: number, bytesPerSecond: number): void {
  s.sizer.writing();
  for (let sent = 0; sent < bytes;) {
    const n = s.sizer.size;
    s.advance((n / bytesPerSecond) * 1000);
    s.sizer.tookBytes(n);
    sent += n;
  }
}

describe('ChunkSizer', () => {
  it('stays at 128 KiB on a link slower than 32 MiB/s (8 MiB/s here)', () => {
    const { sizer, advance } = sizerAt();
    for (let sent = 0; sent < 16 * MiB; sent += CHUNK) {
      sizer.writing();
      advance((CHUNK / (8 * MiB)) * 1000);
      sizer.tookBytes(CHUNK);
    }
    expect(sizer.size).toBe(CHUNK);
  });

  it('moves to 1 MiB chunks once the first MiB went at 32 MiB/s or more, not before it has', () => {
    const { sizer, advance } = sizerAt();
    sizer.writing();
    for (let sent = 0; sent < JUDGE_AFTER - CHUNK; sent += CHUNK) {
      advance(0.1);
      sizer.tookBytes(CHUNK);
    }
    // Faster than memory so far, but too few bytes to tell an empty send buffer from a fast link.
    expect(sizer.size).toBe(CHUNK);
    advance(0.1);
    sizer.tookBytes(CHUNK);
    expect(sizer.size).toBe(FAST_CHUNK);
  });

  it('goes back to 128 KiB when the average rate falls below 32 MiB/s', () => {
    const { sizer, advance } = sizerAt();
    sizer.writing();
    for (let sent = 0; sent < 2 * MiB; sent += CHUNK) sizer.tookBytes(CHUNK);
    expect(sizer.size).toBe(FAST_CHUNK);
    // A stall: 2 MiB in 0.1 s is 20 MiB/s on average.
    advance(100);
    sizer.tookBytes(CHUNK);
    expect(sizer.size).toBe(CHUNK);
  });

  it('starts a part in 1 MiB chunks once an earlier part of its upload showed the link fast', () => {
    const pace = new LinkPace();
    expect(sizerAt(undefined, pace).sizer.size).toBe(CHUNK);
    sendAt(sizerAt(undefined, pace), 2 * MiB, 100 * MiB);
    expect(pace.fast).toBe(true);
    // The next part of the same upload: large chunks from its first write.
    expect(sizerAt(undefined, pace).sizer.size).toBe(FAST_CHUNK);
    // Another upload's part knows nothing of this link.
    expect(sizerAt(undefined, new LinkPace()).sizer.size).toBe(CHUNK);
  });

  it('judges each part on its own rate after its first MiB, and a slow verdict reaches the parts after it', () => {
    const pace = new LinkPace();
    sendAt(sizerAt(undefined, pace), 2 * MiB, 100 * MiB);
    const slowed = sizerAt(undefined, pace);
    expect(slowed.sizer.size).toBe(FAST_CHUNK);
    sendAt(slowed, 2 * MiB, 8 * MiB);
    expect(slowed.sizer.size).toBe(CHUNK);
    expect(pace.fast).toBe(false);
    expect(sizerAt(undefined, pace).sizer.size).toBe(CHUNK);
  });

  it("keeps a speed limit's 64 KiB chunks however fast the socket takes them", () => {
    const { sizer, advance } = sizerAt(20 * MiB);
    sizer.writing();
    for (let i = 0; i < 64; i++) {
      advance(0.01);
      sizer.tookBytes(LIMITED_CHUNK);
    }
    expect(sizer.size).toBe(LIMITED_CHUNK);
  });

  it('under a low limit, writes a 20th of a second of it at a time (1 KiB at least)', () => {
    expect(limitedChunk(20 * MiB)).toBe(LIMITED_CHUNK);
    expect(limitedChunk(20 * 1024)).toBe(MIN_LIMITED_CHUNK);
    expect(limitedChunk(200 * 1024)).toBe(10 * 1024);
    expect(sizerAt(200 * 1024).sizer.size).toBe(10 * 1024);
    // 12 parts sharing 20 KiB/s: each request writes at least every 12 × 1 KiB / 20 KiB/s, 0.6 s, not every 38 s.
    expect((12 * limitedChunk(20 * 1024)) / (20 * 1024)).toBeLessThan(1);
  });
});

describe('a file body on a fast link', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('goes out in 128 KiB chunks first, then in 1 MiB ones, every byte counted once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hoist-chunks-'));
    dirs.push(dir);
    const bytes = randomBytes(32 * MiB + 5);
    const file = join(dir, 'big.bin');
    await writeFile(file, bytes);
    const counted: number[] = [];
    const body = countingFileStream(file, 0, bytes.length, (n) => counted.push(n));
    expect(await putToLoopback(body, bytes)).toBe(true);
    expect(counted.reduce((a, b) => a + b, 0)).toBe(bytes.length);
    expect(counted.slice(0, JUDGE_AFTER / CHUNK)).toEqual(Array(JUDGE_AFTER / CHUNK).fill(CHUNK));
    // Loopback takes bytes at hundreds of MiB/s: most of the body goes in large chunks.
    expect(counted.filter((n) => n === FAST_CHUNK).length).toBeGreaterThan((16 * MiB) / FAST_CHUNK);
  });

  it("sends a later part's first chunk large when an earlier part of the upload showed the link fast", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hoist-chunks-'));
    dirs.push(dir);
    // Halves of 16 MiB: the first is judged on its average rate, and may take half a second on a loaded machine.
    const bytes = randomBytes(32 * MiB);
    const file = join(dir, 'parts.bin');
    await writeFile(file, bytes);
    const pace = new LinkPace();
    const half = bytes.length / 2;
    const first: number[] = [];
    expect(
      await putToLoopback(
        countingFileStream(file, 0, half, (n) => first.push(n), [], pace),
        bytes.subarray(0, half),
      ),
    ).toBe(true);
    expect(first[0]).toBe(CHUNK);
    expect(pace.fast).toBe(true);
    const second: number[] = [];
    const body = countingFileStream(file, half, bytes.length, (n) => second.push(n), [], pace);
    expect(await putToLoopback(body, bytes.subarray(half))).toBe(true);
    expect(second[0]).toBe(FAST_CHUNK);
    expect(second.reduce((a, b) => a + b, 0)).toBe(half);
  });
});
