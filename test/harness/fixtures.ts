// Temporary directories and deterministic test files.
import { createHash } from 'node:crypto';
import { createReadStream, rmSync } from 'node:fs';
import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import zlib from 'node:zlib';

const MiB = 1024 * 1024;
const tempDirs = new Set<string>();
let exitHookInstalled = false;

/** Creates a fresh directory under the OS temp dir. Removed by cleanupTempDirs() or, failing that, at exit. */
export async function makeTempDir(prefix = 'hoist-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  tempDirs.add(dir);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
    });
  }
  return dir;
}

/** Removes every directory made by makeTempDir() in this process, e.g. `afterAll(cleanupTempDirs)`. */
export async function cleanupTempDirs(): Promise<void> {
  const dirs = [...tempDirs];
  tempDirs.clear();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
}

/** 1 MiB of pseudo-random bytes from a seed (xorshift32), cached per seed. */
const blocks = new Map<number, Buffer>();
function seededBlock(seed: number): Buffer {
  let block = blocks.get(seed);
  if (!block) {
    block = Buffer.allocUnsafe(MiB);
    let x = (seed * 2654435761 + 0x9e3779b9) >>> 0 || 1;
    for (let i = 0; i < MiB; i += 4) {
      x ^= x << 13;
      x >>>= 0;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      block.writeUInt32LE(x, i);
    }
    blocks.set(seed, block);
  }
  return block;
}

/**
 * Deterministic pseudo-random bytes: the seed's 1 MiB block repeated, each MiB starting with a distinct header
 * ("hoist seed=S mib=N\n"), so no two MiB (and no two parts) of a file are equal. Same (size, seed) -> same bytes.
 */
export function makeBytes(size: number, seed = 1): Buffer {
  const out = Buffer.allocUnsafe(size);
  for (let off = 0; off < size; off += MiB) fillMiB(out, off, Math.min(MiB, size - off), seed, off / MiB);
  return out;
}

function fillMiB(target: Buffer, at: number, length: number, seed: number, mib: number): void {
  seededBlock(seed).copy(target, at, 0, length);
  const header = Buffer.from(`hoist seed=${seed} mib=${mib}\n`, 'latin1');
  header.copy(target, at, 0, Math.min(header.length, length));
}

/** Writes `size` deterministic bytes (see makeBytes) to dir/name (subfolders created) and returns the path. */
export async function makeFile(dir: string, name: string, size: number, seed = 1): Promise<string> {
  const path = join(dir, name);
  await mkdir(dirname(path), { recursive: true });
  const fh = await open(path, 'w');
  try {
    const buf = Buffer.allocUnsafe(Math.min(size, MiB) || 1);
    for (let off = 0; off < size; off += MiB) {
      const length = Math.min(MiB, size - off);
      fillMiB(buf, 0, length, seed, off / MiB);
      await fh.write(buf, 0, length, off);
    }
  } finally {
    await fh.close();
  }
  return path;
}

/** The CRC32 of the bytes as S3 writes it in x-amz-checksum-crc32: base64 of its 4 big-endian bytes (zlib's). */
export function crc32Base64(bytes: Uint8Array): string {
  const out = Buffer.alloc(4);
  out.writeUInt32BE((zlib as unknown as { crc32(b: Uint8Array): number }).crc32(bytes));
  return out.toString('base64');
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: MiB })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
