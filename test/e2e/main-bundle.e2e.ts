// The app's main bundle as built (out/main, by electron-vite from electron.vite.config.ts; scripts/run-e2e.mjs builds
// it before this suite): it must load under Node, and at its start it must load from node_modules neither the S3
// client (main loads it at the first control call) nor any package that main takes into its bundle
// (scripts/main-bundled-deps.mjs). Electron itself is replaced by a stub module, so this runs without the Electron
// binary; the module hook that puts the stub in also logs every file the process loads.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { MAIN_BUNDLED_DEPS } from '../../scripts/main-bundled-deps.mjs';
import { cleanupTempDirs, makeTempDir } from '../harness/fixtures';
import { REPO_ROOT } from './bridge/server';

const MAIN_JS = join(REPO_ROOT, 'out', 'main', 'index.js');

afterAll(cleanupTempDirs);

/** A module whose every export is a function that answers itself, and whose calls answer a promise never settled. */
const ELECTRON_STUB = `
  const stub = new Proxy(function () {}, {
    get: (_, key) => (key === 'then' ? undefined : stub),
    apply: () => new Promise(() => {}),
    construct: () => stub,
  });
  export const { BrowserWindow, Notification, app, dialog, ipcMain, nativeTheme, protocol, safeStorage, session, shell } =
    new Proxy({}, { get: () => stub });
  export default stub;`;

describe("the app's main bundle", () => {
  it('loads under Node with Electron stubbed, and loads neither the S3 client nor a package it bundles', async () => {
    const dir = await makeTempDir('main-bundle');
    const stub = join(dir, 'electron-stub.mjs');
    const log = join(dir, 'loaded.txt');
    await writeFile(stub, ELECTRON_STUB);
    await writeFile(log, '');
    await writeFile(
      join(dir, 'hooks.mjs'),
      `import { appendFileSync } from 'node:fs';
      export async function resolve(specifier, context, next) {
        if (specifier === 'electron') return { url: ${JSON.stringify(pathToFileURL(stub).href)}, shortCircuit: true };
        return next(specifier, context);
      }
      export async function load(url, context, next) {
        appendFileSync(${JSON.stringify(log)}, url + '\\n');
        return next(url, context);
      }`,
    );
    const register = join(dir, 'register.mjs');
    await writeFile(
      register,
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`,
    );
    const script = `import(${JSON.stringify(pathToFileURL(MAIN_JS).href)}).then(() => { console.log('loaded'); process.exit(0); });`;
    const { stdout } = await promisify(execFile)('node', ['--import', register, '--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
      timeout: 30_000,
    });
    expect(stdout.trim()).toBe('loaded');
    const urls = (await readFile(log, 'utf8')).split('\n');
    expect(urls).toContain(pathToFileURL(MAIN_JS).href);
    const packages = new Set(urls.map((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]));
    expect(packages.has('@aws-sdk/client-s3')).toBe(false);
    for (const name of MAIN_BUNDLED_DEPS) expect(packages.has(name), name).toBe(false);
  });
});
