// The bench's runs that are not timed uploads, all against one server: the cancel latencies (CLI and engine, on each
// data path), the speed limit's accuracy, and the lib-storage abort probe.
import { startFaultProxy } from '../harness/fault-proxy';
import { makeFile } from '../harness/fixtures';
import type { EngineOptions } from '../../src/engine/index';
import type { BenchOptions } from './bench-options';
import { cancelOnce, engineCancelOnce, trackBodyBytes } from './cancel-latency';
import { probeLibStorage } from './lib-storage-probe';
import { CANCEL_FILE, CANCEL_THROTTLE, type CancelSet } from './report';
import type { BenchServer } from './servers';
import { measureSpeedLimit, type SpeedLimitRun } from './speed-limit';
import type { DataPath } from './tools';

const MiB = 1024 * 1024;

export async function runCancels(a: {
  o: BenchOptions;
  env: NodeJS.ProcessEnv;
  dir: string;
  server: BenchServer;
  paths: DataPath[];
}): Promise<CancelSet[]> {
  const runs = a.o.cancelRuns;
  if (runs <= 0) return [];
  const file = await makeFile(a.dir, 'cancel.bin', CANCEL_FILE, 11);
  const proxy = await startFaultProxy(a.server.endpoint);
  const body = trackBodyBytes(proxy);
  const sets: CancelSet[] = [];
  try {
    for (const path of a.paths) {
      const set: CancelSet = { path, server: a.server.name, cli: [], engine: [] };
      sets.push(set);
      // With one path only (a checkout without --data-path), the CLI and the engine run as they are.
      const flag = a.paths.length > 1 ? ['--data-path', path] : [];
      const options: EngineOptions = a.paths.length > 1 ? { dataPath: path } : {};
      console.log(
        `Cancel at 25% of a ${CANCEL_FILE / MiB} MiB upload to ${a.server.name} through a proxy throttled to ${CANCEL_THROTTLE / MiB} MiB/s, ${path} path, ${runs} runs…`,
      );
      for (let i = 0; i < runs; i++) {
        proxy.throttle(CANCEL_THROTTLE); // each run lifts it at the cancel (see atCancel in cancel-latency.ts)
        const c = await cancelOnce(proxy, body, a.server.endpoint, file, CANCEL_FILE, a.env, flag);
        set.cli.push(c);
        console.log(
          `  CLI run ${i + 1}: last part byte +${c.lastByteMs.toFixed(1)} ms (${(c.bytesAfter / 1024).toFixed(0)} KiB after, ${(c.queuedAtCancel / 1024).toFixed(0)} KiB of them queued at the proxy before), cleanup verified +${c.verifiedMs.toFixed(0)} ms, exit +${c.exitMs.toFixed(0)} ms, code ${c.code}, left ${c.leftUploads} uploads/${c.leftObjects} objects`,
        );
      }
      for (let i = 0; i < runs; i++) {
        proxy.throttle(CANCEL_THROTTLE);
        const c = await engineCancelOnce(proxy, body, a.server.endpoint, file, CANCEL_FILE, options);
        set.engine.push(c);
        console.log(
          `  engine run ${i + 1}: connections reset +${c.resetMs.toFixed(1)} ms, last part byte +${c.lastByteMs.toFixed(1)} ms (${(c.bytesAfter / 1024).toFixed(0)} KiB after, ${(c.queuedAtCancel / 1024).toFixed(0)} KiB of them queued before), cleanup verified +${c.verifiedMs.toFixed(0)} ms${c.ok ? '' : '  NOT CLEAN'}`,
        );
      }
    }
  } finally {
    await proxy.close();
  }
  return sets;
}

export async function runLimit(a: {
  o: BenchOptions;
  dir: string;
  server: BenchServer;
}): Promise<SpeedLimitRun | undefined> {
  const { limitMiB, limitSizeMiB } = a.o;
  if (limitMiB <= 0) return undefined;
  const file = await makeFile(a.dir, 'limited.bin', limitSizeMiB * MiB, 13);
  console.log(
    `Speed limit ${limitMiB} MiB/s over ${limitSizeMiB} MiB to ${a.server.name} (engine option bytesPerSecond)…`,
  );
  const limit = await measureSpeedLimit(a.server.endpoint, file, limitSizeMiB * MiB, limitMiB * MiB);
  console.log(
    `  at the proxy ${(limit.wireBytesPerSecond / MiB).toFixed(2)} MiB/s, end to end ${(limit.endToEndBytesPerSecond / MiB).toFixed(2)} MiB/s`,
  );
  return limit;
}

export async function runLib(server: BenchServer): Promise<string> {
  console.log(`Probing @aws-sdk/lib-storage Upload.abort() through a throttled proxy to ${server.name}…`);
  const lib = await probeLibStorage(server.endpoint);
  const line =
    `lib-storage Upload.abort() (on ${server.name}): done() rejected after ${lib.doneRejectedAfterMs.toFixed(0)} ms, yet ${(lib.bytesAfterAbort / 2 ** 20).toFixed(1)} MiB ` +
    `more reached the server over the next ${lib.lastByteAfterAbortMs.toFixed(0)} ms; multipart uploads on the server when done() rejected: ${lib.uploadsLeftAtReject}, 3 s later: ${lib.uploadsLeftAfter3s}; ` +
    `${lib.progressEvents} progress events in 1.5 s of upload.`;
  console.log(line);
  return line;
}
