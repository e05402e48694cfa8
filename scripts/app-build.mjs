// The app's build (electron-vite: out/main, out/preload, out/renderer): whether it is older than its sources, and
// making it. Shared by scripts/run-e2e.mjs and the UI benchmark (test/e2e/perf/run-ui-bench.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const OUTPUTS = ['out/renderer/index.html', 'out/main/index.js', 'out/preload/index.cjs'];
const SOURCES = ['src', 'electron.vite.config.ts', 'scripts/main-bundled-deps.mjs', 'package.json'];

function newestMtime(path) {
  let newest = 0;
  const stack = [path];
  while (stack.length > 0) {
    const p = stack.pop();
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) for (const name of readdirSync(p)) stack.push(join(p, name));
    else newest = Math.max(newest, st.mtimeMs);
  }
  return newest;
}

/** True when every output exists and is newer than every source file. */
export function appBuildIsCurrent(root) {
  const sources = Math.max(...SOURCES.map((p) => newestMtime(join(root, p))));
  const oldestOutput = Math.min(
    ...OUTPUTS.map((p) => join(root, p)).map((p) => (existsSync(p) ? statSync(p).mtimeMs : 0)),
  );
  return oldestOutput >= sources;
}

/** Runs `npx electron-vite build` in root, its output on this process's; returns its exit status. */
export function buildApp(root) {
  const win = process.platform === 'win32';
  const r = spawnSync(win ? 'npx.cmd' : 'npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit', shell: win });
  return r.status ?? 1;
}
