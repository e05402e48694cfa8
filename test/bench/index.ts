// `npm run bench`: hoist (on each data path) against the AWS CLI, boto3, rclone and a bare curl PUT, on the same files
// and the same local servers (moto, versitygw and a keep-alive sink), in one run. Prints wall time, client CPU, peak
// RSS and the integrity check each tool sent, the floors, cancel latency, the speed limit and the targets of issues 6
// and 18, and writes docs/benchmarks.md and docs/benchmarks.json. Flags and environment variables: bench-options.ts.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { cpus, totalmem, release } from 'node:os';
import { join } from 'node:path';
import { makeFile, makeTempDir, cleanupTempDirs } from '../harness/fixtures';
import { motoPython, repoRoot } from '../harness/python';
import { buildAppEngineScript } from './app-engine';
import { buildLeanFloorScripts } from './lean-floor-build';
import { benchOptions } from './bench-options';
import { runCancels, runLimit, runLib } from './control-runs';
import { emptyChecksSeen } from './checksum-seen';
import { detectDataPaths } from './data-path-support';
import { renderFloors } from './floors';
import { perFileSplits, renderPerFile } from './per-file';
import { curlPerGiB, measureIoFloor, renderIoFloor, type IoFloor } from './io-floor';
import { startServers } from './servers';
import { runUiSection, type UiSection } from './ui-section';
import { DATA_PATHS, hoistRow, tools, withoutCaBundles, type DataPath } from './tools';
import { has } from './run-steps';
import { runWorkload, type BenchContext } from './run-workload';
import { runSinkWorkloads, smallName } from './sink-workloads';
import { workloadNames } from './figures';
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

async function makeSmallFiles(smallDir: string, count: number): Promise<void> {
  console.log(`Making ${count} files of 64 KiB…`);
  await mkdir(smallDir);
  for (let i = 0; i < count; i++) await makeFile(smallDir, smallName(i), 64 * 1024, 100 + i);
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

  const { notes: sinkNotes, perFile } = await runSinkWorkloads({
    o,
    ctx,
    python,
    env,
    setup,
    dir,
    smallDir,
    bigFile,
    w,
    checks,
    hoistName,
    servers,
  });

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
