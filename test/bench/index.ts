// `npm run bench`: hoist against the AWS CLI, boto3, rclone and a bare curl PUT on the same local S3 server and the
// same files, in one run. Prints wall time, client CPU and peak RSS per tool with hoist's ratio to the best peer,
// then cancel latency, the speed limit's accuracy and the targets of issue 6, and writes docs/benchmarks.md.
//
// Flags (defaults keep a run under ~10 minutes on 2 cores):
//   --size-mib N        the big file, MiB (1024)
//   --small N           how many 64 KiB files (1000)
//   --sparse-gib N      the sparse file for the memory workload, GiB (10; 0 skips it)
//   --sparse-peers      also run the peers on the sparse file (adds ~5 minutes; rclone alone takes ~2.5)
//   --cancel-runs N     cancel runs for the cancel latencies, for the CLI and for the engine in process each (20)
//   --limit-mib N       speed limit to check, MiB/s (20; 0 skips it), over --limit-size-mib N MiB (200)
//   --repeat N          run every upload N times, interleaved, and report the medians (1)
//   --only LIST         comma-separated sections to run: big,small,sparse,cancel,limit,lib,ui (all)
//   --ui-files N        files in the UI benchmark (10000); ui runs test/e2e/perf/run-ui-bench.ts, which needs Chromium
//   --endpoint-url URL  use a running server instead of starting moto
//   --before FILE       the docs/benchmarks.json of an earlier run: adds a before → after table for hoist
//   --note TEXT         a note kept with this run's figures (say, which commit or patch it measured)
// Besides docs/benchmarks.md, every run writes its figures to docs/benchmarks.json (for a later --before).
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, totalmem, release } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startFaultProxy } from '../harness/fault-proxy';
import { makeFile, makeTempDir, cleanupTempDirs } from '../harness/fixtures';
import { startMoto, type MotoServer } from '../harness/moto';
import { motoPython, repoRoot } from '../harness/python';
import { createBucket, listObjects, uniqueBucket } from '../harness/s3-check';
import { cancelOnce, engineCancelOnce, percentile, trackBodyBytes, type CancelRun, type EngineCancelRun } from './cancel-latency';
import { probeLibStorage } from './lib-storage-probe';
import { startSinkS3 } from './sink-s3';
import { measureSpeedLimit, type SpeedLimitRun } from './speed-limit';
import { runUiSection, uiTargetRow, type UiSection } from './ui-section';
import { tools, type Tool } from './tools';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const { values: flags } = parseArgs({
  options: {
    'size-mib': { type: 'string', default: '1024' },
    small: { type: 'string', default: '1000' },
    'sparse-gib': { type: 'string', default: '10' },
    'sparse-peers': { type: 'boolean', default: false },
    'cancel-runs': { type: 'string', default: '20' },
    'limit-mib': { type: 'string', default: '20' },
    'limit-size-mib': { type: 'string', default: '200' },
    repeat: { type: 'string', default: '1' },
    only: { type: 'string', default: 'big,small,sparse,cancel,limit,lib,ui' },
    'ui-files': { type: 'string', default: '10000' },
    'endpoint-url': { type: 'string' },
    before: { type: 'string' },
    note: { type: 'string' },
  },
});

/** The cancel runs: a file of this size through a proxy throttled to this rate, Ctrl-C at a quarter of it. */
const CANCEL_FILE = 64 * MiB;
const CANCEL_THROTTLE = 16 * MiB;

interface Sample { code: number; wall: number; cpu: number; user: number; sys: number; rssMiB: number; stderr: string }
interface Row { workload: string; tool: Tool; samples: Sample[]; failures: string[] }

function has(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function measure(python: string, cmd: string[], env: NodeJS.ProcessEnv): Promise<Sample> {
  const out = join(repoRoot, '.cache', `measure-${process.pid}.json`);
  await mkdir(join(repoRoot, '.cache'), { recursive: true });
  // Not execFileSync: the sink server of the sparse workload lives in this process and must keep answering.
  await new Promise<void>((resolve, reject) => {
    const child = spawn(python, [join(repoRoot, 'test', 'bench', 'measure.py'), out, '--', ...cmd], { env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', () => resolve());
  });
  const result = JSON.parse(await readFile(out, 'utf8'));
  await rm(out, { force: true });
  return result;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const mb = (mib: number): number => (mib * MiB) / 1e6;

async function sparseFile(path: string, size: number): Promise<string> {
  const fh = await open(path, 'w');
  try {
    await fh.truncate(size);
  } finally {
    await fh.close();
  }
  return path;
}

async function main(): Promise<void> {
  const sizeMiB = Number(flags['size-mib']);
  const smallCount = Number(flags.small);
  const sparseGiB = Number(flags['sparse-gib']);
  const sparsePeers = flags['sparse-peers'];
  const cancelRuns = Number(flags['cancel-runs']);
  const limitMiB = Number(flags['limit-mib']);
  const limitSizeMiB = Number(flags['limit-size-mib']);
  const repeat = Math.max(1, Number(flags.repeat) || 1);
  const only = new Set(flags.only!.split(',').map((s) => s.trim()));
  const startedAt = Date.now();

  console.log('Building the hoist CLI…');
  execFileSync('node', [join(repoRoot, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
  let moto: MotoServer | undefined;
  const endpoint = flags['endpoint-url'] ?? (moto = await startMoto()).endpoint;
  const python = await motoPython();
  const env: NodeJS.ProcessEnv = {
    ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const available = { rclone: has('rclone'), curl: has('curl') };
  const list = tools(python, endpoint, available);
  const dir = await makeTempDir('hoist-bench-');

  const rows: Row[] = [];
  const runAll = async (workload: string, list: Tool[], build: (tool: Tool, bucket: string) => string[] | null, expectObjects: number, server: string, reset?: () => Promise<void>) => {
    const active = list.filter((t) => build(t, 'probe'));
    const mine = active.map((tool) => ({ workload, tool, samples: [] as Sample[], failures: [] as string[] }));
    rows.push(...mine);
    for (let round = 1; round <= repeat; round++) {
      for (const row of mine) {
        const bucket = uniqueBucket('bench');
        await createBucket(server, bucket);
        const cmd = build(row.tool, bucket)!;
        process.stdout.write(`  ${workload} · ${row.tool.name}${repeat > 1 ? ` (${round}/${repeat})` : ''} … `);
        const r = await measure(python, cmd, row.tool.env ? row.tool.env(env) : env);
        const objects = expectObjects < 0 ? -1 : (await listObjects(server, bucket)).length;
        const ok = r.code === 0 && (expectObjects < 0 || objects === expectObjects);
        row.samples.push(r);
        if (!ok) row.failures.push(`exit ${r.code}, ${objects}/${expectObjects} objects: ${r.stderr.trim().split('\n').slice(-2).join(' ')}`);
        console.log(`${r.wall.toFixed(2)} s wall, ${r.cpu.toFixed(2)} s CPU (${r.user.toFixed(2)} user + ${r.sys.toFixed(2)} sys), ${mb(r.rssMiB).toFixed(0)} MB${ok ? '' : '  FAILED ' + row.failures.at(-1)}`);
        await reset?.(); // moto keeps objects in memory
      }
    }
  };
  const resetMoto = moto ? () => moto!.reset() : undefined;

  if (only.has('big')) {
    console.log(`Making a ${sizeMiB} MiB file in ${dir}…`);
    const big = await makeFile(dir, 'big.bin', sizeMiB * MiB, 7);
    console.log('Uploading one big file…');
    await runAll(`1 × ${sizeMiB} MiB`, list, (t, b) => t.file(big, b, 'big.bin'), 1, endpoint, resetMoto);
  }
  if (only.has('small')) {
    console.log(`Making ${smallCount} files of 64 KiB…`);
    const smallDir = join(dir, 'small');
    await mkdir(smallDir);
    for (let i = 0; i < smallCount; i++) await makeFile(smallDir, `f${String(i).padStart(5, '0')}.bin`, 64 * 1024, 100 + i);
    console.log('Uploading the small files…');
    await runAll(`${smallCount} × 64 KiB`, list, (t, b) => t.folder(smallDir, b, 'small/'), smallCount, endpoint, resetMoto);
  }
  let sinkNote = '';
  if (only.has('sparse') && sparseGiB > 0) {
    const sparse = await sparseFile(join(dir, 'sparse.bin'), sparseGiB * GiB);
    const sink = await startSinkS3();
    const sinkTools = tools(python, sink.endpoint, { ...available, curl: false })
      .filter((t) => t.name === 'hoist' || (sparsePeers && t.peer));
    console.log(`Uploading a ${sparseGiB} GiB sparse file to a discarding sink (memory only)…`);
    await runAll(`1 × ${sparseGiB} GiB sparse (sink)`, sinkTools, (t, b) => t.file(sparse, b, 'sparse.bin'), -1, sink.endpoint);
    await sink.close();
    sinkNote = `The ${sparseGiB} GiB sparse file goes to a loopback sink (test/bench/sink-s3.ts) that reads and discards every body, not to moto: ` +
      `moto joins the parts of a multipart upload in memory on completion (the object plus a copy), which for ${sparseGiB} GiB would need ` +
      `about ${2 * sparseGiB} GiB of RAM on this ${(totalmem() / 2 ** 30).toFixed(0)} GiB machine. Its figures are for memory; wall and CPU there are the sink's pace.` +
      (sparsePeers ? '' : ' Only hoist runs on it by default; `--sparse-peers` adds the peers (about 5 more minutes).');
  }

  const cancels: CancelRun[] = [];
  const engineCancels: EngineCancelRun[] = [];
  if (only.has('cancel') && cancelRuns > 0) {
    const cancelFile = await makeFile(dir, 'cancel.bin', CANCEL_FILE, 11);
    const proxy = await startFaultProxy(endpoint);
    proxy.throttle(CANCEL_THROTTLE);
    const body = trackBodyBytes(proxy);
    console.log(`Ctrl-C at 25% of a ${CANCEL_FILE / MiB} MiB upload through a proxy throttled to ${CANCEL_THROTTLE / MiB} MiB/s, ${cancelRuns} runs…`);
    for (let i = 0; i < cancelRuns; i++) {
      proxy.throttle(CANCEL_THROTTLE); // each run lifts it at the cancel (see atCancel in cancel-latency.ts)
      const c = await cancelOnce(proxy, body, endpoint, cancelFile, CANCEL_FILE, env);
      cancels.push(c);
      console.log(`  CLI run ${i + 1}: last part byte +${c.lastByteMs.toFixed(1)} ms (${(c.bytesAfter / 1024).toFixed(0)} KiB after, ${(c.queuedAtCancel / 1024).toFixed(0)} KiB of them queued at the proxy before), cleanup verified +${c.verifiedMs.toFixed(0)} ms, exit +${c.exitMs.toFixed(0)} ms, code ${c.code}, left ${c.leftUploads} uploads/${c.leftObjects} objects`);
    }
    for (let i = 0; i < cancelRuns; i++) {
      proxy.throttle(CANCEL_THROTTLE);
      const c = await engineCancelOnce(proxy, body, endpoint, cancelFile, CANCEL_FILE);
      engineCancels.push(c);
      console.log(`  engine run ${i + 1}: connections reset +${c.resetMs.toFixed(1)} ms, last part byte +${c.lastByteMs.toFixed(1)} ms (${(c.bytesAfter / 1024).toFixed(0)} KiB after, ${(c.queuedAtCancel / 1024).toFixed(0)} KiB of them queued before), cleanup verified +${c.verifiedMs.toFixed(0)} ms${c.ok ? '' : '  NOT CLEAN'}`);
    }
    await proxy.close();
    await resetMoto?.();
  }

  let limit: SpeedLimitRun | undefined;
  if (only.has('limit') && limitMiB > 0) {
    const limitFile = await makeFile(dir, 'limited.bin', limitSizeMiB * MiB, 13);
    console.log(`Speed limit ${limitMiB} MiB/s over ${limitSizeMiB} MiB (engine option bytesPerSecond)…`);
    limit = await measureSpeedLimit(endpoint, limitFile, limitSizeMiB * MiB, limitMiB * MiB);
    console.log(`  at the proxy ${(limit.wireBytesPerSecond / MiB).toFixed(2)} MiB/s, end to end ${(limit.endToEndBytesPerSecond / MiB).toFixed(2)} MiB/s`);
    await resetMoto?.();
  }

  let libLine = '';
  if (only.has('lib')) {
    console.log('Probing @aws-sdk/lib-storage Upload.abort() through a throttled proxy…');
    const lib = await probeLibStorage(endpoint);
    libLine = `lib-storage Upload.abort(): done() rejected after ${lib.doneRejectedAfterMs.toFixed(0)} ms, yet ${(lib.bytesAfterAbort / 2 ** 20).toFixed(1)} MiB ` +
      `more reached the server over the next ${lib.lastByteAfterAbortMs.toFixed(0)} ms; multipart uploads on the server when done() rejected: ${lib.uploadsLeftAtReject}, 3 s later: ${lib.uploadsLeftAfter3s}; ` +
      `${lib.progressEvents} progress events in 1.5 s of upload.`;
    console.log(libLine);
  }

  let ui: UiSection | undefined;
  if (only.has('ui')) {
    console.log(`UI at ${flags['ui-files']} files (test/e2e/perf/run-ui-bench.ts, Chromium on the E2E bridge; it writes docs/ui-benchmarks.md)…`);
    ui = await runUiSection(join(dir, 'ui.json'), Number(flags['ui-files']));
    if ('skipped' in ui) console.log(`  ${ui.skipped}`);
  }

  const table = renderTable(rows);
  const cancelText = renderCancels(cancels, engineCancels);
  const limitText = limit ? renderLimit(limit) : '';
  const targets = renderTargets(rows, cancels, engineCancels, limit, { sizeMiB, smallCount, sparseGiB }, ui);
  console.log(`\n${table}\n\n${cancelText}\n\n${limitText}\n\n${targets}\n`);

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Linux ${release()}, Node ${process.version}, server: moto on loopback`;
  const versions = toolVersions(python, available);
  const minutes = ((Date.now() - startedAt) / 60_000).toFixed(1);
  const missing = [available.rclone ? '' : 'rclone (not installed: apt-get install rclone)', available.curl ? '' : 'curl'].filter(Boolean);
  const argv = process.argv.slice(2).join(' ');
  const command = `npm run bench${argv ? ` -- ${argv}` : ''}`;
  const results = summarize(rows, cancels, engineCancels, limit);
  const before = flags.before ? (JSON.parse(await readFile(flags.before, 'utf8')) as Results) : undefined;
  const comparison = before ? renderComparison(before, results) : '';
  if (comparison) console.log(`${comparison}\n`);
  await mkdir(join(repoRoot, 'docs'), { recursive: true });
  await writeFile(join(repoRoot, 'docs', 'benchmarks.json'), `${JSON.stringify({ date: new Date().toISOString(), command, ...(flags.note ? { note: flags.note } : {}), machine, ...results }, null, 2)}\n`);
  await writeFile(join(repoRoot, 'docs', 'benchmarks.md'), [
    '# Benchmarks',
    '',
    `Written by \`${command}\` on ${new Date().toISOString().slice(0, 10)} (${minutes} min).`,
    '',
    `Machine: ${machine}.${flags.note ? ` Measured: ${flags.note}.` : ''}`,
    `Tools: ${versions}.`,
    '',
    'Each tool uploads the same files to the same local server, one tool at a time, with its default settings (hoist: 8 MiB parts, 4 parts in flight; ' +
      'its folder upload runs 8 files at once). CPU is user + system seconds of the client process and its children; RSS is the peak of the largest ' +
      `client process, in MB (10^6 bytes). ${repeat > 1 ? `Every figure is the median of ${repeat} runs, interleaved.` : 'One run each: on a busy machine, wall times vary by tens of percent, CPU seconds less.'}`,
    '',
    ...(before ? ['## Before → after', '', `Before: \`${before.command}\` on ${before.date.slice(0, 10)}${before.note ? `, ${before.note}` : ''}. One run each, so differences of ~10% are noise.`, '', comparison, ''] : []),
    '## Uploads',
    '',
    table,
    '',
    ...(sinkNote ? [sinkNote, ''] : []),
    '## Cancel',
    '',
    cancelText,
    '',
    ...(libLine ? [libLine, ''] : []),
    '## Speed limit',
    '',
    limitText || 'Not measured in this run.',
    '',
    '## Targets (issue 6)',
    '',
    targets,
    '',
    ...(missing.length ? [`Not measured: ${missing.join(', ')}.`, ''] : []),
  ].join('\n'));
  console.log(`Wrote docs/benchmarks.md (${minutes} min)`);
  await cleanupTempDirs();
  await moto?.stop();
  const cancelOk = cancels.every((c) => c.code === 130 && c.cleanupVerified && c.leftUploads === 0 && c.leftObjects === 0) && engineCancels.every((c) => c.ok);
  if (!rows.every((r) => r.failures.length === 0) || !cancelOk || (limit && !limit.ok)) process.exitCode = 1;
}

interface Figures { wall: number; cpu: number; rss: number }

/** What docs/benchmarks.json holds: medians per workload and tool, and the cancel and speed-limit summaries. */
interface Results {
  date: string;
  command: string;
  /** Free text, e.g. which commit the run measured. */
  note?: string;
  uploads: { workload: string; tool: string; ok: boolean; wall: number; cpu: number; rssMB: number }[];
  cancel?: {
    cliLastByteP50: number; cliLastByteP95: number; cliVerifiedP50: number; cliVerifiedP95: number;
    engineLastByteP50?: number; engineLastByteP95?: number; engineVerifiedP50?: number; engineVerifiedP95?: number;
  };
  limit?: { setMiBps: number; wireMiBps: number };
}

function summarize(rows: Row[], cancels: CancelRun[], inProcess: EngineCancelRun[], limit: SpeedLimitRun | undefined): Omit<Results, 'date' | 'command'> {
  const p = (xs: number[], q: number) => +percentile(xs, q).toFixed(1);
  return {
    uploads: rows.map((r) => {
      const f = figures(r);
      return { workload: r.workload, tool: r.tool.name, ok: r.failures.length === 0, wall: +f.wall.toFixed(2), cpu: +f.cpu.toFixed(2), rssMB: +f.rss.toFixed(0) };
    }),
    ...(cancels.length ? {
      cancel: {
        cliLastByteP50: p(cancels.map((c) => c.lastByteMs), 50), cliLastByteP95: p(cancels.map((c) => c.lastByteMs), 95),
        cliVerifiedP50: p(cancels.map((c) => c.verifiedMs), 50), cliVerifiedP95: p(cancels.map((c) => c.verifiedMs), 95),
        ...(inProcess.length ? {
          engineLastByteP50: p(inProcess.map((c) => c.lastByteMs), 50), engineLastByteP95: p(inProcess.map((c) => c.lastByteMs), 95),
          engineVerifiedP50: p(inProcess.map((c) => c.verifiedMs), 50), engineVerifiedP95: p(inProcess.map((c) => c.verifiedMs), 95),
        } : {}),
      },
    } : {}),
    ...(limit ? { limit: { setMiBps: limit.setBytesPerSecond / MiB, wireMiBps: +(limit.wireBytesPerSecond / MiB).toFixed(2) } } : {}),
  };
}

/** hoist's own figures: an earlier run against this one. */
function renderComparison(before: Results, after: Omit<Results, 'date' | 'command'>): string {
  const lines = ['| figure | before | after | after ÷ before |', '|---|---:|---:|---:|'];
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '');
  for (const a of after.uploads.filter((u) => u.tool.startsWith('hoist'))) {
    const b = before.uploads.find((u) => u.workload === a.workload && u.tool === a.tool);
    if (!b) continue;
    lines.push(`| ${a.workload} · ${a.tool}: CPU s | ${b.cpu.toFixed(2)} | ${a.cpu.toFixed(2)} | ${ratio(a.cpu, b.cpu)} |`);
    lines.push(`| ${a.workload} · ${a.tool}: peak RSS MB | ${b.rssMB} | ${a.rssMB} | ${ratio(a.rssMB, b.rssMB)} |`);
    lines.push(`| ${a.workload} · ${a.tool}: wall s | ${b.wall.toFixed(2)} | ${a.wall.toFixed(2)} | ${ratio(a.wall, b.wall)} |`);
  }
  const bc = before.cancel;
  const ac = after.cancel;
  if (bc && ac) {
    lines.push(`| CLI Ctrl-C → no more part bytes at the proxy, p50 / p95 ms | ${bc.cliLastByteP50} / ${bc.cliLastByteP95} | ${ac.cliLastByteP50} / ${ac.cliLastByteP95} | |`);
    lines.push(`| CLI Ctrl-C → cleanup verified, p50 / p95 ms | ${bc.cliVerifiedP50} / ${bc.cliVerifiedP95} | ${ac.cliVerifiedP50} / ${ac.cliVerifiedP95} | |`);
    if (ac.engineLastByteP95 !== undefined && bc.engineLastByteP95 !== undefined) {
      lines.push(`| engine.cancel() → no more part bytes at the proxy, p50 / p95 ms | ${bc.engineLastByteP50} / ${bc.engineLastByteP95} | ${ac.engineLastByteP50} / ${ac.engineLastByteP95} | |`);
      lines.push(`| engine.cancel() → cleanup verified, p50 / p95 ms | ${bc.engineVerifiedP50} / ${bc.engineVerifiedP95} | ${ac.engineVerifiedP50} / ${ac.engineVerifiedP95} | |`);
    }
  }
  if (before.limit && after.limit) lines.push(`| speed limit ${after.limit.setMiBps} MiB/s, measured at the proxy | ${before.limit.wireMiBps} MiB/s | ${after.limit.wireMiBps} MiB/s | |`);
  return lines.join('\n');
}
function figures(r: Row): Figures {
  return { wall: median(r.samples.map((s) => s.wall)), cpu: median(r.samples.map((s) => s.cpu)), rss: mb(median(r.samples.map((s) => s.rssMiB))) };
}

/** The best peer per figure (lowest), among the peers that succeeded. */
function bestPeers(rows: Row[], workload: string): { cpu?: [string, number]; rss?: [string, number]; wall?: [string, number] } {
  const peers = rows.filter((r) => r.workload === workload && r.tool.peer && r.failures.length === 0);
  const best = (pick: (f: Figures) => number): [string, number] | undefined => {
    let out: [string, number] | undefined;
    for (const p of peers) {
      const v = pick(figures(p));
      if (!out || v < out[1]) out = [p.tool.name, v];
    }
    return out;
  };
  return { cpu: best((f) => f.cpu), rss: best((f) => f.rss), wall: best((f) => f.wall) };
}

function renderTable(rows: Row[]): string {
  const lines = ['| workload | tool | wall s | CPU s | peak RSS MB |', '|---|---|---:|---:|---:|'];
  const workloads = [...new Set(rows.map((r) => r.workload))];
  for (const w of workloads) {
    for (const r of rows.filter((x) => x.workload === w)) {
      const f = figures(r);
      lines.push(`| ${w} | ${r.tool.name}${r.failures.length ? ` (FAILED: ${r.failures[0]!.replace(/\|/g, '/')})` : ''} | ${f.wall.toFixed(2)} | ${f.cpu.toFixed(2)} | ${f.rss.toFixed(0)} |`);
    }
    const hoist = rows.find((r) => r.workload === w && r.tool.name === 'hoist');
    const best = bestPeers(rows, w);
    if (hoist && best.cpu) {
      const h = figures(hoist);
      const ratio = (mine: number, peer?: [string, number]) => (peer ? `${(mine / peer[1]).toFixed(2)} (${peer[0]})` : '');
      lines.push(`| ${w} | **hoist ÷ best peer** | ${ratio(h.wall, best.wall)} | ${ratio(h.cpu, best.cpu)} | ${ratio(h.rss, best.rss)} |`);
    }
  }
  return lines.join('\n');
}

function renderCancels(cancels: CancelRun[], inProcess: EngineCancelRun[]): string {
  if (!cancels.length && !inProcess.length) return 'Not measured in this run.';
  const row = (label: string, xs: number[], digits = 0) =>
    `| ${label} | ${percentile(xs, 50).toFixed(digits)} | ${percentile(xs, 95).toFixed(digits)} | ${Math.max(...xs).toFixed(digits)} |`;
  const kib = (xs: number[]) => `median ${(median(xs) / 1024).toFixed(0)} KiB, max ${(Math.max(...xs) / 1024).toFixed(0)} KiB`;
  const queued = (runs: { queuedAtCancel: number }[]) => ` (of which already in the proxy's receive queue at the cancel: ${kib(runs.map((c) => c.queuedAtCancel))})`;
  const cliOk = cancels.every((c) => c.code === 130 && c.cleanupVerified && c.leftUploads === 0 && c.leftObjects === 0);
  const engineOk = inProcess.every((c) => c.ok);
  const lines = [
    `A ${CANCEL_FILE / MiB} MiB upload through the fault proxy in front of moto, throttled to ${CANCEL_THROTTLE / MiB} MiB/s so that four parts are ` +
      'streaming with full socket buffers, is cancelled at 25%: by Ctrl-C (SIGINT) to the hoist CLI, and by `engine.cancel()` in this process ' +
      `(as the desktop app's main process calls it). ${Math.max(cancels.length, inProcess.length)} runs each.`,
    '',
    '| from the cancel until | p50 ms | p95 ms | max ms |',
    '|---|---:|---:|---:|',
  ];
  if (cancels.length) {
    lines.push(row('CLI: no more part bytes reach the proxy', cancels.map((c) => c.lastByteMs), 1));
    lines.push(row('CLI: the CLI reports the cleanup verified', cancels.map((c) => c.verifiedMs)));
    lines.push(row('CLI: the process has exited', cancels.map((c) => c.exitMs)));
  }
  if (inProcess.length) {
    lines.push(row('engine: its connections are reset', inProcess.map((c) => c.resetMs), 1));
    lines.push(row('engine: no more part bytes reach the proxy', inProcess.map((c) => c.lastByteMs), 1));
    lines.push(row('engine: cancel() resolves, cleanup verified', inProcess.map((c) => c.verifiedMs)));
  }
  lines.push('');
  if (cancels.length) lines.push(`Part bytes the proxy read after the signal (CLI): ${kib(cancels.map((c) => c.bytesAfter))}${queued(cancels)}. `);
  if (inProcess.length) lines.push(`After engine.cancel(): ${kib(inProcess.map((c) => c.bytesAfter))}${queued(inProcess)}. `);
  lines.push(cliOk && engineOk
    ? 'Every run ended cancelled with the cleanup verified and nothing left on the server (checked with boto3); every CLI run exited 130.'
    : `SOME RUNS LEFT SOMETHING OR EXITED WRONG: ${JSON.stringify([...cancels.filter((c) => !(c.code === 130 && c.cleanupVerified && !c.leftUploads && !c.leftObjects)), ...inProcess.filter((c) => !c.ok)])}`);
  lines.push('',
    'How it is measured: while the proxy reads at the throttled rate, its kernel receive queue holds bytes that arrived before the cancel. ' +
    'At the cancel the bench reads that queue\'s size (/proc/net/tcp) and lifts the throttle, so the proxy drains it within milliseconds; ' +
    'a byte read after that left the client after the cancel. The hoist side cuts its connections with a TCP reset, which discards what its ' +
    'own socket buffers still held.');
  return lines.join('\n');
}

function renderLimit(l: SpeedLimitRun): string {
  const set = l.setBytesPerSecond / MiB;
  const wire = l.wireBytesPerSecond / MiB;
  const e2e = l.endToEndBytesPerSecond / MiB;
  return `Engine option \`bytesPerSecond\` = ${set} MiB/s (the desktop app's setting; the CLI has no flag for it yet), one file: ` +
    `body bytes reached the proxy at ${wire.toFixed(2)} MiB/s (${signed((wire / set - 1) * 100)}% off the set rate); ` +
    `end to end, CreateMultipartUpload to CompleteMultipartUpload, ${e2e.toFixed(2)} MiB/s (${signed((e2e / set - 1) * 100)}%).${l.ok ? '' : ' THE UPLOAD FAILED.'}`;
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;
}

function renderTargets(rows: Row[], cancels: CancelRun[], inProcess: EngineCancelRun[], limit: SpeedLimitRun | undefined, o: { sizeMiB: number; smallCount: number; sparseGiB: number }, ui: UiSection | undefined): string {
  const lines = ['| figure | target | hoist | met |', '|---|---|---|:-:|'];
  const row = (w: string, tool: string) => rows.find((r) => r.workload === w && r.tool.name === tool && r.failures.length === 0);
  const mark = (ok: boolean | undefined) => (ok === undefined ? '–' : ok ? 'yes' : '**no**');
  const bigW = `1 × ${o.sizeMiB} MiB`;
  const hoist = row(bigW, 'hoist');
  const curl = row(bigW, 'curl single PUT (floor)');
  const best = bestPeers(rows, bigW);
  if (hoist) {
    const perGiB = (r: Row) => figures(r).cpu / (o.sizeMiB / 1024);
    const h = perGiB(hoist);
    if (best.cpu) {
      const ratio = figures(hoist).cpu / best.cpu[1];
      lines.push(`| client CPU per GiB vs best peer | ≤0.5× | ${h.toFixed(2)} s/GiB = ${ratio.toFixed(2)}× ${best.cpu[0]} (${(best.cpu[1] / (o.sizeMiB / 1024)).toFixed(2)} s/GiB) | ${mark(ratio <= 0.5)} |`);
    }
    if (curl) {
      const ratio = figures(hoist).cpu / figures(curl).cpu;
      lines.push(`| client CPU per GiB vs curl's single PUT | ≤2× | ${ratio.toFixed(2)}× (curl ${perGiB(curl).toFixed(2)} s/GiB) | ${mark(ratio <= 2)} |`);
    }
    const crc = row(bigW, 'hoist --checksum crc32');
    if (crc && best.cpu) lines.push(`| same, hoist with CRC32 checksums (as the peers send) | ≤0.5× best peer | ${(figures(crc).cpu / (o.sizeMiB / 1024)).toFixed(2)} s/GiB = ${(figures(crc).cpu / best.cpu[1]).toFixed(2)}× ${best.cpu[0]} | ${mark(figures(crc).cpu / best.cpu[1] <= 0.5)} |`);
    lines.push(`| peak RSS, ${o.sizeMiB} MiB | ≤200 MB | ${figures(hoist).rss.toFixed(0)} MB | ${mark(figures(hoist).rss <= 200)} |`);
  }
  const sparse = row(`1 × ${o.sparseGiB} GiB sparse (sink)`, 'hoist');
  if (sparse) lines.push(`| peak RSS, ${o.sparseGiB} GiB | ≤200 MB | ${figures(sparse).rss.toFixed(0)} MB | ${mark(figures(sparse).rss <= 200)} |`);
  const smallW = `${o.smallCount} × 64 KiB`;
  const small = row(smallW, 'hoist');
  const smallBest = bestPeers(rows, smallW);
  if (small && smallBest.wall) {
    const mine = o.smallCount / figures(small).wall;
    const theirs = o.smallCount / smallBest.wall[1];
    lines.push(`| ${o.smallCount} small files, files/s | ≥ best peer | ${mine.toFixed(0)} files/s vs ${smallBest.wall[0]} ${theirs.toFixed(0)} files/s | ${mark(mine >= theirs)} |`);
  }
  if (cancels.length) {
    const a = percentile(cancels.map((c) => c.lastByteMs), 95);
    const b = percentile(cancels.map((c) => c.verifiedMs), 95);
    lines.push(`| cancel until no more bytes, p95 (CLI, Ctrl-C) | ≤100 ms | ${a.toFixed(1)} ms | ${mark(a <= 100)} |`);
    lines.push(`| cancel until cleanup verified, p95 (CLI, Ctrl-C) | ≤1 s | ${b.toFixed(0)} ms | ${mark(b <= 1000)} |`);
  }
  if (inProcess.length) {
    const a = percentile(inProcess.map((c) => c.lastByteMs), 95);
    const b = percentile(inProcess.map((c) => c.verifiedMs), 95);
    lines.push(`| cancel until no more bytes, p95 (engine.cancel()) | ≤100 ms | ${a.toFixed(1)} ms (connections reset after ${percentile(inProcess.map((c) => c.resetMs), 95).toFixed(1)} ms) | ${mark(a <= 100)} |`);
    lines.push(`| cancel until cleanup verified, p95 (engine.cancel()) | ≤1 s | ${b.toFixed(0)} ms | ${mark(b <= 1000)} |`);
  }
  if (limit) {
    const off = Math.abs(limit.wireBytesPerSecond / limit.setBytesPerSecond - 1) * 100;
    lines.push(`| speed limit | within 10% of the set rate | ${off.toFixed(1)}% off | ${mark(off <= 10)} |`);
  }
  lines.push(uiTargetRow(ui));
  return lines.join('\n');
}

function toolVersions(python: string, available: { rclone: boolean; curl: boolean }): string {
  const get = (cmd: string, args: string[], pick: (s: string) => string): string => {
    try {
      return pick(execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
    } catch {
      return '?';
    }
  };
  const parts = [
    `aws-cli ${get(python, ['-c', 'import awscli, botocore, boto3; print(awscli.__version__, botocore.__version__, boto3.__version__)'], (s) => {
      const [a, bc, b3] = s.trim().split(' ');
      return `${a} (botocore ${bc}), boto3 ${b3}`;
    })}`,
    available.rclone ? `rclone ${get('rclone', ['version'], (s) => s.split('\n')[0]!.replace(/^rclone\s+/, ''))}` : '',
    available.curl ? `curl ${get('curl', ['--version'], (s) => s.split(' ')[1] ?? '?')}` : '',
    `moto ${get(python, ['-c', 'import moto; print(moto.__version__)'], (s) => s.trim())}`,
  ];
  return parts.filter(Boolean).join(', ');
}

main().catch((err) => {
  console.error(`bench: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  process.exit(1);
});
