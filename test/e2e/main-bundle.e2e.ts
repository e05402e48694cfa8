// The app's main bundle as built (out/main, by electron-vite from electron.vite.config.ts; scripts/run-e2e.mjs builds
// it before this suite): it must load under Node, and at its start it must load from node_modules neither the S3
// client (main loads it at the first control call) nor any package that main takes into its bundle
// (scripts/main-bundled-deps.mjs). Electron itself is replaced by a stub module, so this runs without the Electron
// binary; test/harness/load-log.ts puts the stub in and logs every file the process loads.
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { MAIN_BUNDLED_DEPS } from '../../scripts/main-bundled-deps.mjs';
import { cleanupTempDirs, makeTempDir } from '../harness/fixtures';
import { loadLog } from '../harness/load-log';
import { repoRoot } from '../harness/python';

const MAIN_JS = join(repoRoot, 'out', 'main', 'index.js');

afterAll(cleanupTempDirs);

/**
 * A module exporting each name given as a function that answers itself, whose calls answer a promise never settled:
 * main's start registers handlers and waits for app.whenReady(), which never comes.
 */
function electronStub(names: string[]): string {
  return [
    `const stub = new Proxy(function () {}, {`,
    `  get: (_, key) => (key === 'then' ? undefined : stub),`,
    `  apply: () => new Promise(() => {}),`,
    `  construct: () => stub,`,
    `});`,
    ...names.map((name) => `export const ${name} = stub;`),
    'export default stub;',
  ].join('\n');
}

describe("the app's main bundle", () => {
  it("is ASCII, as the window's script is: V8 holds each source one byte a character (two with one other)", async () => {
    const dir = join(repoRoot, 'out', 'main');
    const assets = join(repoRoot, 'out', 'renderer', 'assets');
    const files = [
      MAIN_JS,
      ...(await readdir(join(dir, 'chunks'))).map((f) => join(dir, 'chunks', f)),
      ...(await readdir(assets)).filter((f) => f.endsWith('.js')).map((f) => join(assets, f)),
    ];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      const other = /[^\x00-\x7f]/.exec(text);
      expect(
        other ? `${file}: ${JSON.stringify(text.slice(Math.max(0, other.index - 40), other.index + 10))}` : '',
      ).toBe('');
    }
  });

  it('loads under Node with Electron stubbed, and loads neither the S3 client nor a package it bundles', async () => {
    const built = await readFile(MAIN_JS, 'utf8');
    // The names main imports from electron, as the bundle has them: the stub must export each.
    const imported = /import\s*\{([^}]*)\}\s*from\s*"electron"/.exec(built)?.[1];
    expect(imported).toBeTruthy();
    const names = imported!.split(',').map((n) => n.trim().split(/\s+as\s+/)[0]!);
    const dir = await makeTempDir('main-bundle');
    const stub = join(dir, 'electron-stub.mjs');
    await writeFile(stub, electronStub(names));
    const log = await loadLog(dir, { replace: { electron: stub } });
    const script = `import(${JSON.stringify(pathToFileURL(MAIN_JS).href)}).then(() => { console.log('loaded'); process.exit(0); });`;
    const { stdout } = await promisify(execFile)('node', ['--input-type=module', '-e', script], {
      cwd: repoRoot,
      env: { ...process.env, ...log.env },
      timeout: 30_000,
    });
    expect(stdout.trim()).toBe('loaded');
    const { lines, packages } = await log.loaded();
    expect(lines).toContain(pathToFileURL(MAIN_JS).href);
    expect(packages.has('@aws-sdk/client-s3')).toBe(false);
    for (const name of MAIN_BUNDLED_DEPS) expect(packages.has(name), name).toBe(false);
  });
});
