// A file body opens its file with a plain descriptor (no FileHandle, which would close itself when collected): every
// way a body ends must close it, or a long queue runs out of descriptors. Counted in /proc/self/fd (Linux).
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countingFileStream } from './counting-stream';
import { putToLoopback } from './local-put.test-support';

const MiB = 1024 * 1024;
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const openDescriptors = (): number => readdirSync('/proc/self/fd').length;

async function bigFile(): Promise<{ path: string; bytes: Buffer }> {
  const dir = await mkdtemp(join(tmpdir(), 'hoist-body-fd-'));
  dirs.push(dir);
  const bytes = randomBytes(4 * MiB);
  const path = join(dir, 'body.bin');
  await writeFile(path, bytes);
  return { path, bytes };
}

describe.skipIf(!existsSync('/proc/self/fd'))('a file body', () => {
  it('closes its file whether it is sent whole, read and dropped halfway, or dropped at once', async () => {
    const { path, bytes } = await bigFile();
    const before = openDescriptors();
    for (let i = 0; i < 20; i++) {
      // Sent whole, through the request pipe.
      expect(
        await putToLoopback(
          countingFileStream(path, 0, bytes.length, () => undefined),
          bytes,
        ),
      ).toBe(true);
      // Read as a plain stream and destroyed after its first chunk, while the next read may be in flight.
      const halfway = countingFileStream(path, 0, bytes.length, () => undefined);
      await new Promise<void>((resolve) =>
        halfway.once('data', () => {
          halfway.destroy();
          resolve();
        }),
      );
      // Destroyed before its first read has come back.
      const dropped = countingFileStream(path, 0, bytes.length, () => undefined);
      dropped.resume();
      dropped.destroy();
    }
    await expect.poll(openDescriptors, { timeout: 5000 }).toBeLessThanOrEqual(before);
  });
});
