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
//   --only LIST         comma-separated sections to run: big,small,keepalive,sparse,cancel,limit,lib,ui (all)
//   --ui-files N        files in the UI benchmark (10000); ui runs test/e2e/perf/run-ui-bench.ts, which needs Chromium
//   --endpoint-url URL  use a running server instead of starting moto
//   --before FILE       the docs/benchmarks.json of an earlier run: adds a before → after table for hoist
//   --note TEXT         a note kept with this run's figures (say, which commit or patch it measured)
// Besides docs/benchmarks.md, every run writes its figures to docs/benchmarks.json (for a later --before).
import { execFileSync } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { cpus, totalmem, release } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startFaultProxy } from '../harness/fault-proxy';
import { makeFile, makeTempDir, cleanupTempDirs } from '../harness/fixtures';
import { startMoto, type MotoServer } from '../harness/moto';
import { motoPython, repoRoot } from '../harness/python';
import { createBucket, listObjects, uniqueBucket } from '../harness/s3-check';
import { cancelOnce, engineCancelOnce, trackBodyBytes, type CancelRun, type EngineCancelRun } from './cancel-latency';
import { probeLibStorage } from './lib-storage-probe';
import { renderFloors } from './floors';
import { curlPerGiB, measureIoFloor, renderIoFloor, type IoFloor } from './io-floor';
import { startSinkS3 } from './sink-s3';
import { measureSpeedLimit, type SpeedLimitRun } from './speed-limit';
import { runUiSection, type UiSection } from './ui-section';
import { tools, type Tool } from './tools';
import { has, measure, sparseFile } from './run-steps';
import { mb, workloadNames } from './figures';
import {
  CANCEL_FILE,
  CANCEL_THROTTLE,
  renderCancels,
  renderComparison,
  renderLimit,
  renderTable,
  renderTargets,
  summarize,
  type Results,
  type Row,
  type Sample,
} from './report';
import { toolVersions, writeBenchDocs } from './write-docs';

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
    only: { type: 'string', default: 'big,small,keepalive,sparse,cancel,limit,lib,ui' },
    'ui-files': { type: 'string', default: '10000' },
    'endpoint-url': { type: 'string' },
    before: { type: 'string' },
    note: { type: 'string' },
  },
});

async function makeSmallFiles(smallDir: string, count: number): Promise<void> {
  console.log(`Making ${count} files of 64 KiB…`);
  await mkdir(smallDir);
  for (let i = 0; i < count; i++) await makeFile(smallDir, `f${String(i).padStart(5, '0')}.bin`, 64 * 1024, 100 + i);
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
  const w = workloadNames({ sizeMiB, smallCount, sparseGiB });

  console.log('Building the hoist CLI…');
  execFileSync('node', [join(repoRoot, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
  let moto: MotoServer | undefined;
  const endpoint = flags['endpoint-url'] ?? (moto = await startMoto()).endpoint;
  const python = await motoPython();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const available = { rclone: has('rclone'), curl: has('curl') };
  // A peer left out changes which one is "best": say so where the run starts, not only by its missing rows.
  for (const [name, found] of Object.entries(available)) {
    if (!found)
      console.warn(
        `bench: ${name} is not installed, so it is left out of every table (Debian: apt-get install ${name}).`,
      );
  }
  const list = tools(python, endpoint, available);
  const dir = await makeTempDir('hoist-bench-');

  const rows: Row[] = [];
  let io: IoFloor | undefined;
  type Count = (bucket: string) => Promise<number> | number;
  const runAll = async (
    workload: string,
    list: Tool[],
    build: (tool: Tool, bucket: string) => string[] | null,
    expectObjects: number,
    server: string,
    reset?: () => Promise<void>,
    count: Count = async (b) => (await listObjects(server, b)).length,
  ) => {
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
        const want = row.tool.uploads === false ? 0 : expectObjects;
        const objects = want < 0 ? -1 : await count(bucket);
        const ok = r.code === 0 && (want < 0 || objects === want);
        row.samples.push(r);
        if (!ok)
          row.failures.push(
            `exit ${r.code}, ${objects}/${want} objects: ${r.stderr.trim().split('\n').slice(-2).join(' ')}`,
          );
        console.log(
          `${r.wall.toFixed(2)} s wall, ${r.cpu.toFixed(2)} s CPU (${r.user.toFixed(2)} user + ${r.sys.toFixed(2)} sys), ${mb(r.rssMiB).toFixed(0)} MB${ok ? '' : '  FAILED ' + row.failures.at(-1)}`,
        );
        await reset?.(); // moto keeps objects in memory
      }
    }
  };
  const resetMoto = moto ? () => moto!.reset() : undefined;

  if (only.has('big')) {
    console.log(`Making a ${sizeMiB} MiB file in ${dir}…`);
    const big = await makeFile(dir, 'big.bin', sizeMiB * MiB, 7);
    console.log('Uploading one big file…');
    await runAll(w.big, list, (t, b) => t.file(big, b, 'big.bin'), 1, endpoint, resetMoto);
    console.log("What Node's file reads and socket writes alone cost (test/bench/io-floor.mjs)…");
    io = measureIoFloor(big, Math.max(3, repeat));
  }
  if (only.has('small')) {
    const smallDir = join(dir, 'small');
    await makeSmallFiles(smallDir, smallCount);
    console.log('Uploading the small files…');
    await runAll(w.small, list, (t, b) => t.folder(smallDir, b, 'small/'), smallCount, endpoint, resetMoto);
  }
  // Both sink workloads share one loopback sink; it stores only each object's size, which is what their checks count.
  const sinkNotes: string[] = [];
  const wantsSparse = only.has('sparse') && sparseGiB > 0;
  const sink = only.has('keepalive') || wantsSparse ? await startSinkS3() : undefined;
  const sinkTools = sink ? tools(python, sink.endpoint, { ...available, curl: false }) : [];
  if (sink && only.has('keepalive')) {
    const smallDir = join(dir, 'small');
    if (!only.has('small')) await makeSmallFiles(smallDir, smallCount);
    console.log('Uploading the small files to a discarding sink that keeps connections open…');
    await runAll(
      w.keepAlive,
      sinkTools,
      (t, b) => t.folder(smallDir, b, 'small/'),
      smallCount,
      sink.endpoint,
      undefined,
      (b) => sink.objects(b),
    );
    sinkNotes.push(
      `The keep-alive workload sends the same ${smallCount} small files to a loopback sink (test/bench/sink-s3.ts) that keeps ` +
        'connections open, as S3 does: moto closes every connection after its response, so there each file also pays for a new TCP ' +
        "connection. The sink checks no signatures and stores only each object's size, so its figures are the clients' cost per request.",
    );
  }
  if (sink && wantsSparse) {
    const sparse = await sparseFile(join(dir, 'sparse.bin'), sparseGiB * GiB);
    console.log(`Uploading a ${sparseGiB} GiB sparse file to a discarding sink (memory only)…`);
    const sparseTools = sinkTools.filter((t) => t.name === 'hoist' || (sparsePeers && t.peer));
    await runAll(
      w.sparse,
      sparseTools,
      (t, b) => t.file(sparse, b, 'sparse.bin'),
      1,
      sink.endpoint,
      undefined,
      (b) => sink.objects(b),
    );
    sinkNotes.push(
      `The ${sparseGiB} GiB sparse file goes to a loopback sink (test/bench/sink-s3.ts) that reads and discards every body, not to moto: ` +
        `moto joins the parts of a multipart upload in memory on completion (the object plus a copy), which for ${sparseGiB} GiB would need ` +
        `about ${2 * sparseGiB} GiB of RAM on this ${(totalmem() / 2 ** 30).toFixed(0)} GiB machine. Its figures are for memory; wall and CPU there are the sink's pace.` +
        (sparsePeers
          ? ''
          : ' Only hoist runs on it by default; `--sparse-peers` adds the peers (about 5 more minutes).'),
    );
  }
  await sink?.close();

  const cancels: CancelRun[] = [];
  const engineCancels: EngineCancelRun[] = [];
  if (only.has('cancel') && cancelRuns > 0) {
    const cancelFile = await makeFile(dir, 'cancel.bin', CANCEL_FILE, 11);
    const proxy = await startFaultProxy(endpoint);
    proxy.throttle(CANCEL_THROTTLE);
    const body = trackBodyBytes(proxy);
    console.log(
      `Ctrl-C at 25% of a ${CANCEL_FILE / MiB} MiB upload through a proxy throttled to ${CANCEL_THROTTLE / MiB} MiB/s, ${cancelRuns} runs…`,
    );
    for (let i = 0; i < cancelRuns; i++) {
      proxy.throttle(CANCEL_THROTTLE); // each run lifts it at the cancel (see atCancel in cancel-latency.ts)
      const c = await cancelOnce(proxy, body, endpoint, cancelFile, CANCEL_FILE, env);
      cancels.push(c);
      console.log(
        `  CLI run ${i + 1}: last part byte +${c.lastByteMs.toFixed(1)} ms (${(c.bytesAfter / 1024).toFixed(0)} KiB after, ${(c.queuedAtCancel / 1024).toFixed(0)} KiB of them queued at the proxy before), cleanup verified +${c.verifiedMs.toFixed(0)} ms, exit +${c.exitMs.toFixed(0)} ms, code ${c.code}, left ${c.leftUploads} uploads/${c.leftObjects} objects`,
      );
    }
    for (let i = 0; i < cancelRuns; i++) {
      proxy.throttle(CANCEL_THROTTLE);
      const c = await engineCancelOnce(proxy, body, endpoint, cancelFile, CANCEL_FILE);
      engineCancels.push(c);
      console.log(
        `  engine run ${i + 1}: connections reset +${c.resetMs.toFixed(1)} ms, last part byte +${c.lastByteMs.toFixed(1)} ms (${(c.bytesAfter / 1024).toFixed(0)} KiB after, ${(c.queuedAtCancel / 1024).toFixed(0)} KiB of them queued before), cleanup verified +${c.verifiedMs.toFixed(0)} ms${c.ok ? '' : '  NOT CLEAN'}`,
      );
    }
    await proxy.close();
    await resetMoto?.();
  }

  let limit: SpeedLimitRun | undefined;
  if (only.has('limit') && limitMiB > 0) {
    const limitFile = await makeFile(dir, 'limited.bin', limitSizeMiB * MiB, 13);
    console.log(`Speed limit ${limitMiB} MiB/s over ${limitSizeMiB} MiB (engine option bytesPerSecond)…`);
    limit = await measureSpeedLimit(endpoint, limitFile, limitSizeMiB * MiB, limitMiB * MiB);
    console.log(
      `  at the proxy ${(limit.wireBytesPerSecond / MiB).toFixed(2)} MiB/s, end to end ${(limit.endToEndBytesPerSecond / MiB).toFixed(2)} MiB/s`,
    );
    await resetMoto?.();
  }

  let libLine = '';
  if (only.has('lib')) {
    console.log('Probing @aws-sdk/lib-storage Upload.abort() through a throttled proxy…');
    const lib = await probeLibStorage(endpoint);
    libLine =
      `lib-storage Upload.abort(): done() rejected after ${lib.doneRejectedAfterMs.toFixed(0)} ms, yet ${(lib.bytesAfterAbort / 2 ** 20).toFixed(1)} MiB ` +
      `more reached the server over the next ${lib.lastByteAfterAbortMs.toFixed(0)} ms; multipart uploads on the server when done() rejected: ${lib.uploadsLeftAtReject}, 3 s later: ${lib.uploadsLeftAfter3s}; ` +
      `${lib.progressEvents} progress events in 1.5 s of upload.`;
    console.log(libLine);
  }

  let ui: UiSection | undefined;
  if (only.has('ui')) {
    console.log(
      `UI at ${flags['ui-files']} files (test/e2e/perf/run-ui-bench.ts, Chromium on the E2E bridge; it writes docs/ui-benchmarks.md)…`,
    );
    ui = await runUiSection(join(dir, 'ui.json'), Number(flags['ui-files']));
    if ('skipped' in ui) console.log(`  ${ui.skipped}`);
  }

  const table = renderTable(rows);
  const ioText = io ? renderIoFloor(io, curlPerGiB(rows, w.big, sizeMiB / 1024)) : undefined;
  const floors = renderFloors(rows, [w.big, w.small, w.keepAlive], ioText);
  const cancelText = renderCancels(cancels, engineCancels);
  const limitText = limit ? renderLimit(limit) : '';
  const targets = renderTargets(rows, cancels, engineCancels, limit, { w, sizeMiB, smallCount, sparseGiB, io }, ui);
  console.log(`\n${table}\n\n${floors}\n\n${cancelText}\n\n${limitText}\n\n${targets}\n`);

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Linux ${release()}, Node ${process.version}, server: moto on loopback`;
  const versions = toolVersions(python, available);
  const minutes = ((Date.now() - startedAt) / 60_000).toFixed(1);
  const missing = [
    available.rclone ? '' : 'rclone (not installed: apt-get install rclone)',
    available.curl ? '' : 'curl',
  ].filter(Boolean);
  const argv = process.argv.slice(2).join(' ');
  const command = `npm run bench${argv ? ` -- ${argv}` : ''}`;
  const results = summarize(rows, cancels, engineCancels, limit);
  const before = flags.before ? (JSON.parse(await readFile(flags.before, 'utf8')) as Results) : undefined;
  const comparison = before ? renderComparison(before, results) : '';
  if (comparison) console.log(`${comparison}\n`);
  await writeBenchDocs({
    command,
    minutes,
    machine,
    versions,
    note: flags.note,
    repeat,
    results,
    before,
    comparison,
    table,
    sinkNote: sinkNotes.join('\n\n'),
    floors,
    cancelText,
    libLine,
    limitText,
    targets,
    missing,
  });
  console.log(`Wrote docs/benchmarks.md (${minutes} min)`);
  await cleanupTempDirs();
  await moto?.stop();
  const cancelOk =
    cancels.every((c) => c.code === 130 && c.cleanupVerified && c.leftUploads === 0 && c.leftObjects === 0) &&
    engineCancels.every((c) => c.ok);
  if (!rows.every((r) => r.failures.length === 0) || !cancelOk || (limit && !limit.ok)) process.exitCode = 1;
}

main().catch((err) => {
  console.error(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
