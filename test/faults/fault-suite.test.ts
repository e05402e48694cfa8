// The fault-injection suite (issue 5, "Faults"): 30 files go through a TCP proxy that resets connections mid-part
// and mid-PUT, stalls them and throttles them, 100+ faults in all, while some files are cancelled mid-fault, paused
// and discarded, or paused and resumed. Then, checked with boto3 against the server:
//   - 0 corrupted objects: every object is downloaded and compared with its file;
//   - 0 incomplete uploads left after cancel or discard (and none left by anything else);
//   - every give-up surfaced with its reason (code + a message naming the endpoint, bucket or file).
// The numbers are printed for the CI log.
//
//   engine -> fault proxy (resets, stalls, throttle) -> private moto server
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { createEngine } from '../../src/engine';
import type { UploadEngineApi } from '../../src/engine/types';
import type { UploadItem } from '../../src/shared/upload-item';
import { isActive, isFinished } from '../../src/shared/upload-state';
import { startFaultProxy } from '../harness/fault-proxy';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { startMoto } from '../harness/moto';
import { createBucket, listMultipartUploads, testTarget, uniqueBucket } from '../harness/s3-check';
import { FaultDriver } from './fault-driver';
import { checkServer, EventLog, expectExplainedFailure, MiB, muteSdkStreamingNotice, sleep } from './helpers';

const REQUEST_TIMEOUT_MS = 1500;
const MAX_ATTEMPTS = 8;
/** Targeted faults per request at most: well under MAX_ATTEMPTS, so every file can survive. */
const CAP_PER_REQUEST = 3;
const MIN_FAULTS = 100;

/** 30 files, 6-24 MiB: those under 8 MiB go as single PUTs, the others as 2-5 parts of 5 MiB. */
const SIZES_MIB = Array.from({ length: 30 }, (_, i) => [6, 14, 9, 22, 7, 17, 12, 24, 10, 19][i % 10]!);
/** What the test does to some files while the faults fly (by index; all multipart files of 17 MiB or more). */
const ROLES: Record<number, 'cancel' | 'discard' | 'pause-resume'> = {
  7: 'cancel',
  13: 'cancel',
  25: 'cancel',
  17: 'discard',
  23: 'discard',
  3: 'pause-resume',
  19: 'pause-resume',
};

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
afterAll(cleanupTempDirs);

describe('fault-injection suite', () => {
  it(`${SIZES_MIB.length} uploads under ${MIN_FAULTS}+ faults: nothing corrupted, nothing left behind, every give-up explained`, async () => {
    const started = performance.now();
    cleanups.push(muteSdkStreamingNotice());
    const moto = await startMoto();
    cleanups.push(() => moto.stop());
    const proxy = await startFaultProxy(moto.port);
    cleanups.push(() => proxy.close());
    const bucket = uniqueBucket('faults');
    await createBucket(moto.endpoint, bucket);
    const dir = await makeTempDir('hoist-faults-');
    const paths = await Promise.all(
      SIZES_MIB.map((m, i) => makeFile(dir, `f${String(i).padStart(2, '0')}.bin`, m * MiB, 500 + i)),
    );
    const pathOfKey = new Map(paths.map((p, i) => [`f${String(i).padStart(2, '0')}.bin`, p]));

    const eng: UploadEngineApi = createEngine({
      partSize: 5 * MiB,
      filesInParallel: 4,
      partsPerFile: 3,
      retryBaseDelayMs: 20,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      maxAttempts: MAX_ATTEMPTS,
    });
    cleanups.push(() => eng.close());

    // ---- actions on the files with a role, started from the engine's own events ----
    const roleOf = new Map<string, (typeof ROLES)[number]>();
    const actions: Promise<void>[] = [];
    const acted = new Set<string>();
    const outcome = {
      cancelledMidFault: 0,
      cancelledMidUpload: 0,
      discarded: 0,
      resumed: 0,
      leftAfterCancel: 0,
      actionErrors: [] as string[],
    };
    const act = (item: UploadItem, what: () => Promise<void>): void => {
      acted.add(item.id);
      actions.push(
        what().catch((err: Error) => void outcome.actionErrors.push(`${item.key}: ${err.stack ?? err.message}`)),
      );
    };
    /** The upload of `key` must be gone from the server as soon as its cancel or discard has resolved. */
    const checkGone = async (key: string): Promise<void> => {
      const left = (await listMultipartUploads(moto.endpoint, bucket)).filter((u) => u.key === key);
      outcome.leftAfterCancel += left.length;
    };
    const log = new EventLog(eng, (item) => {
      const role = roleOf.get(item.id);
      if (!role || acted.has(item.id) || !isActive(item.state.kind)) return;
      const share = item.loaded / item.total;
      if (role === 'cancel' && ((item.state.kind === 'retrying' && share > 0.1) || share >= 0.6)) {
        const midFault = item.state.kind === 'retrying';
        act(item, async () => {
          await eng.cancel(item.id);
          if (midFault) outcome.cancelledMidFault++;
          else outcome.cancelledMidUpload++;
          await checkGone(item.key);
        });
      } else if (role === 'discard' && share >= 0.35) {
        act(item, async () => {
          await eng.pause(item.id);
          // Paused: the upload and its parts stay on the server; the discard then removes them, verified.
          if (eng.get(item.id)?.state.kind !== 'paused')
            throw new Error(`not paused: ${JSON.stringify(eng.get(item.id)?.state)}`);
          const kept = (await listMultipartUploads(moto.endpoint, bucket)).filter((u) => u.key === item.key);
          if (kept.length !== 1) throw new Error(`paused upload not kept on the server: ${JSON.stringify(kept)}`);
          await eng.cancel(item.id);
          outcome.discarded++;
          await checkGone(item.key);
        });
      } else if (role === 'pause-resume' && share >= 0.35) {
        act(item, async () => {
          await eng.pause(item.id);
          await sleep(300);
          eng.resume(item.id);
          outcome.resumed++;
        });
      }
    });
    cleanups.push(() => log.stop());

    // ---- run ----
    const driver = new FaultDriver(proxy, {
      capPerRequest: CAP_PER_REQUEST,
      longStallMs: REQUEST_TIMEOUT_MS + 1000,
      shortStallMs: REQUEST_TIMEOUT_MS / 3,
      throttleBytesPerSecond: 24 * MiB,
      // 420 MiB at 32 MiB/s: at least 13 s of upload, which met 127 and 150 faults in CI (an unthrottled run that
      // took 9.3 s met only 80).
      baseBytesPerSecond: 32 * MiB,
      throttleMs: 700,
      throttleEveryMs: 3000,
    });
    cleanups.push(() => driver.stop());
    const uploadStarted = performance.now();
    const { items, rejected } = await eng.add(paths, testTarget(proxy.endpoint, bucket));
    expect(rejected).toEqual([]);
    items.forEach((item, i) => ROLES[i] && roleOf.set(item.id, ROLES[i]));

    const finished = (async () => {
      for (;;) {
        await eng.idle();
        await Promise.all(actions);
        if (eng.snapshot().every((i) => isFinished(i.state.kind))) return;
        await sleep(50);
      }
    })();
    await Promise.race([
      finished,
      sleep(75_000).then(() => {
        throw new Error(
          `uploads not finished after 75 s: ${JSON.stringify(
            eng
              .snapshot()
              .filter((i) => !isFinished(i.state.kind))
              .map((i) => [i.key, i.state]),
          )}`,
        );
      }),
    ]);
    const uploadSeconds = (performance.now() - uploadStarted) / 1000;
    const faults = await driver.stop();

    // ---- what the engine says, and what the server holds ----
    const end = eng.snapshot();
    const kinds = (k: string) => end.filter((i) => i.state.kind === k);
    const done = kinds('done');
    const failed = kinds('failed');
    const cancelled = kinds('cancelled');
    const expected = new Map<string, string>();
    for (const i of done) expected.set(i.key, pathOfKey.get(i.key)!);
    // A cancel that lost the race with the upload's completion keeps the (whole) object; it must be intact too.
    for (const i of cancelled)
      if (i.state.kind === 'cancelled' && i.state.cleanup === 'object-kept') expected.set(i.key, pathOfKey.get(i.key)!);
    const server = await checkServer(moto.endpoint, bucket, expected);

    const totalBytes = SIZES_MIB.reduce((a, b) => a + b, 0) * MiB;
    console.log(
      [
        `[faults] fault suite: ${end.length} files (${(totalBytes / MiB).toFixed(0)} MiB) in ${uploadSeconds.toFixed(1)} s, ` +
          `${(proxy.bytesUp / MiB).toFixed(0)} MiB sent through the proxy`,
        `[faults]   faults injected: ${faults.injected} (~by kind ${JSON.stringify(faults.byKind)}), throttle episodes ${faults.throttleEpisodes}`,
        `[faults]   done ${done.length}, failed ${failed.length}, cancelled ${cancelled.length} ` +
          `(${outcome.cancelledMidFault} mid-fault, ${outcome.cancelledMidUpload} mid-upload, ${outcome.discarded} paused then discarded), ` +
          `paused and resumed ${outcome.resumed}`,
        `[faults]   retries observed ('retrying' states): ${log.retries.length} on ${new Set(log.retries.map((r) => r.id)).size} files`,
        `[faults]   corrupted ${server.corrupted.length}, leftover uploads ${server.leftoverUploads.length}, ` +
          `left right after cancel/discard ${outcome.leftAfterCancel}, stray objects ${server.strayObjects.length}`,
        `[faults]   total ${((performance.now() - started) / 1000).toFixed(1)} s`,
      ].join('\n'),
    );
    for (const f of failed)
      if (f.state.kind === 'failed')
        console.log(`[faults]   failed ${f.key}: ${f.state.error.code}: ${f.state.error.message}`);

    expect(outcome.actionErrors).toEqual([]);
    expect(faults.injected).toBeGreaterThanOrEqual(MIN_FAULTS);
    expect(log.retries.length).toBeGreaterThan(0);
    expect(server.corrupted).toEqual([]);
    expect(server.leftoverUploads).toEqual([]);
    expect(outcome.leftAfterCancel).toBe(0);
    expect(server.strayObjects).toEqual([]);
    for (const i of end)
      expect(['done', 'failed', 'cancelled'], `${i.key}: ${JSON.stringify(i.state)}`).toContain(i.state.kind);
    for (const f of failed)
      expectExplainedFailure(f, { endpoint: proxy.endpoint, bucket, path: pathOfKey.get(f.key)! });
    for (const c of cancelled)
      expect(['verified', 'none-needed', 'object-kept']).toContain(c.state.kind === 'cancelled' && c.state.cleanup);
    // Every fault here is survivable (CAP_PER_REQUEST < MAX_ATTEMPTS): a file that failed gave up too early.
    expect(failed.map((f) => f.key)).toEqual([]);
    // Every file arrived but those cancelled or discarded on purpose, and each of those was acted on mid-upload.
    expect(acted.size).toBe(Object.keys(ROLES).length);
    for (const i of end) {
      const role = roleOf.get(i.id);
      expect(i.state.kind, `${i.key} (${role ?? 'no role'})`).toBe(
        role === 'cancel' || role === 'discard' ? 'cancelled' : 'done',
      );
    }
  }, 110_000);
});
