// esbuild's options for an ES module bundle that runs under plain Node: the CLI (build-cli.mjs) and the scripts the
// bench bundles (test/bench/app-engine.ts, test/bench/lean-floor-build.ts).
export const NODE_ESM_BUNDLE = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // A package's ES module build where it has one, as the app's bundler picks.
  mainFields: ['module', 'main'],
  // Some SDK packages are CommonJS and call require(); an ESM bundle has no require of its own.
  banner: {
    js: "import { createRequire as __hoistRequire } from 'node:module'; const require = __hoistRequire(import.meta.url);",
  },
  logLevel: 'warning',
};
