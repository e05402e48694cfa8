#!/usr/bin/env node
// The `hoist` command: loads the bundle that `npm run build` (or `npm run build:cli`) writes.
import { existsSync } from 'node:fs';
import v8 from 'node:v8';

const bundle = new URL('../out/cli/hoist.mjs', import.meta.url);
if (!existsSync(bundle)) {
  console.error('hoist: the CLI is not built yet; run npm run build first (or npm run build:cli).');
  process.exit(1);
}
const { run } = await import(bundle.href);
// Loading the bundle leaves V8's young generation at 2 MiB per semi-space; left alone, the upload's garbage then
// doubles it twice more (to 8 MiB per semi-space, 16 MiB in all). Held where loading left it, the peak RSS of a 1 GiB
// upload drops from 82-86 MB to 74-76 MB with no more CPU, and that of 1,000 small files from 117-120 MB to 104-109 MB
// for about 3% more CPU (more frequent scavenges). V8 reads this flag each time it would grow the space, so setting
// it now takes effect. A shebang flag (--max-semi-space-size) would not apply to `node bin/hoist.js`, and needs an
// `env -S` that not every system's env has. Both flags here were measured on Node 20 (V8 11.3); some later V8 releases
// hold this one at 2 or more, where it does nothing, and both still exist there, so neither prints an unknown-flag error.
v8.setFlagsFromString('--semi-space-growth-factor=1');
// The old generation: V8 lets it grow by up to 4x between full collections, so a run of many small files (every
// request leaves SDK objects that outlive a scavenge) peaked at 104-107 MB, about 30 MB of it garbage. Growing it by
// 25% at a time peaks at 84-85 MB for 1,000 files of 64 KiB, with no more CPU (A/B, 2 runs each); the 1 GiB file,
// whose heap does not grow, is unchanged (74 MB either way).
v8.setFlagsFromString('--heap-growing-percent=25');
await run(process.argv.slice(2));
