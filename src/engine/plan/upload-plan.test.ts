// The one planning path: keys for every file of a drop, the prefix rule, and the refusals with a line naming the file.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeTempDir } from '../../../test/harness/fixtures';
import { CONTROL_NAME, EVIL_NAME, makeTrickyFolder } from '../../../test/harness/tricky-folder';
import { createEngine } from '../index';
import { planUpload, prefixFor } from './upload-plan';

afterAll(cleanupTempDirs);

const target = {
  region: 'us-east-1',
  forcePathStyle: true,
  checksum: 'auto' as const,
  endpointUrl: 'http://127.0.0.1:9',
  bucket: 'b',
};

describe('planUpload', () => {
  it('gives each real file one key inside the destination, and refuses the odd names with one line each', async () => {
    const t = await makeTrickyFolder(await makeTempDir());
    const plan = await planUpload([t.album], 'inbox/');
    expect(plan.files.map((f) => f.key)).toEqual([
      'inbox/album/Caf\u00e9.txt',
      'inbox/album/a',
      'inbox/album/sub/b.txt',
    ]);
    expect(plan.files.find((f) => f.key.includes('Caf'))!.name).toBe('album/Cafe\u0301.txt');
    const problems = Object.fromEntries(plan.problems.map((p) => [p.path.slice(t.album.length + 1), p]));
    expect(Object.keys(problems).sort()).toEqual([CONTROL_NAME, EVIL_NAME].sort());
    expect(problems[EVIL_NAME]).toMatchObject({
      code: 'InvalidKey',
      message: expect.stringMatching(/evil\.txt cannot be uploaded: .*"\.\." part.*Rename it/),
    });
    expect(problems[CONTROL_NAME]!.message).toMatch(
      /bad\\x1b\[31mname\.txt cannot be uploaded: .*control character \(U\+001B\)/,
    );
    expect(plan.skipped).toHaveLength(6);
  });

  it('refuses the second of two files that would share a key (NFC and NFD spellings, or two sources of one name)', async () => {
    const base = await makeTempDir();
    await mkdir(join(base, 'd'));
    await writeFile(join(base, 'd', 'Caf\u00e9.txt'), 'nfc');
    await writeFile(join(base, 'd', 'Cafe\u0301.txt'), 'nfd');
    const plan = await planUpload([join(base, 'd')], '');
    expect(plan.files.map((f) => f.key)).toEqual(['d/Caf\u00e9.txt']);
    expect(plan.problems).toEqual([
      expect.objectContaining({
        code: 'DuplicateKey',
        key: 'd/Caf\u00e9.txt',
        message: expect.stringContaining('would both be uploaded as "d/Café.txt"'),
      }),
    ]);

    await mkdir(join(base, 'x'));
    await writeFile(join(base, 'x', 'Caf\u00e9.txt'), 'other');
    const two = await planUpload([join(base, 'd', 'Caf\u00e9.txt'), join(base, 'x', 'Caf\u00e9.txt')], 'p/');
    expect(two.files.map((f) => f.path)).toEqual([join(base, 'd', 'Caf\u00e9.txt')]);
    expect(two.problems.map((p) => p.code)).toEqual(['DuplicateKey']);
  });

  it('one prefix rule: an exact key for a lone file, a folder otherwise', async () => {
    const base = await makeTempDir();
    await mkdir(join(base, 'dir'));
    await writeFile(join(base, 'dir', 'f'), '');
    await writeFile(join(base, 'a.pdf'), '');
    await writeFile(join(base, 'b.pdf'), '');
    const keys = async (sources: string[], prefix: string) =>
      (
        await planUpload(
          sources.map((s) => join(base, s)),
          prefix,
        )
      ).files.map((f) => f.key);
    expect(await keys(['a.pdf'], 'report.pdf')).toEqual(['report.pdf']);
    expect(await keys(['a.pdf', 'b.pdf'], 'backup')).toEqual(['backup/a.pdf', 'backup/b.pdf']);
    expect(await keys(['dir'], 'backup')).toEqual(['backup/dir/f']);
    expect(await keys(['dir'], '')).toEqual(['dir/f']);
    expect(prefixFor('p', ['x'], [{ source: 'x', path: '/x', name: 'x', size: 0, mtimeMs: 0 }])).toBe('p');
  });

  it('leaves .DS_Store out of a folder and when named on its own, and reports each file left out', async () => {
    const base = await makeTempDir();
    await mkdir(join(base, 'pics', 'raw'), { recursive: true });
    for (const n of ['.DS_Store', 'a.jpg', 'raw/.DS_Store', 'raw/b.cr2', 'raw/b.tmp'])
      await writeFile(join(base, 'pics', n), n);
    const plan = await planUpload([join(base, 'pics'), join(base, 'pics', '.DS_Store')], 'in/');
    expect(plan.files.map((f) => f.key)).toEqual(['in/pics/a.jpg', 'in/pics/raw/b.cr2', 'in/pics/raw/b.tmp']);
    const pics = join(base, 'pics');
    expect(plan.excluded).toEqual([
      { source: pics, path: join(pics, '.DS_Store'), name: 'pics/.DS_Store', pattern: '.DS_Store' },
      { source: pics, path: join(pics, 'raw', '.DS_Store'), name: 'pics/raw/.DS_Store', pattern: '.DS_Store' },
      { source: join(pics, '.DS_Store'), path: join(pics, '.DS_Store'), name: '.DS_Store', pattern: '.DS_Store' },
    ]);
    // The caller's list replaces the defaults; an include brings a file back.
    const own = await planUpload([join(base, 'pics')], '', { excludes: ['*.tmp', 'raw/'], includes: ['*.cr2'] });
    expect(own.files.map((f) => f.key)).toEqual(['pics/.DS_Store', 'pics/a.jpg', 'pics/raw/b.cr2']);
    expect(own.excluded?.map((e) => [e.name, e.pattern])).toEqual([
      ['pics/raw/.DS_Store', 'raw/'],
      ['pics/raw/b.tmp', '*.tmp'],
    ]);
    expect((await planUpload([join(base, 'pics', 'a.jpg')], '')).excluded).toBeUndefined();
  });

  it('refuses a bad pattern before listing anything, naming it', async () => {
    await expect(planUpload(['/nonexistent'], '', { excludes: [''] })).rejects.toMatchObject({
      code: 'InvalidPattern',
      message: expect.stringContaining('An empty exclude pattern'),
    });
  });

  it('refuses a prefix with a .. part before listing anything', async () => {
    await expect(planUpload(['/nonexistent'], 'a/../b/')).rejects.toThrow(/prefix "a\/\.\.\/b\/" has a "\.\." part/);
  });
});

describe('the engine', () => {
  it('plans, and adds a plan as it is, under its (possibly edited) keys; a bad edited key is refused', async () => {
    const base = await makeTempDir();
    await writeFile(join(base, 'a.txt'), 'a');
    const engine = createEngine();
    try {
      const plan = await engine.plan([join(base, 'a.txt')], { ...target, prefix: 'in/' });
      expect(plan.files.map((f) => f.key)).toEqual(['in/a.txt']);
      const renamed = await engine.add(
        {
          ...plan,
          files: [
            { ...plan.files[0]!, key: 'in/a (2).txt' },
            { ...plan.files[0]!, key: 'in/../a.txt' },
          ],
        },
        { ...target, prefix: 'in/' },
      );
      expect(renamed.items.map((i) => i.key)).toEqual(['in/a (2).txt']);
      expect(renamed.rejected).toEqual([expect.objectContaining({ code: 'InvalidKey', key: 'in/../a.txt' })]);
    } finally {
      await engine.close();
    }
  });

  it('Cancel all stops a folder still being listed', async () => {
    const d = join(await makeTempDir(), 'big');
    for (let i = 0; i < 30; i++) {
      await mkdir(join(d, `dir${i}`), { recursive: true });
      await Promise.all(Array.from({ length: 30 }, (_, j) => writeFile(join(d, `dir${i}`, `f${j}`), '')));
    }
    const engine = createEngine();
    try {
      let cancelled = false;
      const planning = engine.plan(
        [d],
        { ...target, prefix: '' },
        {
          progressIntervalMs: 0,
          onProgress: (n) => {
            if (n === 100 && !cancelled) void engine.cancelAll().then(() => (cancelled = true));
          },
        },
      );
      await expect(planning).rejects.toMatchObject({ code: 'Cancelled' });
      // The next listing is not affected by the earlier Cancel all.
      expect((await engine.plan([d], { ...target, prefix: '' })).files).toHaveLength(900);
    } finally {
      await engine.close();
    }
  });
});
