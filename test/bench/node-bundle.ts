// esbuild's options for a script the bench runs under plain node, bundled as the CLI and the app's main bundle are.
import type { BuildOptions } from 'esbuild';

export const NODE_ESM_BUNDLE: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // A package's ES module build where it has one, as the app's bundler picks. Some bundled SDK helpers are CommonJS
  // and call require(), which an ESM file has not got of its own. (import.meta["url"]: scripts/run-ts.mjs, which runs
  // the bench, rewrites the dotted form wherever it appears in a .ts file, strings included.)
  mainFields: ['module', 'main'],
  banner: {
    js: 'import { createRequire as __hoistRequire } from \'node:module\'; const require = __hoistRequire(import.meta["url"]);',
  },
  logLevel: 'warning',
};
