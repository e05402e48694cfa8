// openForRead on a path that is no longer a regular file: it answers at once, never waits for a FIFO's writer.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeQuietly, openForRead, readAt } from './descriptor-reads';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoist-reads-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

it.skipIf(process.platform === 'win32')('refuses a FIFO with FileChanged instead of waiting for a writer', async () => {
  const fifo = join(dir, 'swapped.bin');
  execFileSync('mkfifo', [fifo]);
  const opened = openForRead(fifo);
  const waited = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 2000));
  await expect(Promise.race([opened, waited])).rejects.toMatchObject({ code: 'FileChanged' });
});

it('opens a regular file and reads it', async () => {
  const path = join(dir, 'plain.bin');
  await writeFile(path, 'hello');
  const fd = await openForRead(path);
  const buf = Buffer.alloc(8);
  expect(await readAt(fd, buf, 0, 8, 0)).toBe(5);
  closeQuietly(fd);
  expect(buf.subarray(0, 5).toString()).toBe('hello');
});
