// `npm run bench`: hoist (on each data path) against the AWS CLI, boto3, rclone and a bare curl PUT, on the same files
// and the same local servers (moto, versitygw and a keep-alive sink), in one run. Prints wall time, client CPU, peak
// RSS and the integrity check each tool sent, the floors, cancel latency, the speed limit and the targets of issues 6
// and 18, and writes docs/benchmarks.md and docs/benchmarks.json. Flags and environment variables: bench-options.ts.
import { execFileSync } from 'node:child_process';
import { link, mkdir, readFile } from 'node:fs/promises';
import { cpus, totalmem, release } from 'node:os';
import { join } from 'node:path';
import { makeFile, makeTempDir, cleanupTempDirs } from '../harness/fixtures';
import { motoPython, repoRoot } from '../harness/python';
import { buildAppEngineScript } from './app-engine';
import { buildLeanFloorScripts } from './lean-floor-build';
import { benchOptions } from './bench-options';
import { runCancels, runLimit, runLib } from './control-runs';
import { probeChecksums } from './checksum-probe';
import { describeChecks, emptyChecksSeen } from './checksum-seen';
import { detectDataPaths } from './data-path-support';
import { renderFloors } from './floors';
import { perFileSplits, renderPerFile, type PerFileInputs } from './per-file';
import { curlPerGiB, measureIoFloor, renderIoFloor, type IoFloor } from './io-floor';
import { startServers } from './servers';
import { startSinkS3 } from './sink-s3';
import { runUiSection, type UiSection } from './ui-section';
import { APP_ENGINE, DATA_PATHS, FLOOR_LEAN, hoistRow, tools, withoutCaBundles, type DataPath } from './tools';
import { has, sparseFile } from './run-steps';
import { runWorkload, type BenchContext } from './run-workload';
import { LARGE_HELD } from '../../src/engine/job/read-buffer';
import { figuresOf, parallelMiB, PARALLEL_FILES, workloadNames } from './figures';
import {
  renderComparison,
  renderLimit,
  renderOtherChecks,
  renderTable,
  summarize,
  type CancelSet,
  type Results,
  type Row,
} from './report';
import { renderCancels, cancelSetOk } from './cancel-report';
import { renderIssue18Targets } from './targets';
import { toolVersions, writeBenchDocs } from './write-docs';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

const smallName = (i: number) => `f${String(i).padStart(5, '0')}.bin`;

async function makeSmallFiles(smallDir: string, count: number): Promise<void> {
  console.log(`Making ${count} files of 64 KiB…`);
  await mkdir(smallDir);
  for (let i = 0; i < count; i++) await makeFile(smallDir, smallName(i), 64 * 1024, 100 + i);
}

/**
 * The many-files run's folder: hard links to the small files, taken in turn, rather than as many new files written
 * (640 MB for 10,000). Every tool reads each name as a file of its own; the sink keeps only sizes.
 */
async function linkManyFiles(smallDir: string, smallCount: number, manyDir: string, count: number): Promise<void> {
  await mkdir(manyDir);
  for (let i = 0; i < count; i++) await link(join(smallDir, smallName(i % smallCount)), join(manyDir, smallName(i)));
}

async function main(): Promise<void> {
  const o = benchOptions(process.argv.slice(2), process.env);
  const { only } = o;
  const startedAt = Date.now();
  const w = workloadNames(o);

  console.log('Building the hoist CLI…');
  execFileSync('node', [join(repoRoot, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
  const paths = detectDataPaths();
  const ranPaths: DataPath[] = paths.kind === 'both' ? [...DATA_PATHS] : ['sdk'];
  // The default path's row stands for "hoist" where one row must (floors, issue 6): lean once it exists.
  const hoistName = hoistRow(ranPaths[0]!);
  if (paths.kind === 'sdk-only') console.warn(`bench: the lean data path is not available: ${paths.why}.`);
  const appEngineScript = await buildAppEngineScript();
  const leanFloorScripts = await buildLeanFloorScripts();
  const { servers, skipped } = await startServers(o.servers, o.endpointUrl);
  for (const why of skipped) console.warn(`bench: ${why}`);
  if (!servers.length) throw new Error('no S3 server could start');
  const python = await motoPython();
  const env: NodeJS.ProcessEnv = {
    ...withoutCaBundles(process.env),
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
  const setup = { ...available, paths, appEngineScript, leanFloorScripts };
  const dir = await makeTempDir('hoist-bench-');
  const rows: Row[] = [];
  const ctx: BenchContext = { python, env, repeat: o.repeat, rows };
  const checks = emptyChecksSeen();
  let io: IoFloor | undefined;

  const bigFile = only.has('big') || only.has('io') ? join(dir, 'big.bin') : '';
  if (bigFile) {
    console.log(`Making a ${o.sizeMiB} MiB file in ${dir}…`);
    await makeFile(dir, 'big.bin', o.sizeMiB * MiB, 7);
  }
  const smallDir = join(dir, 'small');
  if (only.has('small') || only.has('keepalive')) await makeSmallFiles(smallDir, o.smallCount);
  for (const server of servers) {
    // hoist's variants (checksum off, MD5, 16 MiB parts) run on the first server only: they are about hoist itself.
    const list = tools(python, server.endpoint, setup).filter((t) => !t.variant || server === servers[0]);
    const on = { endpoint: server.endpoint, reset: (b: string) => server.reset(b) };
    if (only.has('big')) {
      console.log(`Uploading one big file to ${server.name}…`);
      const build = (t: (typeof list)[number], b: string) => t.file(bigFile, b, 'big.bin');
      await runWorkload(ctx, { name: w.big(server.name), shape: 'big', tools: list, build, expectObjects: 1, ...on });
    }
    if (only.has('small')) {
      console.log(`Uploading the small files to ${server.name}…`);
      const build = (t: (typeof list)[number], b: string) => t.folder(smallDir, b, 'small/');
      const expectObjects = o.smallCount;
      await runWorkload(ctx, { name: w.small(server.name), shape: 'small', tools: list, build, expectObjects, ...on });
    }
  }
  if (only.has('io') && bigFile) {
    console.log("What Node's file reads and socket writes alone cost (test/bench/io-floor.mjs)…");
    // Two runs (about 15 s each): the floor's figures move little between runs; --repeat N asks for more.
    io = measureIoFloor(bigFile, Math.max(2, o.repeat), o.ioStepBytes);
  }

  // The sink workloads share one loopback sink; it stores only each object's size, which is what their checks count.
  const sinkNotes: string[] = [];
  const wantsSparse = only.has('sparse') && o.sparseGiB > 0;
  const sink =
    only.has('keepalive') || only.has('big') || wantsSparse || only.has('checksums') ? await startSinkS3() : undefined;
  const sinkTools = sink ? tools(python, sink.endpoint, { ...setup, curl: false }).filter((t) => !t.variant) : [];
  // hoist on its default path, rclone (the small-file CPU target's peer) and the lean floor: the peers that take
  // seconds per thousand files would add minutes here.
  const perFile: PerFileInputs = {
    rows,
    small: { workload: w.keepAlive, count: o.smallCount },
    many: { workload: w.many, count: o.manyCount },
    tools: [hoistName, 'rclone', FLOOR_LEAN],
  };
  if (sink && only.has('keepalive')) {
    console.log('Uploading the small files to a discarding sink that keeps connections open…');
    await runWorkload(ctx, {
      name: w.keepAlive,
      shape: 'small',
      tools: sinkTools,
      build: (t, b) => t.folder(smallDir, b, 'small/'),
      expectObjects: o.smallCount,
      endpoint: sink.endpoint,
      count: (b) => sink.objects(b),
      // The same run says which check each tool sends with a small file.
      inspect: (t, b) => void checks.small.set(t.name, describeChecks(sink.seen(b)) || 'none'),
    });
    sinkNotes.push(
      `The keep-alive workload sends the same ${o.smallCount} small files to a loopback sink (test/bench/sink-s3.ts) that keeps ` +
        'connections open, as S3 does: moto closes every connection after its response, so there each file also pays for a new TCP ' +
        "connection. The sink checks no signatures and stores only each object's size, so its figures are the clients' cost per request; " +
        'versitygw keeps connections open too, and checks every signature.',
    );
  }
  if (sink && only.has('big') && bigFile) {
    console.log('Uploading the big file to the sink (each client with the least server load beside it)…');
    await runWorkload(ctx, {
      name: w.bigSink,
      shape: 'big',
      // Every tool, curl's single PUT among them: the big file's targets against the least server work of the three.
      tools: tools(python, sink.endpoint, setup).filter((t) => !t.variant),
      build: (t, b) => t.file(bigFile, b, 'big.bin'),
      expectObjects: 1,
      endpoint: sink.endpoint,
      count: (b) => sink.objects(b),
    });
    const cpuTo = (where: string) => figuresOf(rows, where, hoistName)?.cpu.toFixed(2) ?? '–';
    sinkNotes.push(
      `The big file goes to the keep-alive sink as well (\`${w.bigSink}\`; test/bench/sink-s3.ts reads and discards every body). ` +
        "The servers run on the clients' machine, and their work " +
        `raises every client's CPU for the same bytes: in this run hoist's took ${cpuTo(w.bigSink)} s to the sink, ` +
        servers.map((s) => `${cpuTo(w.big(s.name))} s to ${s.name}`).join(', ') +
        ". The sink runs in the bench's own process and only reads and discards: of the three servers it does the least " +
        'work beside the client.',
    );
  }
  if (sink && only.has('big')) {
    // Memory with a dozen parts in flight: hoist's folder upload and the app's engine both send these three at once.
    const parallelDir = join(dir, 'parallel');
    await mkdir(parallelDir);
    for (let i = 0; i < PARALLEL_FILES; i++)
      await makeFile(parallelDir, `p${i}.bin`, parallelMiB(o.sizeMiB) * MiB, 20 + i);
    console.log(`Uploading ${PARALLEL_FILES} files at once to the sink (memory with their parts in flight)…`);
    await runWorkload(ctx, {
      name: w.parallel,
      shape: 'big',
      tools: sinkTools.filter((t) => t.name.startsWith('hoist --data-path') || t.name === APP_ENGINE),
      build: (t, b) => t.folder(parallelDir, b, 'parallel/'),
      expectObjects: PARALLEL_FILES,
      endpoint: sink.endpoint,
      count: (b) => sink.objects(b),
    });
    sinkNotes.push(
      `\`${w.parallel}\` is about memory: hoist's folder upload and the desktop app's engine (3 files at once, its ` +
        "default) each send the three files together, 4 parts of each in flight (at the default 1 GiB; a quick run's " +
        'files are one part each). A part on a fast link sends 1 MiB chunks, two at a time, but the whole process has ' +
        `at most ${LARGE_HELD} such buffers out at once (src/engine/job/read-buffer.ts) and the other parts send 128 KiB chunks: ` +
        'without that ration, memory grew with every part in flight.',
    );
  }
  if (only.has('many') && only.has('keepalive') && o.manyCount <= o.smallCount)
    console.warn(`bench: the many-files run is skipped: --many ${o.manyCount} is not above --small ${o.smallCount}.`);
  if (sink && only.has('keepalive') && only.has('many') && o.manyCount > o.smallCount) {
    const manyDir = join(dir, 'many');
    await linkManyFiles(smallDir, o.smallCount, manyDir, o.manyCount);
    console.log(`Uploading ${o.manyCount} small files to the sink (what each tool pays per file)…`);
    await runWorkload(ctx, {
      name: w.many,
      shape: 'small',
      tools: sinkTools.filter((t) => perFile.tools.includes(t.name)),
      build: (t, b) => t.folder(manyDir, b, 'many/'),
      expectObjects: o.manyCount,
      endpoint: sink.endpoint,
      count: (b) => sink.objects(b),
    });
  }
  if (sink && only.has('checksums')) {
    console.log('Which integrity check each tool sends (headers seen at the sink)…');
    const probeTools = tools(python, sink.endpoint, setup);
    await probeChecksums({ python, env, sink, tools: probeTools, dir, bigBytes: o.sizeMiB * MiB, checks });
  }
  if (sink && wantsSparse) {
    const sparse = await sparseFile(join(dir, 'sparse.bin'), o.sparseGiB * GiB);
    console.log(`Uploading a ${o.sparseGiB} GiB sparse file to a discarding sink (memory only)…`);
    await runWorkload(ctx, {
      name: w.sparse,
      shape: 'big',
      tools: sinkTools.filter((t) => t.name.startsWith('hoist --data-path') || (o.sparsePeers && t.peer)),
      build: (t, b) => t.file(sparse, b, 'sparse.bin'),
      expectObjects: 1,
      endpoint: sink.endpoint,
      count: (b) => sink.objects(b),
    });
    sinkNotes.push(
      `The ${o.sparseGiB} GiB sparse file goes to a loopback sink (test/bench/sink-s3.ts) that reads and discards every body: ` +
        `moto joins the parts of a multipart upload in memory on completion, and versitygw would write ${o.sparseGiB} GiB to disk. ` +
        `Its figures are for memory; wall and CPU there are the sink's pace.` +
        (o.sparsePeers
          ? ''
          : ' Only hoist runs on it by default; `--sparse-peers` adds the peers (about 5 more minutes).'),
    );
  }
  await sink?.close();

  // Cancel goes to moto unless --cancel-server says otherwise (the speed limit and the lib-storage probe to the first
  // of them): once the throttle lifts, the proxy drains the bytes queued before the cancel into the server, and
  // versitygw takes them in more slowly than moto, which stretches "no more bytes" by time the client did not send in.
  const cancelServers = servers.filter((s) => (o.cancelServers ?? ['moto']).includes(s.name));
  const control = cancelServers[0] ?? servers[0]!;
  const cancels: CancelSet[] = [];
  for (const server of only.has('cancel') ? cancelServers : [])
    cancels.push(...(await runCancels({ o, env, dir, server, paths: ranPaths })));
  const limit = only.has('limit') ? await runLimit({ o, dir, server: control }) : undefined;
  const libLine = only.has('lib') ? await runLib(control) : '';
  let ui: UiSection | undefined;
  if (only.has('ui')) {
    console.log(
      `UI at ${o.uiFiles} files (test/e2e/perf/run-ui-bench.ts, Chromium on the E2E bridge; it writes docs/ui-benchmarks.md)…`,
    );
    ui = await runUiSection(join(dir, 'ui.json'), o.uiFiles);
    if ('skipped' in ui) console.log(`  ${ui.skipped}`);
  }

  const serverNames = servers.map((s) => s.name);
  const uploadWorkloads = [...serverNames.flatMap((s) => [w.big(s), w.small(s)]), w.keepAlive, w.bigSink];
  const table = renderTable(rows, checks);
  const firstBig = w.big(serverNames[0]!);
  const ioText = io ? renderIoFloor(io, curlPerGiB(rows, firstBig, o.sizeMiB / 1024)) : undefined;
  const perFileText = renderPerFile(perFile);
  const floors = [renderFloors(rows, uploadWorkloads, hoistName, ioText), perFileText].filter(Boolean).join('\n\n');
  const cancelText = renderCancels(cancels);
  const limitText = limit ? renderLimit(limit) : '';
  const otherChecks = renderOtherChecks(
    rows,
    limit,
    { w, sizeMiB: o.sizeMiB, hoist: hoistName, workloads: uploadWorkloads },
    ui,
  );
  const targets = renderIssue18Targets({
    ...o,
    rows,
    w,
    servers: serverNames,
    paths: ranPaths,
    io,
    cancels,
    leanUnavailable: paths.kind === 'sdk-only' ? paths.why : undefined,
    perFile: perFileSplits(perFile),
  });
  console.log(`\n${table}\n\n${floors}\n\n${cancelText}\n\n${limitText}\n\n${otherChecks}\n\n${targets}\n`);

  const machine =
    `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Linux ${release()}, ` +
    `Node ${process.version}, servers on loopback: ${serverNames.join(', ')} and the keep-alive sink`;
  const versions = toolVersions(python, available);
  const minutes = ((Date.now() - startedAt) / 60_000).toFixed(1);
  const missing = [
    available.rclone ? '' : 'rclone (not installed: apt-get install rclone)',
    available.curl ? '' : 'curl',
    paths.kind === 'both' ? '' : `the lean data path (${paths.why})`,
    ...skipped,
  ].filter(Boolean);
  const argv = process.argv.slice(2).join(' ');
  const command = `npm run bench${argv ? ` -- ${argv}` : ''}`;
  const results = summarize(rows, cancels, limit);
  const before = o.before ? (JSON.parse(await readFile(o.before, 'utf8')) as Results) : undefined;
  const comparison = before ? renderComparison(before, results) : '';
  if (comparison) console.log(`${comparison}\n`);
  const envNote = ['HOIST_BENCH_QUICK', 'HOIST_BENCH_ONLY', 'HOIST_BENCH_10G', 'HOIST_BENCH_SERVERS']
    .filter((k) => process.env[k])
    .map((k) => `${k}=${process.env[k]}`)
    .join(' ');
  await writeBenchDocs({
    command: envNote ? `${envNote} ${command}` : command,
    minutes,
    machine,
    versions,
    note: o.note,
    repeat: o.repeat,
    results,
    before,
    comparison,
    table,
    sinkNote: sinkNotes.join('\n\n'),
    floors,
    cancelText,
    libLine,
    limitText,
    otherChecks,
    targets,
    missing,
    docsDir: o.docsDir,
  });
  console.log(`Wrote ${join(o.docsDir, 'benchmarks.md')} (${minutes} min)`);
  await cleanupTempDirs();
  for (const s of servers) await s.stop();
  const ok = rows.every((r) => r.failures.length === 0) && cancels.every(cancelSetOk) && (!limit || limit.ok);
  if (!ok) process.exitCode = 1;
}

main().catch((err) => {
  console.error(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
