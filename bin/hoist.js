#!/usr/bin/env node
// The `hoist` command: loads the bundle that `npm run build` (or `npm run build:cli`) writes.
import { existsSync } from 'node:fs';

const bundle = new URL('../out/cli/hoist.mjs', import.meta.url);
if (!existsSync(bundle)) {
  console.error('hoist: the CLI is not built yet; run npm run build first (or npm run build:cli).');
  process.exit(1);
}
const { run, settleHeapGrowth, settleCliTiering } = await import(bundle.href);
// Set here rather than as flags on the command line: a shebang flag would not apply to `node bin/hoist.js`, and needs
// an `env -S` that not every system's env has (src/engine/heap-settings.ts and src/cli/jit-settings.ts say what each
// does). Before run(): the command's functions take their compile budget from the second one at their first calls.
settleHeapGrowth();
settleCliTiering();
await run(process.argv.slice(2));
