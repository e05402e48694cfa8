#!/usr/bin/env node
// `npm test`: lints (npm run lint), builds the CLI, runs the vitest projects, then the end-to-end tests.
// Every step runs with inherited stdio. Lint comes first and fails fast: a lint failure (a layer rule, say) stops the
// run before the slow steps. The end-to-end step needs the build, so it is skipped if the build failed.
// Exits with the first non-zero exit code (vitest still runs after a failed build: unit tests don't need it).
// Extra arguments go to vitest: `npm test -- test/harness`; such a partial run skips the lint step (it says so).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const win = process.platform === 'win32';
let firstFailure = 0;

function section(title) {
  const line = '='.repeat(Math.max(20, title.length + 8));
  console.log(`\n${line}\n=== ${title}\n${line}`);
}

/** Runs a command in the repo root; returns its exit code (128 + signal number if killed by a signal). */
function step(title, cmd, args) {
  section(title);
  console.log(`$ ${[cmd, ...args].join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: win, env: process.env });
  let code = r.status ?? 1;
  if (r.error) console.error(`could not run ${cmd}: ${r.error.message}`);
  if (r.signal) code = 128 + ({ SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[r.signal] ?? 1);
  console.log(
    `--- ${title}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (code !== 0 && firstFailure === 0) firstFailure = code;
  return code;
}

const npm = win ? 'npm.cmd' : 'npm';
const npx = win ? 'npx.cmd' : 'npx';

const vitestArgs = process.argv.slice(2);
if (vitestArgs.length > 0) {
  section('Lint');
  console.log('skipped: a partial run (npm test -- ...); `npm run lint` lints everything');
} else {
  const lint = step('Lint: ESLint with the layer rules (npm run lint)', npm, ['run', 'lint']);
  if (lint !== 0) {
    section(
      `Tests FAILED: lint failed (exit ${lint}); the other steps did not run. See the errors above, or run npm run lint`,
    );
    process.exit(lint);
  }
}

let built = true;
if (existsSync(join(root, 'scripts/build-cli.mjs'))) {
  built = step('Build the CLI (npm run build:cli)', npm, ['run', 'build:cli']) === 0;
} else {
  section('Build the CLI');
  console.log('skipped: scripts/build-cli.mjs does not exist yet');
}

step('Unit and integration tests (vitest run)', npx, ['vitest', 'run', ...vitestArgs]);

if (!existsSync(join(root, 'scripts/run-e2e.mjs'))) {
  section('End-to-end tests');
  console.log('skipped: scripts/run-e2e.mjs does not exist yet');
} else if (!built) {
  section('End-to-end tests');
  console.log('skipped: the build failed');
} else {
  step('End-to-end tests (scripts/run-e2e.mjs)', process.execPath, ['scripts/run-e2e.mjs']);
}

section(firstFailure === 0 ? 'All test steps passed' : `Tests FAILED (first failing exit code ${firstFailure})`);
process.exit(firstFailure);
