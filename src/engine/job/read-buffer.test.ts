import { describe, expect, it } from 'vitest';
import { CHUNK, FAST_CHUNK } from './chunk-size';
import { LARGE_HELD, largeBuffersHeld, readBuffer, releaseBuffer, takeBuffer } from './read-buffer';

describe('readBuffer', () => {
  it('gives each read its own memory of the size asked, starting 64 bytes into its allocation', () => {
    const a = readBuffer(128 * 1024);
    const b = readBuffer(128 * 1024);
    expect(a.length).toBe(128 * 1024);
    // Not at the allocation's start, where glibc's mapped blocks sit 16 bytes past a page boundary.
    expect(a.byteOffset).toBe(64);
    expect(a.buffer.byteLength).toBe(128 * 1024 + 64);
    // Not Node's shared pool: two buffers never alias.
    expect(a.buffer).not.toBe(b.buffer);
    a.fill(1);
    b.fill(2);
    expect(a[a.length - 1]).toBe(1);
  });
});

describe('the ration of large buffers', () => {
  it('hands out large buffers up to LARGE_HELD at once, small ones past it, and reuses what comes back', () => {
    expect(largeBuffersHeld()).toBe(0);
    const large = Array.from({ length: LARGE_HELD }, () => takeBuffer(FAST_CHUNK));
    expect(large.every((b) => b.length === FAST_CHUNK)).toBe(true);
    expect(largeBuffersHeld()).toBe(LARGE_HELD);
    // Past the ration: a small one, which counts for nothing.
    const small = takeBuffer(FAST_CHUNK);
    expect(small.length).toBe(CHUNK);
    expect(largeBuffersHeld()).toBe(LARGE_HELD);
    // One back for reuse: the next large one is that very buffer.
    const back = large.pop()!;
    releaseBuffer(back, true);
    expect(largeBuffersHeld()).toBe(LARGE_HELD - 1);
    const again = takeBuffer(FAST_CHUNK);
    expect(again).toBe(back);
    // One back that may still be in use elsewhere: the ration frees, the buffer is not handed out again.
    releaseBuffer(again, false);
    const fresh = takeBuffer(FAST_CHUNK);
    expect(fresh).not.toBe(again);
    expect(fresh.length).toBe(FAST_CHUNK);
    for (const b of [...large, fresh]) releaseBuffer(b, true);
    releaseBuffer(small, true);
    expect(largeBuffersHeld()).toBe(0);
    // Asking for less than a large one never takes from the ration.
    const modest = takeBuffer(64 * 1024);
    expect(modest.length).toBe(CHUNK);
    expect(largeBuffersHeld()).toBe(0);
    releaseBuffer(modest, true);
    const exactlySmall = takeBuffer(CHUNK);
    expect(exactlySmall.length).toBe(CHUNK);
    releaseBuffer(exactlySmall, true);
  });

  it('gives a wish between the two sizes the large buffer, so that the tail of a part reads in one go', () => {
    const tail = takeBuffer(CHUNK + 1);
    expect(tail.length).toBe(FAST_CHUNK);
    expect(largeBuffersHeld()).toBe(1);
    releaseBuffer(tail, true);
    expect(largeBuffersHeld()).toBe(0);
  });
});
