// The speed limit's queue: a caller that gives its turn up (its request cancelled, paused or answered) must not hold
// the callers behind it for bytes that will never be sent.
import { describe, expect, it } from 'vitest';
import { RateLimiter } from './speed-limit';

const KiB = 1024;

/** Milliseconds until the promise settles. */
async function timed(p: Promise<unknown>, since: number): Promise<number> {
  await p;
  return performance.now() - since;
}

describe('RateLimiter', () => {
  it('holds the callers to the rate, in order', async () => {
    const limit = new RateLimiter(256 * KiB);
    const start = performance.now();
    const times = await Promise.all([0, 1, 2, 3].map(() => timed(limit.take(64 * KiB), start)));
    // 256 KiB at 256 KiB/s, less the 0.1 s burst: about 0.9 s for the last, and each after the one before.
    expect(times[3]).toBeGreaterThan(800);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('a caller that gives up while it waits gives its bytes back: the next one goes at once', async () => {
    const limit = new RateLimiter(64 * KiB);
    const giveUp = new AbortController();
    const start = performance.now();
    // 640 KiB at 64 KiB/s: ten seconds' wait, given up after 50 ms.
    const first = timed(limit.take(640 * KiB, giveUp.signal), start);
    const next = timed(limit.take(16 * KiB), start);
    setTimeout(() => giveUp.abort(), 50);
    expect(await first).toBeLessThan(1000);
    // 16 KiB, less what 50 ms and the burst left: well under a second, not ten.
    expect(await next).toBeLessThan(1000);
  });

  it('a caller that gave up before its turn takes nothing', async () => {
    const limit = new RateLimiter(64 * KiB);
    const gone = new AbortController();
    gone.abort();
    const start = performance.now();
    const first = timed(limit.take(32 * KiB), start);
    const skipped = timed(limit.take(640 * KiB, gone.signal), start);
    const last = timed(limit.take(16 * KiB), start);
    await Promise.all([first, skipped]);
    // 48 KiB in all at 64 KiB/s, less the burst: about 0.65 s, not the ten seconds 640 KiB more would take.
    expect(await last).toBeGreaterThan(500);
    expect(await last).toBeLessThan(1500);
  });
});
