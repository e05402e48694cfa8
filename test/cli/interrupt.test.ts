// Ctrl-C and SIGTERM on `hoist cp`: everything is cancelled, the partial upload is aborted and its removal
// verified, and the process exits 130 within a second. A throttling proxy keeps the upload reliably mid-way.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../harness/fault-proxy';
import { createBucket, listMultipartUploads, listObjects, uniqueBucket } from '../harness/s3-check';
import { cleanupTempDirs, MiB, randomFile, tempDir } from './files';
import { buildCli, errorLines, hoist, jsonLines, spawnHoist, type JsonLine } from './run-hoist';

const endpoint = inject('s3Endpoint');
let dir: string;
let proxy: FaultProxy;
let file256: string;

beforeAll(async () => {
  buildCli();
  dir = await tempDir('int');
  file256 = join(dir, 'big-256.bin');
  await randomFile(file256, 256 * MiB);
  proxy = await startFaultProxy(Number(new URL(endpoint).port));
});

afterEach(() => {
  proxy.throttle(null);
  proxy.clearDelays();
});

afterAll(async () => {
  await proxy?.close();
  await cleanupTempDirs();
});

interface Run {
  lines: JsonLine[];
  stderr: string;
  code: number | null;
  /** ms from the first signal to the exit. */
  exitMs: number;
}

/**
 * Runs `hoist cp <file> s3://bucket/ --json --files 1` through the proxy and sends `signals` in turn: the first once
 * the progress reaches `atFraction`, each next one after `then()` resolves.
 */
async function interrupt(
  bucket: string,
  file: string,
  atFraction: number,
  signals: NodeJS.Signals[],
  then?: () => Promise<unknown>,
): Promise<Run> {
  const child = spawnHoist(['cp', file, `s3://${bucket}/`, '--endpoint-url', proxy.endpoint, '--json', '--files', '1']);
  let out = '';
  let stderr = '';
  let signalledAt = 0;
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  child.stdout!.setEncoding('utf8').on('data', (s: string) => {
    out += s;
    if (signalledAt) return;
    const last = jsonLines(out.slice(0, out.lastIndexOf('\n') + 1))
      .filter((l) => l.type === 'progress')
      .at(-1);
    if (last && (last.loaded as number) / (last.total as number) >= atFraction) {
      signalledAt = performance.now();
      child.kill(signals[0]);
      if (signals.length > 1) void then?.().then(() => child.kill(signals[1]));
    }
  });
  let exitMs = 0;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (c) => {
      exitMs = performance.now() - signalledAt;
      resolve(c);
    }),
  );
  const closed = new Promise((resolve) => child.on('close', resolve));
  const code = await exited;
  await closed;
  expect(signalledAt, `never reached ${atFraction * 100}%; stderr: ${stderr}`).toBeGreaterThan(0);
  return { lines: jsonLines(out), stderr, code, exitMs };
}

async function expectClean(bucket: string): Promise<void> {
  // Asked of moto directly, not through the proxy.
  expect(await listMultipartUploads(endpoint, bucket)).toEqual([]);
  expect(await listObjects(endpoint, bucket)).toEqual([]);
}

describe('hoist cp interrupted', () => {
  it('Ctrl-C at 25% of a 256 MiB upload exits 130 within 1 s, with the cleanup verified', async () => {
    const bucket = uniqueBucket('cli-sigint');
    await createBucket(endpoint, bucket);
    proxy.throttle(96 * MiB);
    const r = await interrupt(bucket, file256, 0.25, ['SIGINT']);
    console.log(`Ctrl-C -> exit: ${r.exitMs.toFixed(0)} ms`);
    expect(r.code).toBe(130);
    expect(r.exitMs).toBeLessThan(1000);
    const progress = r.lines.filter((l) => l.type === 'progress');
    expect((progress.at(-1)!.loaded as number) / (256 * MiB)).toBeLessThan(1);
    expect(r.lines.filter((l) => l.type !== 'progress')).toEqual([
      { type: 'cancelled', key: 'big-256.bin', cleanup: 'verified' },
    ]);
    expect(r.stderr).toBe('Cancelled 1 upload; server cleanup verified.\n');
    await expectClean(bucket);
  });

  it('SIGTERM does the same', async () => {
    const bucket = uniqueBucket('cli-sigterm');
    await createBucket(endpoint, bucket);
    proxy.throttle(96 * MiB);
    const r = await interrupt(bucket, file256, 0.1, ['SIGTERM']);
    expect(r.code).toBe(130);
    expect(r.exitMs).toBeLessThan(1000);
    expect(r.lines.at(-1)).toEqual({ type: 'cancelled', key: 'big-256.bin', cleanup: 'verified' });
    expect(r.stderr).toBe('Cancelled 1 upload; server cleanup verified.\n');
    await expectClean(bucket);
  });

  it('a second Ctrl-C exits at once, without waiting for the cleanup, and names the hoist commands that find and remove what is left', async () => {
    const bucket = uniqueBucket('cli-sigint2');
    await createBucket(endpoint, bucket);
    proxy.throttle(96 * MiB);
    // AbortMultipartUpload (DELETE ...?uploadId=) is held for 10 s: the cleanup cannot finish by itself in time.
    proxy.delayRequests(/^DELETE /, 10_000);
    proxy.resetCounters();
    let secondAt = 0;
    const r = await interrupt(bucket, file256, 0.1, ['SIGINT', 'SIGINT'], async () => {
      await proxy.waitForRequest(/^DELETE /, 5000);
      secondAt = performance.now();
    });
    const sinceSecond = performance.now() - secondAt;
    expect(r.code).toBe(130);
    expect(secondAt).toBeGreaterThan(0);
    expect(sinceSecond).toBeLessThan(1000);
    // The upload the early exit left, named by its ID: the run's bucket, and the options that reach the same server.
    const [left, ...others] = await listMultipartUploads(endpoint, bucket);
    expect(others).toEqual([]);
    const flags = `--endpoint-url ${proxy.endpoint}`;
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      `hoist: quit before the cleanup finished; partial uploads may remain on the server. List them with: hoist incomplete ls s3://${bucket}/ ${flags}`,
      `hoist: remove the one of big-256.bin with: hoist incomplete abort s3://${bucket}/big-256.bin --upload-id ${left!.uploadId} ${flags}`,
    ]);
    expect(r.stderr).not.toContain('aws s3api');
    // Both commands work as printed.
    proxy.clearDelays();
    const command = (line: string): string[] => line.slice(line.indexOf(': hoist ') + ': hoist '.length).split(' ');
    const [lsLine, abortLine] = errorLines(r.stderr);
    const ls = await hoist(command(lsLine!));
    expect(ls.code).toBe(0);
    expect(ls.stdout).toContain(left!.uploadId);
    const abort = await hoist(command(abortLine!));
    expect(abort.code, abort.stderr).toBe(0);
    expect(abort.stderr).toBe('Aborted 1 incomplete upload, verified gone.\n');
    await expectClean(bucket);
  });

  it('without --json, the first Ctrl-C says what it does to the one upload in the singular', async () => {
    const bucket = uniqueBucket('cli-sigint-plain');
    await createBucket(endpoint, bucket);
    proxy.throttle(96 * MiB);
    proxy.resetCounters();
    const child = spawnHoist(['cp', file256, `s3://${bucket}/`, '--endpoint-url', proxy.endpoint]);
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const exited = new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    await proxy.waitForRequest(/^PUT [^ ]*partNumber=/, 10_000);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr.split('\n').filter(Boolean).slice(-3)).toEqual([
      'Cancelling 1 upload and removing its parts… (Ctrl-C again quits now)',
      'cancelled   ' + file256 + '  partial upload removed, verified',
      'Cancelled 1 upload; server cleanup verified.',
    ]);
    await expectClean(bucket);
  });
});
