// Bundles the `hoist` CLI (src/cli/index.ts, with the engine and the AWS SDK) into out/cli/hoist.mjs.
//
// The SDK goes into the bundle too: loading it from node_modules as hundreds of CommonJS files (each one resolved,
// read, compiled and scanned for its exports by the ESM loader) cost about 0.2 s of CPU and 12 MB of RSS at every
// start, more than a 64 KiB upload itself (measured with /usr/bin/time on `hoist cp` of a 3-byte file).
//
// Split into chunks: what the code imports with import() (the S3 client and the presigner, s3-sdk.ts; the SDK's own
// credential providers and their STS and SSO clients) goes into files of its own beside hoist.mjs, read only when
// a run needs them. The chunks' names hold a hash of their contents, so a build never changes a chunk that a hoist
// started from the previous build is about to read; older ones are removed when the build is done.
//
// The test files that run the CLI each build it first, and test files run side by side: one builds while another's
// hoist is loading the bundle. So a file whose bytes are unchanged is not written again, and a changed one is
// written beside it and renamed over it, whole: a hoist never reads a file half-written. The chunks go first and
// hoist.mjs, which names them, last.
import { build } from 'esbuild';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_ESM_BUNDLE } from './node-esm-bundle.mjs';
import { leanImports } from './lean-imports.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

const result = await build({
  absWorkingDir: root,
  entryPoints: { hoist: 'src/cli/index.ts' },
  outdir: 'out/cli',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
  ...NODE_ESM_BUNDLE,
  // The lean path's helpers without the S3 client's code around them in the chunks they load (lean-imports.mjs).
  plugins: [leanImports(root)],
  sourcemap: true,
  write: false,
});
await writeChanged(result.outputFiles);
await removeStaleChunks(result.metafile);
console.log('Built out/cli/hoist.mjs');

/**
 * Chunks that no longer belong to the build (an older build's), once they are a minute old: a hoist started from that
 * build a moment ago may still be loading them. One still running much later would find its chunks gone at its first
 * import(), which only rebuilding during a run (a developer's) can cause.
 */
async function removeStaleChunks(metafile) {
  const dir = join(root, 'out', 'cli', 'chunks');
  const current = new Set(Object.keys(metafile.outputs).map((p) => basename(p)));
  for (const name of await readdir(dir).catch(() => [])) {
    if (current.has(name)) continue;
    // A hoist started just before this build may still be loading the chunks it was built with.
    const age = Date.now() - (await stat(join(dir, name))).mtimeMs;
    if (age > 60_000) await rm(join(dir, name), { force: true });
  }
}

/** Writes each output whose bytes differ from the file's, by a rename of a whole temp file; hoist.mjs last. */
async function writeChanged(outputs) {
  const entryLast = [...outputs].sort((a, b) => Number(isEntry(a.path)) - Number(isEntry(b.path)));
  for (const { path, contents } of entryLast) {
    const old = await readFile(path).catch(() => undefined);
    if (old && Buffer.compare(old, contents) === 0) continue;
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, contents);
    await rename(temp, path);
  }
}

function isEntry(path) {
  return /^hoist\.mjs(\.map)?$/.test(basename(path)) && basename(dirname(path)) === 'cli';
}
