// The walk against a folder made to break it: loops, self-links, a link out of the folder, a FIFO, a socket, odd
// names. Each case once hung, multiplied files or uploaded a file from outside the folder (issue 15).
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeTempDir } from '../../../test/harness/fixtures';
import { CONTROL_NAME, EVIL_NAME, makeTrickyFolder, NFD_NAME } from '../../../test/harness/tricky-folder';
import { expandSources, type Expanded } from './expand-sources';

afterAll(cleanupTempDirs);

const names = (r: Expanded) => r.files.map((f) => f.name).sort();
const skips = (r: Expanded, album: string) => r.skipped.map((s) => `${s.code} ${relative(album, s.path)}`).sort();

describe('expandSources', () => {
  it('follows no link inside a folder by default: each is skipped once, and FIFOs and sockets with their reason', async () => {
    const t = await makeTrickyFolder(await makeTempDir());
    const started = Date.now();
    const r = await expandSources([t.album]);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(names(r)).toEqual(
      ['album/a', `album/${CONTROL_NAME}`, `album/${EVIL_NAME}`, `album/${NFD_NAME}`, 'album/sub/b.txt'].sort(),
    );
    expect(skips(r, t.album)).toEqual([
      'Fifo pipe',
      'Socket sock',
      'Symlink escape',
      'Symlink inner/up',
      'Symlink x',
      'Symlink y',
    ]);
    expect(r.problems).toEqual([]);
    expect(r.skipped.find((s) => s.code === 'Fifo')!.message).toBe(
      `${t.fifo} is a FIFO (named pipe), not a regular file, so it was skipped.`,
    );
    expect(r.skipped.find((s) => s.code === 'Symlink')!.message).toMatch(
      /is a symbolic link; links inside a folder are not followed\.$/,
    );
    expect(r.files.every((f) => !f.path.startsWith(t.outside))).toBe(true);
  }, 10_000);

  it('with followSymlinks: a loop and two self-links are each reported once, the escaping link is refused', async () => {
    const t = await makeTrickyFolder(await makeTempDir());
    const started = Date.now();
    const r = await expandSources([t.album], { followSymlinks: true });
    expect(Date.now() - started).toBeLessThan(2000);
    // Each real file once; nothing from ../outside.
    expect(names(r)).toEqual(
      ['album/a', `album/${CONTROL_NAME}`, `album/${EVIL_NAME}`, `album/${NFD_NAME}`, 'album/sub/b.txt'].sort(),
    );
    expect(skips(r, t.album)).toEqual([
      'Fifo pipe',
      'Socket sock',
      'SymlinkLoop inner/up',
      'SymlinkLoop x',
      'SymlinkLoop y',
      'SymlinkOutside escape',
    ]);
    expect(r.skipped.find((s) => s.code === 'SymlinkOutside')!.message).toContain(
      `points outside the folder (to ${t.outside})`,
    );
    expect(r.skipped.find((s) => s.path.endsWith('inner/up'))!.message).toMatch(/a loop/);
  }, 10_000);

  it('two self-links finish at once, followed or not (they used to walk forever)', async () => {
    const d = join(await makeTempDir(), 'd');
    await mkdir(d);
    await writeFile(join(d, 'a'), 'x');
    await symlink('.', join(d, 'x'));
    await symlink('.', join(d, 'y'));
    for (const followSymlinks of [false, true]) {
      const started = Date.now();
      const r = await expandSources([d], { followSymlinks });
      expect(Date.now() - started).toBeLessThan(1000);
      expect(names(r)).toEqual(['d/a']);
      expect(r.skipped).toHaveLength(2);
    }
  }, 10_000);

  it('follows links inside the folder under their own names, entering a folder through links at most once', async () => {
    const d = join(await makeTempDir(), 'd');
    await mkdir(join(d, 'sub'), { recursive: true });
    await writeFile(join(d, 'sub', 'b.txt'), 'b');
    await writeFile(join(d, 'a.txt'), 'a');
    await symlink('sub', join(d, 'alias'));
    await symlink('sub', join(d, 'alias2'));
    await symlink('../a.txt', join(d, 'sub', 'to-a'));
    await symlink('missing', join(d, 'dangling'));
    const r = await expandSources([d], { followSymlinks: true });
    expect(names(r)).toEqual(['d/a.txt', 'd/alias/b.txt', 'd/alias/to-a', 'd/sub/b.txt', 'd/sub/to-a']);
    expect(r.files.find((f) => f.name === 'd/alias/to-a')!.path).toBe(join(d, 'a.txt'));
    expect(skips(r, d)).toEqual(['SymlinkBroken dangling', 'SymlinkRepeat alias2']);
  });

  it('a chain of aliases cannot multiply files: at most twice the real ones', async () => {
    const d = join(await makeTempDir(), 'd');
    const levels = 12;
    for (let i = 0; i < levels; i++) {
      await mkdir(join(d, `s${i}`), { recursive: true });
      await writeFile(join(d, `s${i}`, 'f'), String(i));
      if (i + 1 < levels) for (const l of ['l1', 'l2']) await symlink(`../s${i + 1}`, join(d, `s${i}`, l));
    }
    const started = Date.now();
    const r = await expandSources([d], { followSymlinks: true });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r.files.length).toBeLessThanOrEqual(2 * levels);
  }, 10_000);

  it('checks every file and folder against the forbidden roots by real path, also past links and inside a drop', async () => {
    const base = await makeTempDir();
    const home = join(base, 'home');
    const userData = join(home, 'app-data');
    await mkdir(userData, { recursive: true });
    await writeFile(join(userData, 'settings.json'), '{}');
    await writeFile(join(home, 'note.txt'), 'n');
    await symlink('app-data', join(home, 'data-link'));
    // The root is given through a link of its own: the real path still matches.
    await symlink(userData, join(base, 'root-link'));
    for (const followSymlinks of [false, true]) {
      const r = await expandSources([home], { forbiddenRoots: [join(base, 'root-link')], followSymlinks });
      expect(names(r)).toEqual(['home/note.txt']);
      expect(r.problems.map((p) => `${p.code} ${relative(home, p.path)}`)).toEqual(
        followSymlinks ? ['Forbidden app-data', 'Forbidden data-link'] : ['Forbidden app-data'],
      );
      expect(r.problems[0]!.message).toContain('a folder Hoist never uploads from');
    }
    const direct = await expandSources([join(home, 'data-link', 'settings.json')], { forbiddenRoots: [userData] });
    expect(direct.files).toEqual([]);
    expect(direct.problems.map((p) => p.code)).toEqual(['Forbidden']);
  });

  it('stops on the signal, and reports files found while it lists a big tree', async () => {
    const d = join(await makeTempDir(), 'big');
    for (let i = 0; i < 20; i++) {
      await mkdir(join(d, `dir${i}`), { recursive: true });
      await Promise.all(Array.from({ length: 20 }, (_, j) => writeFile(join(d, `dir${i}`, `f${j}`), '')));
    }
    const seen: number[] = [];
    const all = await expandSources([d], { onProgress: (n) => seen.push(n), progressIntervalMs: 0 });
    expect(all.files).toHaveLength(400);
    expect(seen.at(-1)).toBe(400);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));

    const stop = new AbortController();
    const stopped = expandSources([d], {
      signal: stop.signal,
      progressIntervalMs: 0,
      onProgress: (n) => n === 50 && stop.abort(new Error('Cancel all')),
    });
    await expect(stopped).rejects.toThrow('Cancel all');
    await expect(expandSources([d], { signal: AbortSignal.abort() })).rejects.toThrow();
  });

  it('refuses a folder past the file cap, naming it, and keeps the other sources', async () => {
    const base = await makeTempDir();
    const d = join(base, 'many');
    await mkdir(d);
    for (let i = 0; i < 5; i++) await writeFile(join(d, `f${i}`), '');
    await writeFile(join(base, 'one.txt'), '1');
    const r = await expandSources([join(base, 'one.txt'), d], { maxFiles: 3 });
    expect(names(r)).toEqual(['one.txt']);
    expect(r.problems).toEqual([
      {
        path: d,
        code: 'TooManyFiles',
        message: `${d} holds more than 3 files; Hoist lists at most 3 at once, so nothing from it was added. Add its subfolders one by one.`,
        text: { key: 'engineError.walk.tooManyFiles', params: { path: d, cap: '3' } },
      },
    ]);
  });

  it("follows a link named on its own, as cp does, under the link's name", async () => {
    const base = await makeTempDir();
    await mkdir(join(base, 'real'));
    await writeFile(join(base, 'real', 'f.txt'), 'f');
    await symlink('real', join(base, 'shortcut'));
    const r = await expandSources([join(base, 'shortcut')]);
    expect(r.files.map((f) => [f.name, f.path])).toEqual([['shortcut/f.txt', join(base, 'real', 'f.txt')]]);
  });
});
