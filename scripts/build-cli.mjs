// Bundles the `hoist` CLI (src/cli/index.ts, with the engine and the AWS SDK) into out/cli/hoist.mjs.
//
// The SDK goes into the bundle too: loading it from node_modules as hundreds of CommonJS files (each one resolved,
// read, compiled and scanned for its exports by the ESM loader) cost about 0.2 s of CPU and 12 MB of RSS at every
// start, more than a 64 KiB upload itself (measured with /usr/bin/time on `hoist cp` of a 3-byte file).
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
  // Some SDK packages are CommonJS and call require(); an ESM bundle has no require of its own.
  banner: {
    js: "import { createRequire as __hoistRequire } from 'node:module'; const require = __hoistRequire(import.meta.url);",
  },
  mainFields: ['module', 'main'],
  sourcemap: true,
  logLevel: 'warning',
});
console.log('Built out/cli/hoist.mjs');
