#!/usr/bin/env node
// The `hoist` command: loads the bundle that `npm run build` (or `npm run build:cli`) writes.
//
// CommonJS, not a module: Node 20 reads a module entry through libuv's thread pool, which starts its threads at that
// first use and reads UV_THREADPOOL_SIZE only then. Read this way, the file leaves the pool unstarted, so the lines
// below still size it.
'use strict';

const fs = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

// One thread, unless the user chose otherwise. The pool runs the upload's file calls (open, read, fstat, close) and
// its DNS lookups; on this project's 2-core bench machine (a VM), handing each call to one of four threads and back
// cost more in wake-ups than the calls themselves. Measured with this file on the keep-alive sink
// (test/bench/sink-s3.ts), medians of 21 interleaved runs, CPU of 1,000 x 64 KiB with --files 8: 4 threads 1.109 s,
// 2 threads 1.068 s, 1 thread 1.036 s (with the default --files 3: 1.147 -> 1.131 s); 1 GiB, 5 runs: 1.26 -> 1.17 s,
// the same wall time. What it gives up: a read that hangs (a network share gone away) holds the only thread, so the
// other files' reads, journal writes and lookups wait for it, where four threads would have let three more calls
// through. A Ctrl-C still cuts the connections at once (no pool call), but the cleanup after it writes the journal
// and may look the host up, so it waits for such a read too, as it would with four threads and four hung reads (a
// multipart upload reads four parts at a time by default). Connections to the same host share a lookup under way
// (src/engine/s3/shared-lookup.ts), so they do not queue one lookup each (a proxy's host is still looked up per
// tunnel). The desktop app's main process keeps Node's default.
if (process.env.UV_THREADPOOL_SIZE === undefined) {
  process.env.UV_THREADPOOL_SIZE = '1';
  // Started here, on purpose: libuv makes its threads within the first call that uses the pool, reading the variable
  // then (later Node releases read the bundle below without the pool, so its import cannot be relied on to start it).
  // Then removed: the programs hoist starts (a profile's credential_process) get the user's environment as it was.
  fs.access(__filename, () => undefined);
  delete process.env.UV_THREADPOOL_SIZE;
}

const bundle = join(__dirname, '..', 'out', 'cli', 'hoist.mjs');
if (!fs.existsSync(bundle)) {
  console.error('hoist: the CLI is not built yet; run npm run build first (or npm run build:cli).');
  process.exit(1);
}
import(pathToFileURL(bundle).href).then(async ({ run, settleHeapGrowth, settleCliTiering }) => {
  // Set here rather than as flags on the command line: a shebang flag would not apply to `node bin/hoist.cjs`, and
  // needs an `env -S` that not every system's env has (src/engine/heap-settings.ts and src/cli/jit-settings.ts say
  // what each does). Before run(): the command's functions take their compile budget from the second one at their
  // first calls.
  settleHeapGrowth();
  settleCliTiering();
  await run(process.argv.slice(2));
});
