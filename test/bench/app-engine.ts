// Bundles app-engine-upload.ts for the bench's "app engine" row as the app's main bundle is built (electron-vite,
// electron.vite.config.ts): the engine and main's code in one ESM file; the npm dependencies left external, loaded
// from node_modules at run time; and each dynamic import a chunk of its own, so that the S3 client loads at the first
// control call, as in the app. (Until the chunks, this build put the client's import at the top of the one file, so
// the row counted a client the app never loads for small files: 102 MB where the app's engine needs 90.)
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../harness/python';

/** Where the built script and its chunks go. */
export const APP_ENGINE_DIR = join(repoRoot, '.cache', 'bench', 'app-engine');

/** Builds the script into APP_ENGINE_DIR and returns its path. */
export async function buildAppEngineScript(): Promise<string> {
  // A fresh folder: an older build's chunks must not stay beside the new ones.
  await rm(APP_ENGINE_DIR, { recursive: true, force: true });
  await build({
    entryPoints: { 'app-engine-upload': join(repoRoot, 'test', 'bench', 'app-engine-upload.ts') },
    outdir: APP_ENGINE_DIR,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return join(APP_ENGINE_DIR, 'app-engine-upload.mjs');
}
