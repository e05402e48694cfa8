// Bundles the `hoist` CLI (src/cli/index.ts, with the engine) into out/cli/hoist.mjs. node_modules stay external:
// the AWS SDK is loaded from the installed packages at run time.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/index.ts'],
  outfile: 'out/cli/hoist.mjs',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  bundle: true,
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
console.log('Built out/cli/hoist.mjs');
