import { describe, expect, it } from 'vitest';
import { readBuffer } from './read-buffer';

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
