#!/usr/bin/env node
// Runs a TypeScript entry point under plain Node: bundles it with esbuild (dependencies stay external) into
// .cache/run/ and imports the result. Used by `npm run bench` and `npm run demo`, which reuse the test harness.
import { build } from 'esbuild';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <entry.ts> [args...]');
  process.exit(2);
}
// Files that find their neighbours through import.meta.url (the harness finds its Python helper that way) must
// keep their own URL once bundled into one file elsewhere.
const keepImportMetaUrl = {
  name: 'keep-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

const outDir = join(root, '.cache', 'run');
await mkdir(outDir, { recursive: true });
const outfile = join(outDir, basename(entry).replace(/\.ts$/, '.mjs'));
await build({
  entryPoints: [resolve(root, entry)],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
  plugins: [keepImportMetaUrl],
});
process.argv.splice(2, 1);
await import(pathToFileURL(outfile).href);
