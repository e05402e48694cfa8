#!/usr/bin/env -S node --max-semi-space-size=4
// The `hoist` command: loads the bundle that `npm run build` (or `npm run build:cli`) writes.
//
// --max-semi-space-size=4 (MiB): V8 lets its young generation grow to 16 MiB per semi-space (32 MiB in all), and the
// start-up and the first requests grow it to 8 MiB per semi-space within a second. Capped at 4, the CLI's peak RSS drops by about 5 MB
// for a 1 GiB upload and 20 MB for 1,000 small files, with no CPU cost we could measure (npm run bench; three
// interleaved runs of each on this machine). The flag applies when the script runs through its shebang, as `hoist`
// on the PATH does; `node bin/hoist.js` runs without it.
import { existsSync } from 'node:fs';

const bundle = new URL('../out/cli/hoist.mjs', import.meta.url);
if (!existsSync(bundle)) {
  console.error('hoist: the CLI is not built yet; run npm run build first (or npm run build:cli).');
  process.exit(1);
}
const { run } = await import(bundle.href);
await run(process.argv.slice(2));
