// `npm run bench`: hoist against the AWS CLI, boto3, rclone and a bare curl PUT on the same local S3 server and the
// same files, in one run. Prints wall time, client CPU and peak RSS, then Ctrl-C latency, and writes
// docs/benchmarks.md. Flags: --size-mib N (default 1024), --small N (files of 64 KiB, default 1000),
// --cancel-runs N (default 10), --endpoint-url URL (use a running server instead of starting moto).
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeFile, makeTempDir, cleanupTempDirs } from '../harness/fixtures';
import { startMoto, type MotoServer } from '../harness/moto';
import { motoPython, repoRoot } from '../harness/python';
import { createBucket, listObjects, uniqueBucket } from '../harness/s3-check';
import { cancelOnce, percentile } from './cancel-latency';
import { probeLibStorage } from './lib-storage-probe';
import { rcloneEnv, tools, type Tool } from './tools';

const MiB = 1024 * 1024;
const { values: flags } = parseArgs({
  options: {
    'size-mib': { type: 'string', default: '1024' },
    small: { type: 'string', default: '1000' },
    'cancel-runs': { type: 'string', default: '10' },
    'endpoint-url': { type: 'string' },
  },
});

interface Row { workload: string; tool: string; wall: number; cpu: number; rssMiB: number; ok: boolean; note: string }

function has(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function measure(python: string, cmd: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; wall: number; cpu: number; rssMiB: number; stderr: string }> {
  const out = join(repoRoot, '.cache', `measure-${process.pid}.json`);
  execFileSync(python, [join(repoRoot, 'test', 'bench', 'measure.py'), out, '--', ...cmd], { env, stdio: 'inherit' });
  const result = JSON.parse(await readFile(out, 'utf8'));
  await rm(out, { force: true });
  return result;
}

async function main(): Promise<void> {
  const sizeMiB = Number(flags['size-mib']);
  const smallCount = Number(flags.small);
  const cancelRuns = Number(flags['cancel-runs']);
  console.log('Building the hoist CLI…');
  execFileSync('node', [join(repoRoot, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
  let moto: MotoServer | undefined;
  const endpoint = flags['endpoint-url'] ?? (moto = await startMoto()).endpoint;
  const python = await motoPython();
  const env = {
    ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...rcloneEnv(endpoint),
  };
  const available = { rclone: has('rclone'), curl: has('curl') };
  const list = tools(python, endpoint, available);
  const dir = await makeTempDir('hoist-bench-');
  console.log(`Making a ${sizeMiB} MiB file and ${smallCount} files of 64 KiB in ${dir}…`);
  const big = await makeFile(dir, 'big.bin', sizeMiB * MiB, 7);
  const smallDir = join(dir, 'small');
  await mkdir(smallDir);
  for (let i = 0; i < smallCount; i++) await makeFile(smallDir, `f${String(i).padStart(5, '0')}.bin`, 64 * 1024, 100 + i);

  const rows: Row[] = [];
  const run = async (workload: string, tool: Tool, build: (bucket: string) => string[] | null, expectObjects: number) => {
    const bucket = uniqueBucket('bench');
    await createBucket(endpoint, bucket);
    const cmd = build(bucket);
    if (!cmd) return;
    process.stdout.write(`  ${workload} · ${tool.name} … `);
    const r = await measure(python, cmd, env);
    const objects = (await listObjects(endpoint, bucket)).length;
    const ok = r.code === 0 && objects === expectObjects;
    rows.push({ workload, tool: tool.name, wall: r.wall, cpu: r.cpu, rssMiB: r.rssMiB, ok, note: ok ? '' : `exit ${r.code}, ${objects}/${expectObjects} objects ${r.stderr.split('\n').slice(-2).join(' ')}` });
    console.log(`${r.wall.toFixed(2)} s wall, ${r.cpu.toFixed(2)} s CPU, ${r.rssMiB.toFixed(0)} MiB${ok ? '' : '  FAILED'}`);
    if (moto) await moto.reset(); // moto keeps objects in memory
  };
  console.log('Uploading…');
  for (const tool of list) await run(`1 × ${sizeMiB} MiB`, tool, (b) => tool.file(big, b, 'big.bin'), 1);
  for (const tool of list) await run(`${smallCount} × 64 KiB`, tool, (b) => tool.folder(smallDir, b, 'small/'), smallCount);

  console.log(`Ctrl-C at 25% of the ${sizeMiB} MiB upload, ${cancelRuns} runs…`);
  const cancels = [];
  for (let i = 0; i < cancelRuns; i++) cancels.push(await cancelOnce(endpoint, big, sizeMiB * MiB, env));
  const exits = cancels.map((c) => c.exitMs);
  const cancelOk = cancels.every((c) => c.code === 130 && c.cleanupVerified && c.leftUploads === 0 && c.leftObjects === 0);

  console.log('Probing @aws-sdk/lib-storage Upload.abort() through a throttled proxy…');
  const lib = await probeLibStorage(endpoint);
  const libLine = `lib-storage Upload.abort(): done() rejected after ${lib.doneRejectedAfterMs.toFixed(0)} ms, yet ${(lib.bytesAfterAbort / 2 ** 20).toFixed(1)} MiB ` +
    `more reached the server over the next ${lib.lastByteAfterAbortMs.toFixed(0)} ms; multipart uploads on the server when done() rejected: ${lib.uploadsLeftAtReject}, 3 s later: ${lib.uploadsLeftAfter3s}; ` +
    `${lib.progressEvents} progress events in 1.5 s of upload.`;
  console.log(libLine);

  const table = renderTable(rows);
  const cancelLine = `Ctrl-C → exit with cleanup verified: p50 ${percentile(exits, 50).toFixed(0)} ms, p95 ${percentile(exits, 95).toFixed(0)} ms over ${cancelRuns} runs; ` +
    `${cancelOk ? 'every run exited 130 with nothing left on the server' : 'SOME RUNS LEFT SOMETHING OR EXITED WRONG: ' + JSON.stringify(cancels)}`;
  console.log(`\n${table}\n${cancelLine}\n`);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, server: moto on loopback`;
  const missing = [available.rclone ? '' : 'rclone (not installed: apt-get install rclone)', available.curl ? '' : 'curl'].filter(Boolean);
  await mkdir(join(repoRoot, 'docs'), { recursive: true });
  await writeFile(join(repoRoot, 'docs', 'benchmarks.md'), `# Benchmarks\n\nWritten by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}.\n\nMachine: ${machine}.\n` +
    `Each tool uploads the same files to the same local server, one tool at a time; CPU is user + system seconds of the client process and its children; RSS is the peak of the largest client process.\n\n${table}\n\n${cancelLine}\n\n${libLine}\n` +
    (missing.length ? `\nNot measured: ${missing.join(', ')}.\n` : ''));
  console.log('Wrote docs/benchmarks.md');
  await cleanupTempDirs();
  await moto?.stop();
  if (!rows.every((r) => r.ok) || !cancelOk) process.exitCode = 1;
}

function renderTable(rows: Row[]): string {
  const lines = ['| workload | tool | wall s | CPU s | peak RSS MiB | hoist CPU ÷ tool CPU |', '|---|---|---:|---:|---:|---:|'];
  for (const r of rows) {
    const hoist = rows.find((h) => h.workload === r.workload && h.tool === 'hoist');
    const ratio = hoist && r.tool !== 'hoist' && r.cpu > 0 ? (hoist.cpu / r.cpu).toFixed(2) : '';
    lines.push(`| ${r.workload} | ${r.tool}${r.ok ? '' : ' (FAILED)'} | ${r.wall.toFixed(2)} | ${r.cpu.toFixed(2)} | ${r.rssMiB.toFixed(0)} | ${ratio} |`);
  }
  return lines.join('\n');
}

main().catch((err) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
