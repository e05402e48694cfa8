// The S3 server is killed mid-upload and restarted (empty, as moto keeps everything in memory) behind the same
// endpoint. Uploads in flight lose their multipart upload: each must end either done and byte-identical, or failed
// with a reason; nothing may be left half-uploaded on the restarted server.
//
//   engine -> fault proxy (throttle) -> forwarder (retargeted to the new server) -> private moto A, then moto B
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine';
import type { UploadEngineApi } from '../../src/engine/types';
import { startFaultProxy, type FaultProxy } from '../harness/fault-proxy';
import { cleanupTempDirs, makeFile, makeTempDir, sha256File } from '../harness/fixtures';
import { startMoto, type MotoServer } from '../harness/moto';
import { createBucket, objectSha256, testTarget, uniqueBucket } from '../harness/s3-check';
import { startForwarder, type Forwarder } from './forwarder';
import {
  checkServer,
  EventLog,
  expectExplainedFailure,
  MiB,
  muteSdkStreamingNotice,
  sleep,
  waitForItem,
} from './helpers';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
afterAll(cleanupTempDirs);

const OUTAGE_MS = 500;

describe('S3 server killed and restarted mid-upload', () => {
  it('ends every file done and byte-identical, or failed with its reason; no upload is left behind', async () => {
    cleanups.push(muteSdkStreamingNotice());
    let motoA: MotoServer | undefined = await startMoto();
    cleanups.push(() => motoA?.stop());
    // The "restarted" server boots meanwhile, so that the outage below has a fixed length rather than moto's
    // start-up time on a loaded CI machine.
    const motoBReady = startMoto();
    cleanups.push(async () => (await motoBReady).stop());
    const fwd: Forwarder = await startForwarder(motoA.port);
    cleanups.push(() => fwd.close());
    const proxy: FaultProxy = await startFaultProxy(fwd.port);
    cleanups.push(() => proxy.close());

    const bucket = uniqueBucket('restart');
    await createBucket(motoA.endpoint, bucket);
    const dir = await makeTempDir('hoist-restart-');
    // Multipart files first, so that the kill lands while they are mid-part; the small ones go as single PUTs.
    const sizes = [16, 20, 13, 24, 7, 18, 6, 11].map((m) => m * MiB);
    const paths = await Promise.all(sizes.map((size, i) => makeFile(dir, `r${i}.bin`, size, 300 + i)));
    const pathOf = new Map(paths.map((p, i) => [`r${i}.bin`, p]));

    const eng: UploadEngineApi = createEngine({
      partSize: 5 * MiB,
      retryBaseDelayMs: 20,
      requestTimeoutMs: 1500,
      maxAttempts: 8,
    });
    cleanups.push(() => eng.close());
    const log = new EventLog(eng);
    proxy.throttle(15 * MiB);
    const { items } = await eng.add(paths, testTarget(proxy.endpoint, bucket));
    expect(items).toHaveLength(sizes.length);

    // Mid-upload: the first files are sending parts.
    await waitForItem(eng, items[0]!.id, (i) => i.loaded >= 6 * MiB, 30_000, 'the first file to be mid-upload');

    // Freeze the traffic so that no upload completes unseen between the check below and the kill.
    proxy.throttle(1);
    await sleep(150);
    const doneBeforeKill = eng.snapshot().filter((i) => i.state.kind === 'done');
    for (const i of doneBeforeKill) {
      // Their objects die with the server: check them while it still runs.
      expect(await objectSha256(motoA.endpoint, bucket, i.key), `${i.key} (done before the kill)`).toBe(
        await sha256File(pathOf.get(i.key)!),
      );
    }
    const activeAtKill = eng
      .snapshot()
      .filter((i) => ['starting', 'uploading', 'retrying', 'completing'].includes(i.state.kind))
      .map((i) => i.key);

    const killAt = Date.now();
    await motoA.stop();
    motoA = undefined;
    // While the server is down its port refuses connections (the proxy in front then resets the engine's).
    await fwd.down();
    proxy.throttle(null);
    const motoB = await motoBReady;
    // The restarted server has lost everything; the operator recreates the bucket before it is reachable again.
    await createBucket(motoB.endpoint, bucket);
    await sleep(OUTAGE_MS - (Date.now() - killAt));
    fwd.retarget(motoB.port);
    await fwd.up();
    const backAfterMs = Date.now() - killAt;

    await Promise.race([
      eng.idle(),
      sleep(60_000).then(() => {
        throw new Error(
          `not idle 60 s after the restart: ${JSON.stringify(eng.snapshot().map((i) => [i.key, i.state]))}`,
        );
      }),
    ]);

    const end = eng.snapshot();
    const done = end.filter((i) => i.state.kind === 'done');
    const failed = end.filter((i) => i.state.kind === 'failed');
    const doneAfter = new Map(
      done.filter((i) => !doneBeforeKill.some((d) => d.id === i.id)).map((i) => [i.key, pathOf.get(i.key)!]),
    );
    const server = await checkServer(motoB.endpoint, bucket, doneAfter);

    console.log(
      `[faults] moto restart: ${sizes.length} files, ${activeAtKill.length} active at the kill, server back after ${backAfterMs} ms; ` +
        `done ${done.length} (${doneBeforeKill.length} before the kill), failed ${failed.length}, retries ${log.retries.length}, ` +
        `corrupted ${server.corrupted.length}, leftover uploads ${server.leftoverUploads.length}`,
    );
    for (const f of failed)
      if (f.state.kind === 'failed')
        console.log(`[faults]   ${f.key}: ${f.state.error.code}: ${f.state.error.message}`);

    for (const i of end) expect(['done', 'failed'], `${i.key}: ${JSON.stringify(i.state)}`).toContain(i.state.kind);
    for (const f of failed) expectExplainedFailure(f, { endpoint: proxy.endpoint, bucket, path: pathOf.get(f.key)! });
    expect(server.corrupted).toEqual([]);
    expect(server.leftoverUploads).toEqual([]);
    expect(server.strayObjects).toEqual([]);
    expect(activeAtKill.length).toBeGreaterThan(0);
    expect(log.retries.length).toBeGreaterThan(0);
    // Files that had not started yet go to the restarted server.
    expect(done.length).toBeGreaterThan(0);
  });
});
