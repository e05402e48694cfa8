// Cancel in every phase (queued, create, parts, complete) and Cancel all, on every server: what the item reports must
// be what the server holds afterwards. Nothing is reported cleaned up while an upload or an object of it can still
// appear.
import { afterAll, expect, it } from 'vitest';
import { createEngine } from '../../src/engine';
import type { EngineOptions } from '../../src/engine/types';
import { freshBucketOn, targetFor, type S3Backend } from '../harness/backends';
import { cleanupTempDirs, makeFile, makeTempDir, sha256File } from '../harness/fixtures';
import { listMultipartUploads, listObjects, objectSha256 } from '../harness/s3-check';
import { inState, waitFor } from '../engine/helpers';
import { describeEachBackendAndPath, expectNothingLeft, MiB, proxyable, sleep, useProxyTo } from './helpers';

afterAll(cleanupTempDirs);

const CREATE = /^POST [^ ]*\?uploads/;
const COMPLETE = /^POST [^ ]*uploadId=/;

describeEachBackendAndPath(
  'cancel through a proxy',
  (backend: S3Backend, dataPath) => {
    const engine = (opts: EngineOptions = {}) => createEngine({ retryBaseDelayMs: 20, dataPath, ...opts });
    const proxy = useProxyTo(backend);
    const via = (bucket: string) => targetFor(backend, bucket, '', { endpointUrl: proxy().endpoint });

    it('while queued: nothing is sent for it and nothing is left', async () => {
      const dir = await makeTempDir();
      const files = [await makeFile(dir, 'first.bin', 20 * MiB, 1), await makeFile(dir, 'second.bin', 20 * MiB, 2)];
      const bucket = await freshBucketOn(backend, 'pq');
      proxy().throttle(5 * MiB);
      const eng = engine({ filesInParallel: 1 });
      const { items } = await eng.add(files, via(bucket));
      await eng.cancel(items[1]!.id);
      expect(eng.get(items[1]!.id)?.state).toEqual({ kind: 'cancelled', cleanup: 'none-needed' });
      await eng.cancel(items[0]!.id);
      expect(proxy().requests.some((r) => r.target.includes('second.bin'))).toBe(false);
      await expectNothingLeft(backend, bucket);
      await eng.close();
    });

    it('while CreateMultipartUpload is slow to answer, within the grace: its upload is aborted by id', async () => {
      const dir = await makeTempDir();
      const file = await makeFile(dir, 'create.bin', 20 * MiB, 3);
      const bucket = await freshBucketOn(backend, 'pc');
      // The server makes the upload at once; only its answer is late.
      proxy().delayRequests(CREATE, 1500, 'response');
      const eng = engine({ createGraceMs: 5000 });
      const { items } = await eng.add([file], via(bucket));
      await proxy().waitForRequest(CREATE);
      await eng.cancel(items[0]!.id);
      expect(eng.get(items[0]!.id)?.state).toEqual({ kind: 'cancelled', cleanup: 'verified' });
      await expectNothingLeft(backend, bucket);
      await eng.close();
    });

    it('while CreateMultipartUpload answers after the grace: the upload it made is found, aborted and checked', async () => {
      const dir = await makeTempDir();
      const file = await makeFile(dir, 'slow create.bin', 20 * MiB, 4);
      const bucket = await freshBucketOn(backend, 'pcs');
      proxy().delayRequests(CREATE, 4000, 'response');
      const eng = engine({ createGraceMs: 300 });
      const { items } = await eng.add([file], via(bucket));
      await proxy().waitForRequest(CREATE);
      await sleep(200);
      await eng.cancel(items[0]!.id);
      const state = eng.get(items[0]!.id)!.state;
      const left = await listMultipartUploads(backend.endpoint, bucket);
      if (backend.name === 'moto') {
        // moto reports every upload as initiated on 2010-11-10, so the upload cannot be told from an older one of the
        // key: Hoist must say it could not confirm, and the upload is indeed there.
        expect(state.kind).toBe('cleanup-failed');
        expect(left.map((u) => u.key)).toEqual(['slow create.bin']);
      } else {
        expect(state).toEqual({ kind: 'cancelled', cleanup: 'verified' });
        expect(left).toEqual([]);
      }
      expect(await listObjects(backend.endpoint, bucket)).toEqual([]);
      await eng.close();
    });

    it('while parts are uploading: no part byte reaches the server 100 ms after the cancel (past those already on their way), and the cleanup is verified', async () => {
      const dir = await makeTempDir();
      const file = await makeFile(dir, 'parts.bin', 48 * MiB, 5);
      const bucket = await freshBucketOn(backend, 'pp');
      const rate = 16 * MiB;
      proxy().throttle(rate);
      const eng = engine();
      const { items } = await eng.add([file], via(bucket));
      const id = items[0]!.id;
      await waitFor(eng, id, (i) => i.loaded > 12 * MiB);
      // What had already reached the proxy's machine (its kernel queues, its own buffers) left Hoist before the cancel,
      // and the throttled proxy goes on reading it for a while: the 100 ms start once that backlog has gone through at
      // the throttled rate. Over TLS the kernel keeps several times more of it queued than in clear text (2.6 against
      // 0.4 MB measured), so a fixed 100 ms counted bytes that had left before the cancel. The allowance is the same
      // as before otherwise: what the proxy reads in 100 ms, on top of that backlog.
      const backlogMs = (proxy().backlogBytes() / rate) * 1000;
      let bytesAt100ms = Number.NaN;
      const sample = sleep(100 + backlogMs).then(() => (bytesAt100ms = proxy().bytesUp));
      const confirmedBefore = eng.get(id)!.confirmed;
      const cancelAt = performance.now();
      await eng.cancel(id);
      expect(eng.get(id)?.state).toEqual({ kind: 'cancelled', cleanup: 'verified' });
      // The cancelled row keeps how far the server had got (its parts are gone now, but 55% must not turn into 40%).
      expect(eng.get(id)!.confirmed).toBeGreaterThanOrEqual(confirmedBefore);
      await sample;
      await sleep(300);
      const after = proxy().requests.filter((r) => r.at > cancelAt);
      expect(after.every((r) => r.method === 'DELETE' || r.method === 'GET' || r.method === 'HEAD')).toBe(true);
      expect(proxy().bytesUp - bytesAt100ms).toBeLessThan(2048 * Math.max(1, after.length));
      await expectNothingLeft(backend, bucket);
      await eng.close();
    });

    it('while CompleteMultipartUpload is in flight: the cancel waits for its answer and reports the object as kept', async () => {
      const dir = await makeTempDir();
      const file = await makeFile(dir, 'complete.bin', 10 * MiB, 6);
      const bucket = await freshBucketOn(backend, 'pm');
      proxy().delayRequests(COMPLETE, 1000, 'response');
      const eng = engine();
      const { items } = await eng.add([file], via(bucket));
      await proxy().waitForRequest(COMPLETE);
      await eng.cancel(items[0]!.id);
      expect(eng.get(items[0]!.id)?.state).toEqual({ kind: 'cancelled', cleanup: 'object-kept' });
      expect(await listMultipartUploads(backend.endpoint, bucket)).toEqual([]);
      expect(await objectSha256(backend.endpoint, bucket, 'complete.bin')).toBe(await sha256File(file));
      await eng.close();
    });

    it('when the Complete it stopped waiting for had already been acted on: the object is found and reported kept', async () => {
      const dir = await makeTempDir();
      const file = await makeFile(dir, 'acted.bin', 10 * MiB, 7);
      const bucket = await freshBucketOn(backend, 'pma');
      proxy().delayRequests(COMPLETE, 3000, 'response');
      const eng = engine({ completeWaitMs: 100 });
      const { items } = await eng.add([file], via(bucket));
      await proxy().waitForRequest(COMPLETE);
      await eng.cancel(items[0]!.id);
      expect(eng.get(items[0]!.id)?.state).toEqual({ kind: 'cancelled', cleanup: 'object-kept' });
      expect(await objectSha256(backend.endpoint, bucket, 'acted.bin')).toBe(await sha256File(file));
      await eng.close();
    });

    it('when a Complete goes unanswered past the wait and never reached the server: it is cut, and the abort is verified', async () => {
      const dir = await makeTempDir();
      const file = await makeFile(dir, 'late.bin', 10 * MiB, 11);
      const bucket = await freshBucketOn(backend, 'pml');
      // The proxy holds the request itself, and drops it when the client resets: the server never sees it.
      proxy().delayRequests(COMPLETE, 3000);
      const eng = engine({ completeWaitMs: 200 });
      const { items } = await eng.add([file], via(bucket));
      await proxy().waitForRequest(COMPLETE);
      await eng.cancel(items[0]!.id);
      expect(eng.get(items[0]!.id)?.state).toEqual({ kind: 'cancelled', cleanup: 'verified' });
      await sleep(3500);
      await expectNothingLeft(backend, bucket);
      await eng.close();
    });

    it('a Complete whose answer is lost after the server acted on it: the file ends done, not failed', async () => {
      const dir = await makeTempDir();
      const file = await makeFile(dir, 'lost.bin', 10 * MiB, 12);
      const bucket = await freshBucketOn(backend, 'pmlost');
      // The server completes at once; its answer is held past the request timeout, and there is no second attempt.
      proxy().delayRequests(COMPLETE, 4000, 'response');
      const eng = engine({ maxAttempts: 1, requestTimeoutMs: 1000 });
      const { items } = await eng.add([file], via(bucket));
      await eng.idle();
      expect(eng.get(items[0]!.id)?.state).toMatchObject({ kind: 'done', etag: expect.stringMatching(/-2"?$/) });
      expect(await objectSha256(backend.endpoint, bucket, 'lost.bin')).toBe(await sha256File(file));
      expect(await listMultipartUploads(backend.endpoint, bucket)).toEqual([]);
      await eng.close();
    });

    it('cancel all during a batch: every file ends cancelled, and nothing is left', async () => {
      const dir = await makeTempDir();
      const files = await Promise.all([1, 2, 3, 4].map((n) => makeFile(dir, `f${n}.bin`, 12 * MiB, 20 + n)));
      const bucket = await freshBucketOn(backend, 'pall');
      proxy().throttle(12 * MiB);
      const eng = engine();
      const { items } = await eng.add(files, via(bucket));
      await waitFor(eng, items[0]!.id, (i) => i.loaded > 2 * MiB);
      await eng.cancelAll();
      for (const item of eng.snapshot()) expect(item.state.kind).toBe('cancelled');
      await expectNothingLeft(backend, bucket);
      await eng.close();
    });

    it('a single PUT cut off mid-body leaves no object (its integrity check makes the server refuse the rest)', async () => {
      const dir = await makeTempDir();
      const file = await makeFile(dir, 'small.bin', 6 * MiB, 8);
      const bucket = await freshBucketOn(backend, 'ps');
      proxy().throttle(3 * MiB);
      const eng = engine();
      const { items } = await eng.add([file], via(bucket));
      await waitFor(eng, items[0]!.id, (i) => i.loaded > 2 * MiB);
      await eng.cancel(items[0]!.id);
      expect(eng.get(items[0]!.id)?.state).toEqual({ kind: 'cancelled', cleanup: 'none-needed' });
      await sleep(500);
      await expectNothingLeft(backend, bucket);
      await eng.close();
    });
  },
  proxyable,
);

describeEachBackendAndPath('cancel without a proxy', (backend: S3Backend, dataPath) => {
  const engine = (opts: EngineOptions = {}) => createEngine({ retryBaseDelayMs: 20, dataPath, ...opts });
  it('mid-upload under a speed limit: verified, nothing left', async () => {
    const dir = await makeTempDir();
    const file = await makeFile(dir, 'limited.bin', 24 * MiB, 9);
    const bucket = await freshBucketOn(backend, 'pl');
    const eng = engine({ bytesPerSecond: 12 * MiB });
    const { items } = await eng.add([file], targetFor(backend, bucket));
    await waitFor(eng, items[0]!.id, (i) => i.loaded > 8 * MiB);
    await eng.cancel(items[0]!.id);
    expect(eng.get(items[0]!.id)?.state).toEqual({ kind: 'cancelled', cleanup: 'verified' });
    await expectNothingLeft(backend, bucket);
    await eng.close();
  });
});

describeEachBackendAndPath(
  'cancel while the server is still making the object',
  (backend: S3Backend, dataPath) => {
    const engine = (opts: EngineOptions = {}) => createEngine({ retryBaseDelayMs: 20, dataPath, ...opts });
    // versitygw takes about half a second to join 256 MiB of parts, and stops listing the upload as soon as it starts:
    // an abort then answers NoSuchUpload although the object does not exist yet. Reporting "verified" there was the
    // bug; the object appeared afterwards.
    it('after the wait for the Complete ran out: the object is waited for and reported kept, never "verified"', async () => {
      const dir = await makeTempDir();
      const file = await makeFile(dir, 'big.bin', 256 * MiB, 10);
      const bucket = await freshBucketOn(backend, 'pbig');
      const eng = engine({ completeWaitMs: 20, partSize: 16 * MiB });
      const { items } = await eng.add([file], targetFor(backend, bucket));
      await waitFor(eng, items[0]!.id, inState('completing'), 120_000);
      await eng.cancel(items[0]!.id);
      const state = eng.get(items[0]!.id)!.state;
      await sleep(3000);
      const objects = await listObjects(backend.endpoint, bucket);
      if (state.kind === 'cancelled' && state.cleanup === 'verified') expect(objects).toEqual([]);
      else expect(state).toEqual({ kind: 'cancelled', cleanup: 'object-kept' });
      expect(await listMultipartUploads(backend.endpoint, bucket)).toEqual([]);
      if (objects.length) expect(await objectSha256(backend.endpoint, bucket, 'big.bin')).toBe(await sha256File(file));
      await eng.close();
    }, 180_000);
  },
  (b) => b.name === 'versitygw',
);
