// A small file read whole before its PUT: the bytes, the stamp taken before the read and checked after it, and the
// refusals (a file that changed during the read, a directory, a FIFO). The body sent from those bytes (counting
// stream over a buffer) reaches exact byte totals, to a real HTTP server and to a plain stream consumer.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs, { appendFileSync, mkdtempSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { countingFileStream } from './counting-stream';
import { putToLoopback } from './local-put.test-support';
import { firstLook } from './small-file';

const dir = mkdtempSync(join(tmpdir(), 'hoist-small-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function fileOf(bytes: Buffer): string {
  const path = join(dir, `f${++n}.bin`);
  writeFileSync(path, bytes);
  return path;
}

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (err: { code?: string }) => err.code,
  );

describe('reading a small file whole', () => {
  it('answers its bytes and the stamp its size and mtime gave', async () => {
    const bytes = randomBytes(70_001);
    const path = fileOf(bytes);
    const look = await firstLook(path, () => true);
    expect(look.data?.equals(bytes)).toBe(true);
    expect(look.stamp.size).toBe(70_001);
    const later = await firstLook(path, () => false);
    expect(later.data).toBeUndefined();
    expect(later.stamp).toEqual(look.stamp);
  });

  it('reads an empty file as empty bytes', async () => {
    const look = await firstLook(fileOf(Buffer.alloc(0)), () => true);
    expect(look.data?.length).toBe(0);
  });

  // wanted() runs between the stamp and the read: what it does to the file happens exactly there.
  it('refuses a file whose mtime changed between the stamp and the read', async () => {
    const path = fileOf(randomBytes(4096));
    const touched = firstLook(path, () => {
      utimesSync(path, new Date(), new Date(Date.now() + 60_000));
      return true;
    });
    expect(await codeOf(touched)).toBe('FileChanged');
  });

  it('refuses a file that grew or shrank between the stamp and the read', async () => {
    const grown = fileOf(randomBytes(4096));
    expect(await codeOf(firstLook(grown, () => (appendFileSync(grown, 'more'), true)))).toBe('FileChanged');
    const shrunk = fileOf(randomBytes(4096));
    expect(await codeOf(firstLook(shrunk, () => (truncateSync(shrunk, 10), true)))).toBe('FileChanged');
  });

  it('refuses a directory and, without waiting for a writer, a FIFO', async () => {
    expect(await codeOf(firstLook(dir, () => true))).toBe('NotAFile');
    if (process.platform === 'win32') return; // No FIFOs to make there.
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(await codeOf(firstLook(fifo, () => true))).toBe('NotAFile');
  });

  it("with the walk's stamp: reads first and stats once after, when the file is still as the walk saw it", async () => {
    const bytes = randomBytes(65_536);
    const path = fileOf(bytes);
    const st = statSync(path, { bigint: true });
    // As the walk takes it (expand-sources.ts): from nanoseconds, which may differ from fstat's in the last bits.
    const planned = { size: bytes.length, mtimeMs: Number(st.mtimeNs) / 1e6 };
    const fstat = vi.spyOn(fs, 'fstat');
    try {
      const look = await firstLook(path, () => true, planned);
      expect(look.data?.equals(bytes)).toBe(true);
      expect(look.stamp).toEqual({ size: bytes.length, mtimeMs: statSync(path).mtimeMs });
      expect(fstat).toHaveBeenCalledTimes(1);
    } finally {
      fstat.mockRestore();
    }
  });

  it('looks afresh at a file that changed since the walk, and reads what it holds now', async () => {
    const bytes = randomBytes(4096);
    const path = fileOf(bytes);
    const fstat = vi.spyOn(fs, 'fstat');
    try {
      // The walk saw 10 bytes at another time: the read of 10 bytes is dropped, and the file read again whole.
      const look = await firstLook(path, () => true, { size: 10, mtimeMs: 1 });
      expect(look.data?.equals(bytes)).toBe(true);
      expect(look.stamp).toEqual({ size: 4096, mtimeMs: statSync(path).mtimeMs });
      expect(fstat).toHaveBeenCalledTimes(3);
      // Same size, another time (rewritten in place since the walk): looked at afresh too.
      const same = await firstLook(path, () => true, { size: 4096, mtimeMs: statSync(path).mtimeMs - 1000 });
      expect(same.data?.equals(bytes)).toBe(true);
      expect(fstat).toHaveBeenCalledTimes(6);
    } finally {
      fstat.mockRestore();
    }
    // A file bigger than the walk saw and not wanted whole now: stamped only.
    const big = await firstLook(path, (size) => size < 100, { size: 10, mtimeMs: 1 });
    expect(big.data).toBeUndefined();
    expect(big.stamp.size).toBe(4096);
    // Where the walk saw a file and a folder is now: refused as before.
    expect(await codeOf(firstLook(dir, () => true, { size: 10, mtimeMs: 1 }))).toBe('NotAFile');
  });

  it('passes a missing file on with its own code', async () => {
    expect(await codeOf(firstLook(join(dir, 'missing.bin'), () => true))).toBe('ENOENT');
  });
});

describe('a body sent from bytes in memory', () => {
  it('reaches the server whole, counted to the exact total', async () => {
    const bytes = randomBytes(300_000);
    let counted = 0;
    const body = countingFileStream(bytes, 0, bytes.length, (k) => (counted += k));
    expect(await putToLoopback(body, bytes)).toBe(true);
    expect(counted).toBe(bytes.length);
  });

  it('reads as an ordinary stream from any start, counted exactly', async () => {
    const bytes = randomBytes(600_000);
    let counted = 0;
    const got: Buffer[] = [];
    for await (const chunk of countingFileStream(bytes, 1000, bytes.length, (k) => (counted += k)))
      got.push(chunk as Buffer);
    expect(Buffer.concat(got).equals(bytes.subarray(1000))).toBe(true);
    expect(counted).toBe(bytes.length - 1000);
  });
});
