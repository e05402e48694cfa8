// Bundles app-engine-upload.ts for the bench's "app engine" row as the app's main bundle is built (electron-vite,
// electron.vite.config.ts): the engine and main's code in one ESM file; the dependencies main takes into its bundle
// (scripts/main-bundled-deps.mjs) bundled too; the other npm dependencies left external, loaded from node_modules at
// run time; and each dynamic import a chunk of its own, so that the S3 client loads at the first control call, as in
// the app.
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { MAIN_BUNDLED_DEPS } from '../../scripts/main-bundled-deps.mjs';
import { repoRoot } from '../harness/python';
import { NODE_ESM_BUNDLE } from '../../scripts/node-esm-bundle.mjs';

/** Builds the script with its chunks into outDir (emptied first) and returns its path. */
export async function buildAppEngineScript(outDir = join(repoRoot, '.cache', 'bench', 'app-engine')): Promise<string> {
  const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const external = Object.keys(pkg.dependencies ?? {})
    .filter((name) => !MAIN_BUNDLED_DEPS.includes(name))
    .flatMap((name) => [name, `${name}/*`]);
  // A fresh folder: an older build's chunks must not stay beside the new ones.
  await rm(outDir, { recursive: true, force: true });
  await build({
    entryPoints: { 'app-engine-upload': join(repoRoot, 'test', 'bench', 'app-engine-upload.ts') },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    ...NODE_ESM_BUNDLE,
    external,
  });
  return join(outDir, 'app-engine-upload.mjs');
}
