// `npm run dev` and the demo ask scripts/electron-binary.mjs whether Electron's binary is there before starting it,
// so that a machine that could not download it gets the cause and the remedy, not "Electron uninstall" and a trace.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../../scripts/electron-binary.mjs';
import { repoRoot } from '../harness/python';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hoist-electron-binary-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('is the Electron binary there?', () => {
  it('without node_modules/electron: run npm install', () => {
    const check = electronBinary(join(root, 'nothing'));
    expect(check).toMatchObject({ ok: false, remedy: expect.stringContaining('npm install') });
  });

  it('the package without its binary: names the cause (old Node, or no download) and the remedy', async () => {
    await mkdir(join(root, 'node_modules', 'electron'), { recursive: true });
    await writeFile(join(root, 'node_modules', 'electron', 'package.json'), '{}');
    const onOldNode = electronBinary(root, '20.20.2');
    expect(onOldNode.ok).toBe(false);
    if (onOldNode.ok) return;
    expect(onOldNode.reason).toContain('Node 22.12 or later (this is Node 20.20.2)');
    expect(onOldNode.remedy).toMatch(/npx install-electron.*ELECTRON_MIRROR/);
    const onNewNode = electronBinary(root, '22.12.0');
    expect(onNewNode).toMatchObject({ ok: false, reason: expect.stringContaining('could not download it') });
  });

  it('with path.txt and the binary in dist: ok, with its path', async () => {
    const dir = join(root, 'node_modules', 'electron');
    await writeFile(join(dir, 'path.txt'), 'electron');
    await mkdir(join(dir, 'dist'), { recursive: true });
    await writeFile(join(dir, 'dist', 'electron'), '');
    expect(electronBinary(root)).toEqual({ ok: true, path: join(dir, 'dist', 'electron') });
  });

  it('npm run dev without the binary: exit 1 with one paragraph, no stack trace', () => {
    if (electronBinary(repoRoot).ok) return; // a machine with Electron would start the app
    const run = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'dev.mjs')], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^npm run dev: Hoist's window cannot open: .+\n {2}.+install-electron/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
