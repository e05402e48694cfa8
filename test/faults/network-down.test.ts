// "Network down": the endpoint becomes unreachable mid-upload (the listener the engine talks to closes and its
// connections are reset, so new connections are refused). Uploads must wait in 'retrying' with a reason naming the
// endpoint, continue when it comes back, and give up with EndpointUnreachable after unreachableBudgetMs.
//
//   engine -> forwarder (goes down / comes back on the same port) -> fault proxy (throttle) -> shared moto
import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createEngine } from '../../src/engine';
import type { EngineOptions, UploadEngineApi } from '../../src/engine/types';
import { startFaultProxy, type FaultProxy } from '../harness/fault-proxy';
import { cleanupTempDirs, makeFile, makeTempDir, sha256File } from '../harness/fixtures';
import {
  createBucket,
  listMultipartUploads,
  listObjects,
  listParts,
  objectSha256,
  testTarget,
  uniqueBucket,
} from '../harness/s3-check';
import { startForwarder, type Forwarder } from './forwarder';
import { EventLog, MiB, muteSdkStreamingNotice, sleep, waitForItem } from './helpers';

const s3 = (): string => inject('s3Endpoint');

let proxy: FaultProxy;
let fwd: Forwarder;
let eng: UploadEngineApi | undefined;
let unmute: () => void;

beforeEach(async () => {
  unmute = muteSdkStreamingNotice();
  proxy = await startFaultProxy(s3());
  fwd = await startForwarder(proxy.port);
});
afterEach(async () => {
  await fwd.up(); // so that close() can clean up whatever is left
  await eng?.close();
  eng = undefined;
  await fwd.close();
  await proxy.close();
  unmute();
});
afterAll(cleanupTempDirs);

async function startUpload(name: string, size: number, seed: number, opts: EngineOptions) {
  const dir = await makeTempDir('hoist-netdown-');
  const file = await makeFile(dir, name, size, seed);
  const bucket = uniqueBucket('netdown');
  await createBucket(s3(), bucket);
  // Slow enough that the outage lands mid-upload.
  proxy.throttle(12 * MiB);
  eng = createEngine({ partSize: 5 * MiB, partsPerFile: 2, ...opts });
  const log = new EventLog(eng);
  const { items } = await eng.add([file], testTarget(fwd.endpoint, bucket));
  const id = items[0]!.id;
  await waitForItem(eng, id, (i) => i.loaded >= 8 * MiB, 20_000, '8 MiB sent');
  return { file, bucket, id, log, eng };
}

// Unreachable errors do not use up attempts (only the unreachable budget ends an outage); this also holds with an
// attempt count so high that it could never be the limit, which the first test uses to isolate the budget.
const ATTEMPTS_NOT_LIMITING = { maxAttempts: 1000 };

async function ridesOutAnOutage(opts: EngineOptions): Promise<void> {
  const OUTAGE_MS = 4000;
  const { file, bucket, id, log, eng } = await startUpload('outage.bin', 30 * MiB, 41, {
    retryBaseDelayMs: 100,
    ...opts,
  });
  const downAt = Date.now();
  await fwd.down();

  const waiting = await waitForItem(
    eng,
    id,
    (i) => i.state.kind === 'retrying' && /Cannot reach/.test(i.state.reason),
    5000,
    "'retrying' with a Cannot reach reason",
  );
  const seenAt = Date.now();
  if (waiting.state.kind !== 'retrying') throw new Error('unreachable');
  expect(waiting.state.reason).toContain(fwd.endpoint);
  expect(waiting.state.retryAt, 'retryAt is in the future').toBeGreaterThan(seenAt);
  expect(waiting.state.attempt).toBeGreaterThanOrEqual(1);

  await sleep(OUTAGE_MS - (Date.now() - downAt));
  // Still waiting, not failed, after the whole outage.
  expect(eng.get(id)?.state.kind, JSON.stringify(eng.get(id)?.state)).toBe('retrying');
  const upAt = Date.now();
  await fwd.up();
  proxy.throttle(null);
  await waitForItem(
    eng,
    id,
    (i) => ['done', 'failed', 'cancelled'].includes(i.state.kind),
    30_000,
    'the upload to finish',
  );
  const end = eng.get(id)!;
  const unreachable = log.retriesOf(id).filter((r) => /Cannot reach/.test(r.reason));
  console.log(
    `[faults] network down: outage ${OUTAGE_MS} ms, ${log.retriesOf(id).length} retries (${unreachable.length} unreachable), ` +
      `done ${Date.now() - upAt} ms after the endpoint came back; final state ${end.state.kind}`,
  );
  expect(end.state, JSON.stringify(end.state)).toMatchObject({ kind: 'done' });
  // The bar's solid part is what the server confirmed: the outage took back bytes in flight, never confirmed ones.
  console.log(`[faults] network down: in-flight bytes taken back during the outage: ${log.loadedFell(id)}`);
  expect(log.confirmedFall(id)).toBeNull();
  expect(unreachable.every((r) => r.reason.includes(fwd.endpoint))).toBe(true);
  expect(await objectSha256(s3(), bucket, 'outage.bin')).toBe(await sha256File(file));
  expect(await listMultipartUploads(s3(), bucket)).toEqual([]);
}

describe('network down', () => {
  it('waits in "retrying" while the endpoint is unreachable, then completes byte-identical once it is back', async () => {
    await ridesOutAnOutage(ATTEMPTS_NOT_LIMITING);
  });

  // With the default maxAttempts: the unreachable budget, not the attempt count, must decide how long an outage lasts.
  it('rides out a 4 s outage with the default maxAttempts (the unreachable budget, not the attempt count, decides)', async () => {
    await ridesOutAnOutage({});
  });

  it('gives up with EndpointUnreachable, naming the endpoint, once unreachableBudgetMs has passed', async () => {
    const BUDGET_MS = 3000;
    const { bucket, id, log, eng } = await startUpload('gone.bin', 30 * MiB, 42, {
      retryBaseDelayMs: 50,
      unreachableBudgetMs: BUDGET_MS,
      ...ATTEMPTS_NOT_LIMITING,
      // The abort cannot get through while the endpoint is down; two tries are enough to say so.
      cleanupAttempts: 2,
    });
    const downAt = Date.now();
    await fwd.down();
    const failed = await waitForItem(eng, id, (i) => i.state.kind === 'failed', BUDGET_MS + 15_000, 'the give-up');
    const failedAfter = Date.now() - downAt; // including the (failing) cleanup attempts
    const s = failed.state;
    if (s.kind !== 'failed') throw new Error('unreachable');
    console.log(
      `[faults] endpoint kept down: failed ${failedAfter} ms after going down (budget ${BUDGET_MS} ms, plus cleanup), ${log.retriesOf(id).length} retries; ${s.error.code}: ${s.error.message}`,
    );
    expect(s.error.code).toBe('EndpointUnreachable');
    expect(s.error.message).toContain(fwd.endpoint);
    // It waited first ("retrying"), and gave up because the budget ran out, not at once.
    expect(log.retriesOf(id).some((r) => /Cannot reach/.test(r.reason))).toBe(true);
    const firstUnreachable = log.retriesOf(id).find((r) => /Cannot reach/.test(r.reason))!;
    const retriedFor = Math.max(...log.retriesOf(id).map((r) => r.retryAt)) - firstUnreachable.seenAt;
    expect(retriedFor, 'retried for the whole budget').toBeGreaterThanOrEqual(BUDGET_MS - 1000);
    // ...and not much longer: the last backoff delays past it are 1.6-6.4 s with a 50 ms base (two parts in flight).
    expect(retriedFor, 'gave up soon after the budget ran out').toBeLessThan(BUDGET_MS + 7000);

    // The multipart upload could not be aborted while the endpoint was down: the item says so and keeps its id,
    // and once the endpoint is back the upload can be discarded, verified.
    expect(s.cleanup).toBe('failed');
    expect(s.uploadId).toBeTruthy();
    await fwd.up();
    const results = await eng.abortIncomplete(testTarget(fwd.endpoint, bucket), bucket, [
      { key: 'gone.bin', uploadId: s.uploadId! },
    ]);
    expect(results.map((r) => r.verified)).toEqual([true]);
    expect(await listMultipartUploads(s3(), bucket)).toEqual([]);
    expect(await listObjects(s3(), bucket)).toEqual([]);
  });

  it('once the endpoint answers again, the row leaves "waiting for network" at the first bytes, not when a part completes', async () => {
    const { bucket, id, eng } = await startUpload('back.bin', 30 * MiB, 44, {
      retryBaseDelayMs: 50,
      ...ATTEMPTS_NOT_LIMITING,
    });
    await fwd.down();
    await waitForItem(eng, id, (i) => i.state.kind === 'retrying', 5000, "'retrying' while down");
    const [upload] = await listMultipartUploads(s3(), bucket);
    const partsBefore = await listParts(s3(), bucket, 'back.bin', upload!.uploadId);
    // So slow that a 5 MiB part takes five seconds: a row that waited for a part to finish would stay red that long.
    proxy.throttle(MiB);
    await fwd.up();
    await waitForItem(eng, id, (i) => i.state.kind === 'uploading', 15_000, "'uploading' once the endpoint is back");
    // No part has landed since the endpoint came back: the row changed on the first bytes, not on a finished part.
    expect(await listParts(s3(), bucket, 'back.bin', upload!.uploadId)).toEqual(partsBefore);
    proxy.throttle(null);
    await waitForItem(eng, id, (i) => i.state.kind === 'done', 30_000, 'the upload to finish');
  });

  it('Retry after a give-up whose parts could not be removed first removes the old upload: only the object is left', async () => {
    const { file, bucket, id, eng } = await startUpload('again.bin', 30 * MiB, 43, {
      retryBaseDelayMs: 50,
      unreachableBudgetMs: 1500,
      ...ATTEMPTS_NOT_LIMITING,
      cleanupAttempts: 2,
    });
    await fwd.down();
    const failed = await waitForItem(eng, id, (i) => i.state.kind === 'failed', 20_000, 'the give-up');
    expect(failed.state).toMatchObject({ kind: 'failed', cleanup: 'failed' });
    const oldUpload = (failed.state as { uploadId?: string }).uploadId;
    expect((await listMultipartUploads(s3(), bucket)).map((u) => u.uploadId)).toEqual([oldUpload]);

    // Still down: the retry cannot remove the old upload, so it does not start a second one.
    eng.retry(id);
    const refused = await waitForItem(eng, id, (i) => i.state.kind === 'failed', 20_000, 'the retry to be refused');
    expect(refused.state).toMatchObject({
      kind: 'failed',
      cleanup: 'failed',
      uploadId: oldUpload,
      error: { code: 'CleanupUnverified' },
    });

    await fwd.up();
    proxy.throttle(null);
    eng.retry(id);
    const done = await waitForItem(
      eng,
      id,
      (i) => ['done', 'failed'].includes(i.state.kind),
      30_000,
      'the retry to finish',
    );
    expect(done.state.kind, JSON.stringify(done.state)).toBe('done');
    expect(await listMultipartUploads(s3(), bucket)).toEqual([]);
    expect(await objectSha256(s3(), bucket, 'again.bin')).toBe(await sha256File(file));
  });

  it('Try now ends the wait at once: with long waits, the upload goes on well before its next attempt was due', async () => {
    // The app's policy (no deadline) with long backoffs: each wait for the network is capped at 5 s.
    const { file, bucket, id, eng } = await startUpload('trynow.bin', 30 * MiB, 45, {
      retryBaseDelayMs: 4000,
      unreachableBudgetMs: Number.POSITIVE_INFINITY,
    });
    await fwd.down();
    const waiting = await waitForItem(
      eng,
      id,
      (i) => i.state.kind === 'retrying' && i.state.retryAt - Date.now() > 1500,
      15_000,
      'a long wait',
    );
    const due = (waiting.state as { retryAt: number }).retryAt;
    await fwd.up();
    proxy.throttle(null);
    const woke = eng.tryNow();
    expect(woke).toBeGreaterThanOrEqual(1);
    await waitForItem(eng, id, (i) => i.state.kind !== 'retrying', 5000, 'the wait to end');
    const movedAt = Date.now();
    console.log(`[faults] Try now: went on ${due - movedAt} ms before the attempt was due`);
    expect(movedAt).toBeLessThan(due);
    await waitForItem(eng, id, (i) => i.state.kind === 'done', 30_000, 'the upload to finish');
    expect(await objectSha256(s3(), bucket, 'trynow.bin')).toBe(await sha256File(file));
    expect(await listMultipartUploads(s3(), bucket)).toEqual([]);
  });
});
