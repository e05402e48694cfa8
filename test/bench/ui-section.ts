// The UI part of `npm run bench`: runs the UI benchmark (test/e2e/perf/run-ui-bench.ts: the built renderer in
// Debian's Chromium on the E2E bridge, 10,000 files progressing for 10 s, once with the queue still and once
// scrolling) as a child process, which also writes docs/ui-benchmarks.md, and reads its figures back.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../harness/python';

export interface UiRun {
  label: string;
  longTasks: number;
  longestTaskMs: number;
  batchesPerSecond: number;
  maxBatchesInASecond: number;
  heapMB: number;
}

export type UiSection = { runs: UiRun[] } | { skipped: string };

/** Issue 6, "UI at 10,000 files". */
export const UI_TARGETS = { longTasks: 0, batchesPerSecond: 10, heapMB: 300 };

export async function runUiSection(jsonPath: string, files: number): Promise<UiSection> {
  const args = [
    join(repoRoot, 'scripts', 'run-ts.mjs'),
    join(repoRoot, 'test', 'e2e', 'perf', 'run-ui-bench.ts'),
    '--json',
    jsonPath,
    '--files',
    String(files),
  ];
  const child = spawn('node', args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const relay = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    tail = (tail + text).slice(-2000);
    process.stdout.write(text.replace(/^(?=.)/gm, '  '));
  };
  child.stdout.on('data', relay);
  child.stderr.on('data', relay);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) return { skipped: `the UI benchmark exited ${code}: ${tail.trim().split('\n').slice(-3).join(' ')}` };
  const parsed = JSON.parse(await readFile(jsonPath, 'utf8')) as { runs: UiRun[] };
  return { runs: parsed.runs };
}

/** The UI row of the targets table: the worst of the runs for each figure. */
export function uiTargetRow(ui: UiSection | undefined): string {
  const target = `${UI_TARGETS.longTasks} long tasks, ≤${UI_TARGETS.batchesPerSecond} IPC batches/s, heap ≤${UI_TARGETS.heapMB} MB`;
  if (!ui) return `| UI at 10,000 files | ${target} | not measured in this run (\`--only ui\`) | – |`;
  if ('skipped' in ui)
    return `| UI at 10,000 files | ${target} | not measured: ${ui.skipped.replace(/\|/g, '/')} | – |`;
  const each = ui.runs.map(
    (r) =>
      `${r.label}: ${r.longTasks} long tasks${r.longTasks ? ` (longest ${r.longestTaskMs} ms)` : ''}, ${r.batchesPerSecond} batches/s (most in one second ${r.maxBatchesInASecond}), heap ${r.heapMB} MB`,
  );
  const met = ui.runs.every(
    (r) =>
      r.longTasks <= UI_TARGETS.longTasks &&
      r.maxBatchesInASecond <= UI_TARGETS.batchesPerSecond &&
      r.heapMB <= UI_TARGETS.heapMB,
  );
  return `| UI at 10,000 files (docs/ui-benchmarks.md) | ${target} | ${each.join('; ')} | ${met ? 'yes' : '**no**'} |`;
}
