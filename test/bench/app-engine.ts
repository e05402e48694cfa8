// Bundles app-engine-upload.ts for the bench's "app engine" row, as the app's main bundle is built: the engine and
// main's code in one ESM file, its npm dependencies left external and loaded from node_modules at run time.
import { build } from 'esbuild';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../harness/python';

/** Builds the script into .cache/bench/ and returns its path. */
export async function buildAppEngineScript(): Promise<string> {
  const outDir = join(repoRoot, '.cache', 'bench');
  await mkdir(outDir, { recursive: true });
  const outfile = join(outDir, 'app-engine-upload.mjs');
  await build({
    entryPoints: [join(repoRoot, 'test', 'bench', 'app-engine-upload.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}
