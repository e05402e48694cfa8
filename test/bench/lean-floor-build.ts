// Bundles lean-floor.ts (which signs with hoist's own LeanSigner, a TypeScript module) into one script the bench runs
// under plain node, with every dependency in it, as the CLI's bundle has them.
import { build } from 'esbuild';
import { join } from 'node:path';
import { repoRoot } from '../harness/python';
import { NODE_ESM_BUNDLE } from '../../scripts/node-esm-bundle.mjs';

/** Builds .cache/bench/lean-floor.mjs and returns its path. */
export async function buildLeanFloorScript(): Promise<string> {
  const outfile = join(repoRoot, '.cache', 'bench', 'lean-floor.mjs');
  await build({
    entryPoints: [join(repoRoot, 'test', 'bench', 'lean-floor.ts')],
    outfile,
    ...NODE_ESM_BUNDLE,
  });
  return outfile;
}
