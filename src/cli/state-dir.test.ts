import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareStateDir, resumeCommand } from './state-dir';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hoist-state-dir-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

function sink() {
  const out = { text: '', write: (s: string) => (out.text += s) };
  return out;
}

describe('prepareStateDir', () => {
  it('creates the journal folder and returns the state folder', async () => {
    const err = sink();
    const dir = join(root, 'a', 'b');
    expect(await prepareStateDir({ dir, explicit: true }, 'cp', err)).toBe(dir);
    expect((await stat(join(dir, 'uploads'))).isDirectory()).toBe(true);
    expect(err.text).toBe('');
  });

  it('refuses a --state-dir that cannot be used (usage error), but goes on without a journal when the default cannot', async () => {
    // A file where the folder should be fails for root too, unlike a permission.
    const blocked = join(root, 'file');
    await writeFile(blocked, 'x');
    await expect(prepareStateDir({ dir: join(blocked, 'state'), explicit: true }, 'cp', sink())).rejects.toThrow(
      /--state-dir ".*" cannot be written \(ENOTDIR\)/,
    );
    const err = sink();
    expect(await prepareStateDir({ dir: join(blocked, 'state'), explicit: false }, 'cp', err)).toBeUndefined();
    expect(err.text).toMatch(
      /^hoist: note: cannot keep the upload journal in .* \(ENOTDIR\), so interrupted uploads cannot be resumed\. Use --state-dir to choose a folder\.\n$/,
    );
  });

  it('a read-only folder counts as unusable (for a user other than root)', async (ctx) => {
    if (process.getuid?.() === 0) return ctx.skip('root may write anywhere');
    const ro = join(root, 'ro');
    await mkdir(join(ro, 'uploads'), { recursive: true });
    await chmod(join(ro, 'uploads'), 0o555);
    await expect(prepareStateDir({ dir: ro, explicit: true }, 'cp', sink())).rejects.toThrow('cannot be written');
  });
});

describe('resumeCommand', () => {
  it('names the state folder only when one was given, quoted for the shell', () => {
    expect(resumeCommand({ dir: '/x/state', explicit: false })).toBe('hoist resume');
    expect(resumeCommand({ dir: '/x/state', explicit: true })).toBe('hoist resume --state-dir /x/state');
    expect(resumeCommand({ dir: "/x/it's here", explicit: true })).toBe(`hoist resume --state-dir '/x/it'\\''s here'`);
  });
});
