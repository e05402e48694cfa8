#!/usr/bin/env node
// The `hoist` command: loads the bundle that `npm run build` (or `npm run build:cli`) writes.
import { existsSync } from 'node:fs';

const bundle = new URL('../out/cli/hoist.mjs', import.meta.url);
if (!existsSync(bundle)) {
  console.error('hoist: the CLI is not built yet; run npm run build first (or npm run build:cli).');
  process.exit(1);
}
const { run } = await import(bundle.href);
await run(process.argv.slice(2));
