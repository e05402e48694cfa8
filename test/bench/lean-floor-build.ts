// Bundles the lean floors (lean-floor.ts for a folder's files, lean-floor-parts.ts for one big file; both sign with
// hoist's own LeanSigner, a TypeScript module) into scripts the bench runs under plain node, with every dependency in
// them, as the CLI's bundle has them. Two bundles, so that the folder's floor does not load the SDK's client, which only
// the big file's Create and Complete use.
import { build } from 'esbuild';
import { join } from 'node:path';
import { repoRoot } from '../harness/python';
import { NODE_ESM_BUNDLE } from '../../scripts/node-esm-bundle.mjs';

export interface LeanFloorScripts {
  /** A folder's files, one PUT each. */
  folder: string;
  /** One file, as a multipart upload. */
  file: string;
}

/** Builds .cache/bench/lean-floor.mjs and lean-floor-parts.mjs and returns their paths. */
export async function buildLeanFloorScripts(): Promise<LeanFloorScripts> {
  const out = (name: string) => join(repoRoot, '.cache', 'bench', `${name}.mjs`);
  for (const name of ['lean-floor', 'lean-floor-parts'])
    await build({
      entryPoints: [join(repoRoot, 'test', 'bench', `${name}.ts`)],
      outfile: out(name),
      ...NODE_ESM_BUNDLE,
    });
  return { folder: out('lean-floor'), file: out('lean-floor-parts') };
}
