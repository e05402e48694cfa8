// The UI benchmark, runnable: `node scripts/run-ts.mjs test/e2e/perf/run-ui-bench.ts [flags]`.
// Starts moto, builds the app when out/ is older than src/, runs uiBench() (ui-bench.ts) in Debian's Chromium, prints
// the figures against issue 6's targets and writes them, with the machine's description, to docs/ui-benchmarks.md.
// Flags: --files N (default 10000), --seconds S (default 10), --throttle-kib N (the proxy's limit, default 128),
// --mode both|still|scroll (default both: one run with the queue still, one scrolling it during the window),
// --no-write (don't touch docs/ui-benchmarks.md),
// --cpu-profile FILE (a .cpuprofile of the page), --trace FILE (a Chromium trace), both of one phase, which
// --profile-phase drop|window|cancel picks (default window); both open in DevTools' Performance panel.
// --renderer-dir DIR measures another build of the renderer (say, an older commit's out/renderer) on today's bridge.
// --json FILE also writes the figures there (`npm run bench` reads them for its table of targets).
// Not part of npm test.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EVENT } from '../../../src/shared/ipc-channels';
import { cleanupTempDirs } from '../../harness/fixtures';
import { startMoto, type MotoServer } from '../../harness/moto';
import { REPO_ROOT } from '../bridge/server';
import { launchChromium } from '../support/browser';
import { uiBench, type Phase, type UiBenchResult } from './ui-bench';
import { appBuildIsCurrent, buildApp } from '../../../scripts/app-build.mjs';
import { UI_TARGETS } from '../../bench/ui-section';

const { values: flags } = parseArgs({
  options: {
    files: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '10' },
    'throttle-kib': { type: 'string', default: '128' },
    mode: { type: 'string', default: 'both' },
    'no-write': { type: 'boolean', default: false },
    'cpu-profile': { type: 'string' },
    trace: { type: 'string' },
    'profile-phase': { type: 'string', default: 'window' },
    'renderer-dir': { type: 'string' },
    json: { type: 'string' },
  },
});

/** As scripts/run-e2e.mjs: electron-vite build when out/ is missing or older than src/. */
function buildIfNeeded(): void {
  if (appBuildIsCurrent(REPO_ROOT)) {
    console.log('out/ is up to date with src/');
    return;
  }
  console.log('Building the app (npx electron-vite build)…');
  const status = buildApp(REPO_ROOT);
  if (status !== 0) throw new Error(`the build failed (exit ${status})`);
}

function machine(chromium: string): Record<string, string> {
  const cpu = cpus();
  let os = `Linux ${release()}`;
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) os = `${pretty}, kernel ${release()}`;
  } catch {
    // not Linux, or no os-release
  }
  return {
    CPU: cpu[0]?.model.trim() ?? 'unknown',
    Cores: String(cpu.length),
    RAM: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    OS: os,
    Chromium: chromium,
    Node: process.version,
  };
}

const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
const tasks = (n: number, longest: number) => (n > 0 ? `${n} (longest ${longest} ms)` : '0');

interface Run {
  label: string;
  result: UiBenchResult;
}

/** One line per figure: its name, each run's value, the target, and whether every run met it. */
function rows(runs: Run[]): string[][] {
  const line = (
    name: string,
    value: (r: UiBenchResult) => string,
    target = '—',
    ok?: (r: UiBenchResult) => boolean,
  ) => [name, ...runs.map((run) => value(run.result)), target, ok ? verdict(runs.every((run) => ok(run.result))) : ''];
  const files = runs[0]!.result.files.toLocaleString('en-US');
  return [
    line(
      'Main-thread long tasks > 50 ms, progress window',
      (r) => tasks(r.longTasks, r.longestTaskMs),
      `${UI_TARGETS.longTasks}`,
      (r) => r.longTasks <= UI_TARGETS.longTasks,
    ),
    line(
      'IPC batches per second, mean',
      (r) => String(r.batchesPerSecond),
      `≤${UI_TARGETS.batchesPerSecond}`,
      (r) => r.batchesPerSecond <= UI_TARGETS.batchesPerSecond,
    ),
    line(
      'IPC batches in any one second, most',
      (r) => String(r.maxBatchesInASecond),
      `≤${UI_TARGETS.batchesPerSecond}`,
      (r) => r.maxBatchesInASecond <= UI_TARGETS.batchesPerSecond,
    ),
    line(
      'Page JS heap, peak',
      (r) => `${r.heapMB} MB`,
      `≤${UI_TARGETS.heapMB} MB`,
      (r) => r.heapMB <= UI_TARGETS.heapMB,
    ),
    line('Largest batch in the window', (r) => `${(r.windowMaxBatchBytes / 1000).toFixed(1)} kB`),
    line('Files finished in the window', (r) => String(r.doneInWindow)),
    line('Drop → first row painted', (r) => `${r.firstPaintMs} ms`),
    line(`Drop → all ${files} rows listed`, (r) => `${r.allListedMs} ms`),
    line('Largest batch of the run (the drop or Cancel all)', (r) => `${(r.maxBatchBytes / 1e6).toFixed(2)} MB`),
    line('Long tasks from the drop to all listed', (r) => tasks(r.add.longTasks, r.add.longestTaskMs)),
    line('Cancel all → every row settled', (r) => `${r.cancel.ms} ms`),
    line('Long tasks during Cancel all', (r) => tasks(r.cancel.longTasks, r.cancel.longestTaskMs)),
  ];
}

function table(head: string[], body: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...body.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function plainTable(body: string[][]): string {
  const widths = body[0]!.map((_, i) => Math.max(...body.map((r) => r[i]!.replace(/\*/g, '').length)));
  return body.map((r) => r.map((c, i) => c.replace(/\*/g, '').padEnd(widths[i]!)).join('  ')).join('\n');
}

function markdown(runs: Run[], box: Record<string, string>, when: Date): string {
  const r = runs[0]!.result;
  const files = r.files.toLocaleString('en-US');
  return `# UI benchmark: the queue at ${files} files

Written by \`node scripts/run-ts.mjs test/e2e/perf/run-ui-bench.ts\` (test/e2e/perf/ui-bench.ts) on ${when.toISOString().slice(0, 10)}.
Issue 6's target for the UI at 10,000 files: 0 main-thread long tasks over 50 ms, at most 10 IPC batches a second, a
page heap of at most 300 MB.

## What runs

The built renderer (\`out/renderer\`, production CSP, production React) in headless Chromium, on the E2E bridge
(test/e2e/README.md): main's real services and the real upload engine behind a WebSocket, moto as S3.
${files} files of ${r.fileBytes.toLocaleString('en-US')} bytes (real files on disk) are dropped on the window at once
and upload through a proxy that lets ${Math.round(r.throttleBytesPerSecond / 1024)} KiB/s through, so that they keep
progressing. Once all are listed, the page is measured for ${Math.round(r.seconds)} s${
    runs.length > 1 ? `, in two runs: ${runs.map((run) => `"${run.label}"`).join(' and ')}` : ` ("${runs[0]!.label}")`
  }; "scrolling" turns the mouse wheel over the queue one notch (100 px) every 50 ms, about 24 rows a second. Then
"Cancel all" is pressed, and the server must hold no incomplete upload and exactly the objects the queue reports as
arrived (it did; the run fails otherwise).

- **Long tasks**: a \`PerformanceObserver\` for \`longtask\` entries, added as an init script before the app's own
  script; a deliberate 80 ms task before the drop checks that it reports them. Long tasks are wall time.
- **IPC batches**: the \`${EVENT.queueBatch}\` frames the page's WebSocket received, with the browser's receive time
  (CDP \`Network.webSocketFrameReceived\`); "in any one second" slides a one-second window over them.
- **Heap**: \`JSHeapUsedSize\` from CDP \`Performance.getMetrics\`, sampled every second; the peak is shown.
- The drop and Cancel all change every file at once; main sends those changes in batches of at most 1,000 items,
  one per 100 ms. They are measured as phases of their own, below the targets.

## Figures

${table(['figure', ...runs.map((run) => run.label), 'target', ''], rows(runs))}

${runs
  .map(
    ({ label, result: x }) =>
      `After Cancel all (${label}): ${x.done} done, ${x.cancelled} cancelled (${x.kept} of them had arrived just before and were kept); ` +
      `the server held exactly those ${x.done + x.kept} objects and no incomplete upload.`,
  )
  .join('\n')}

## Reading the figures

What was found when the benchmark was written (the CPU profiles and traces come from \`--cpu-profile\` and \`--trace\`):

- **The progress window.** A queue batch costs the renderer what it changed, not the queue's length: the store keeps
  the items in a Map copied once per batch (about 3 ms at 10,000 items) and keeps the header's paused/pausable
  counts from each batch's changes; rows are memoised on their position, so scrolling renders only the rows that come
  into view; progress bars animate a transform (on the compositor) instead of their width; every row has strict CSS
  containment. The build before these changes, measured the same way (\`--renderer-dir\`), had 64 long tasks in the
  still window and 50 while scrolling (longest 172 and 203 ms): the header recounted all 10,000 items in two store
  selectors several times per batch, every batch spread a 10,000-key object, and every scroll event re-rendered every
  visible row.
- **Long tasks while scrolling** varied from run to run (0 to 5 in 10 s) before the upload engine's CPU per file
  came down (docs/benchmarks.md); a run of the full \`npm run bench\` had none. Traced, each had taken 0.2–11 ms of CPU
  time and 50–75 ms of wall time: the renderer's thread, or its compositor thread
  that the main thread waits on to commit a frame, was waiting for one of the 2 cores, which moto, the bridge (main's
  services and the engine), Chromium's other processes and Playwright all use at once. An S3 server is not normally
  on the same machine.
- **The drop and Cancel all** used to bring one batch naming all ${files} files (2.5 MB of JSON), parsed and applied
  in one task of 100–150 ms. Main now caps a timed batch at 1,000 items (src/main/queue/batcher.ts), so the largest
  is ${(r.maxBatchBytes / 1e6).toFixed(2)} MB and the rows arrive over about a second. The drop's figures also include
  the test's own work in the page: building a DataTransfer of ${files} Files and Playwright's role queries.
- **Time to first row** is mostly main's: checking which keys already exist (through the throttled proxy), then
  reading the sizes of ${files} files, before the engine lists them.

## Machine

${table(['', ''], Object.entries(box))}

## Running it

\`\`\`sh
node scripts/run-ts.mjs test/e2e/perf/run-ui-bench.ts                  # both runs, writes this file
node scripts/run-ts.mjs test/e2e/perf/run-ui-bench.ts --mode scroll --no-write --trace /tmp/ui.json
\`\`\`

Flags: \`--files N\`, \`--seconds S\`, \`--throttle-kib N\`, \`--mode both|still|scroll\`, \`--no-write\`,
\`--cpu-profile FILE\` and \`--trace FILE\` (open in DevTools' Performance panel) with \`--profile-phase drop|window|cancel\`,
\`--renderer-dir DIR\` (another build of the renderer, to compare).
It needs Debian's Chromium and builds \`out/\` first when it is older than \`src/\`. Not part of \`npm test\`.
`;
}

async function main(): Promise<void> {
  const modes = flags.mode === 'both' ? ['still', 'scroll'] : [flags.mode];
  if (modes.some((m) => m !== 'still' && m !== 'scroll'))
    throw new Error(`--mode must be both, still or scroll, not ${flags.mode}`);
  buildIfNeeded();
  let moto: MotoServer | undefined;
  const browser = await launchChromium();
  try {
    console.log('Starting moto…');
    moto = await startMoto();
    const runs: Run[] = [];
    for (const mode of modes) {
      const label = mode === 'still' ? 'queue still' : 'scrolling';
      console.log(`Run "${label}":`);
      const result = await uiBench({
        s3Endpoint: moto.endpoint,
        browser,
        files: Number(flags.files),
        seconds: Number(flags.seconds),
        throttleBytesPerSecond: Number(flags['throttle-kib']) * 1024,
        scroll: mode === 'scroll',
        log: (line) => console.log(`  ${line}`),
        cpuProfile: flags['cpu-profile'],
        trace: flags.trace,
        profilePhase: flags['profile-phase'] as Phase,
        rendererDir: flags['renderer-dir'],
      });
      runs.push({ label, result });
      await cleanupTempDirs();
    }
    const box = machine(runs[0]!.result.chromium);
    console.log(`\nUI benchmark: ${runs[0]!.result.files} files, ${Number(flags.seconds)} s window\n`);
    console.log(plainTable([['figure', ...runs.map((r) => r.label), 'target', ''], ...rows(runs)]));
    console.log(
      `\n${Object.entries(box)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\n')}`,
    );
    if (flags.json)
      await writeFile(
        flags.json,
        JSON.stringify({ machine: box, runs: runs.map((r) => ({ label: r.label, ...r.result })) }, null, 2),
      );
    if (!flags['no-write']) {
      const file = join(REPO_ROOT, 'docs', 'ui-benchmarks.md');
      await writeFile(file, markdown(runs, box, new Date()));
      console.log(`\nWritten to ${file}`);
    }
  } finally {
    await browser.close();
    await moto?.stop();
    await cleanupTempDirs();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
