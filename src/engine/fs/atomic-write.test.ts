import { afterEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomically } from './atomic-write';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hoist-atomic-'));
  dirs.push(dir);
  return dir;
}

describe('writeFileAtomically', () => {
  it('creates the folder, writes the body for the owner only and leaves no temp file', async () => {
    const dir = join(await tempDir(), 'state', 'uploads');
    await writeFileAtomically(dir, 'a.json', '{"n":1}');
    expect(await readFile(join(dir, 'a.json'), 'utf8')).toBe('{"n":1}');
    expect(await readdir(dir)).toEqual(['a.json']);
    if (process.platform !== 'win32') expect((await stat(join(dir, 'a.json'))).mode & 0o777).toBe(0o600);
  });

  it('replaces the file whole, and concurrent writes each land one whole body', async () => {
    const dir = await tempDir();
    await writeFileAtomically(dir, 'a.json', 'old body, longer than the new one');
    const bodies = Array.from({ length: 20 }, (_, i) => `body ${i}`);
    await Promise.all(bodies.map((b) => writeFileAtomically(dir, 'a.json', b)));
    expect(bodies).toContain(await readFile(join(dir, 'a.json'), 'utf8'));
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('removes its temp file when the rename fails, and says why', async () => {
    const dir = await tempDir();
    // A folder where the file should go: the rename over it is refused.
    await mkdir(join(dir, 'a.json'));
    await expect(writeFileAtomically(dir, 'a.json', 'x')).rejects.toMatchObject({ code: expect.any(String) });
    expect(await readdir(dir)).toEqual(['a.json']);
  });
});
