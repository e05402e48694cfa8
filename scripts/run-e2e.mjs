#!/usr/bin/env node
// `npm run test:e2e`: the end-to-end tests (test/e2e, see test/e2e/README.md).
// 1. Finds Debian's Chromium (never downloads a browser); fails with a clear message without it.
// 2. Builds the app (electron-vite build: out/main, out/preload, out/renderer) when out/ is missing or older than src/.
// 3. Runs vitest with test/e2e/vitest.e2e.config.ts; extra arguments go to vitest (`npm run test:e2e -- settings`).
//    When the Electron binary is installed but there is no display, the run goes under xvfb-run if available, so that
//    the real-Electron smoke test can run; otherwise that test is skipped and says why.
// 4. Lists the screenshots (test-results/screens/) and says which of the README's set (test/e2e/docs-screens.json) is
//    missing; E2E_COPY_DOCS=1 copies that set to docs/screens/ after a run that passed.
// Environment: E2E_REPEAT=N runs scenario 2 (cancel mid-upload) N times in a row (default 3);
// HOIST_CHROMIUM=/path/to/chromium picks the browser; E2E_SKIP_BUILD=1 uses out/ as it is.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appBuildIsCurrent, buildApp } from './app-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const win = process.platform === 'win32';
const npx = win ? 'npx.cmd' : 'npx';
const started = Date.now();

function which(name) {
  if (win) return null;
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const found = r.status === 0 ? r.stdout.trim() : '';
  return found || null;
}

// ---- 1. Chromium ----
let chromium = process.env.HOIST_CHROMIUM && existsSync(process.env.HOIST_CHROMIUM) ? process.env.HOIST_CHROMIUM : null;
for (const name of ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']) chromium ??= which(name);
if (!chromium) {
  console.error(
    [
      'run-e2e: Chromium is not installed, so the end-to-end tests cannot run.',
      "  They drive Debian's Chromium through playwright-core and never download a browser.",
      '  Install it:  sudo apt-get install -y chromium fonts-ipafont-gothic',
      '  (or set HOIST_CHROMIUM to a Chromium/Chrome executable). .ci/run installs both.',
    ].join('\n'),
  );
  process.exit(1);
}
const version = spawnSync(chromium, ['--version'], { encoding: 'utf8' });
console.log(`run-e2e: browser ${chromium} (${(version.stdout || '').trim() || 'version unknown'})`);
if (!win && spawnSync('sh', ['-c', 'fc-list 2>/dev/null | grep -qi "ipa.*gothic\\|noto.*cjk"']).status !== 0) {
  console.log('run-e2e: note: no CJK font found (fonts-ipafont-gothic); the Japanese screenshot will show boxes');
}

// ---- 2. Build ----
if (process.env.E2E_SKIP_BUILD === '1') {
  console.log('run-e2e: E2E_SKIP_BUILD=1: using out/ as it is');
} else if (appBuildIsCurrent(root)) {
  console.log('run-e2e: out/ is up to date with src/');
} else {
  console.log('run-e2e: building the app (npx electron-vite build)');
  const status = buildApp(root);
  if (status !== 0) {
    console.error(`run-e2e: the build failed (exit ${status})`);
    process.exit(status);
  }
}

// ---- 3. vitest (under xvfb-run when the real-Electron smoke test could otherwise run) ----
function electronInstalled() {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return false;
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(dir, 'dist');
  return existsSync(join(base, readFileSync(pathFile, 'utf8').trim()));
}
const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const xvfb = needsDisplay && electronInstalled() ? which('xvfb-run') : null;
if (!electronInstalled())
  console.log('run-e2e: the Electron binary is not installed: the real-Electron smoke test will be skipped');
else if (needsDisplay && !xvfb)
  console.log('run-e2e: no display and no xvfb-run: the real-Electron smoke test will be skipped');
else if (xvfb) console.log('run-e2e: no display: running under xvfb-run for the real-Electron smoke test');

const vitest = [npx, 'vitest', 'run', '--config', 'test/e2e/vitest.e2e.config.ts', ...process.argv.slice(2)];
const [cmd, ...args] = xvfb ? [xvfb, '-a', ...vitest] : vitest;
console.log(
  `run-e2e: $ ${[cmd, ...args].join(' ')}${process.env.E2E_REPEAT ? ` (E2E_REPEAT=${process.env.E2E_REPEAT})` : ''}`,
);
const r = spawnSync(cmd, args, {
  cwd: root,
  stdio: 'inherit',
  shell: win,
  env: { ...process.env, HOIST_CHROMIUM: chromium },
});
let code = r.status ?? 1;
if (r.error) console.error(`run-e2e: could not run vitest: ${r.error.message}`);
if (r.signal) code = 128 + ({ SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[r.signal] ?? 1);

// ---- 4. Screenshots, and the README's set of them ----
const screens = join(root, 'test-results', 'screens');
const pngs = existsSync(screens)
  ? readdirSync(screens)
      .filter((f) => f.endsWith('.png'))
      .sort()
  : [];
if (pngs.length > 0) console.log(`run-e2e: screenshots in test-results/screens/: ${pngs.join(', ')}`);
const docsSet = JSON.parse(readFileSync(join(root, 'test', 'e2e', 'docs-screens.json'), 'utf8')).screens;
const missing = docsSet.filter((name) => !pngs.includes(name));
// A run of one file (`npm run test:e2e -- settings`) takes only its own screenshots: no need to list the others.
if (missing.length > 0 && process.argv.length <= 2)
  console.log(
    `run-e2e: not taken in this run, of the README's set (test/e2e/docs-screens.json): ${missing.join(', ')}`,
  );
if (process.env.E2E_COPY_DOCS === '1') {
  if (code !== 0) console.log('run-e2e: E2E_COPY_DOCS=1: not copying to docs/screens/ after a failed run');
  else {
    const docs = join(root, 'docs', 'screens');
    mkdirSync(docs, { recursive: true });
    const copied = docsSet.filter((name) => pngs.includes(name));
    for (const name of copied) copyFileSync(join(screens, name), join(docs, name));
    console.log(`run-e2e: copied ${copied.length} screenshots to docs/screens/`);
  }
}
console.log(
  `run-e2e: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
process.exit(code);
