// A stop while CompleteMultipartUpload is out, where the cleanup's abort does not answer NoSuchUpload and the object
// is there all the same. The server acts on the Complete at once; the proxy holds its answer past the job's wait for
// it (a cancel) or past the request timeout (a failed run), so the job cuts it. The cleanup's first
// AbortMultipartUpload then goes unanswered (the proxy holds it past the client's timeout and drops it when the client
// gives up), and ListParts answers NoSuchUpload: the cleanup has a checked abort and no answer saying the upload was
// already gone. Before, it reported "verified" there without looking for the object, while the bucket held it.
// The code review's case takes the same branch: an abort that the server lets through while it is still joining the
// parts, the object appearing after it. Neither server here can be made to do that on purpose: versitygw stops
// listing the upload as soon as it starts joining (an abort then answers NoSuchUpload, see cancel.test.ts), and in
// moto an abort that lands mid-join makes the Complete fail. So this is the case that reaches that code on a real
// server every time; the case where the abort went through and the Complete had not reached the server (which must
// stay "verified") is in cancel.test.ts.
import { afterAll, expect, it } from 'vitest';
import { createEngine } from '../../src/engine';
import type { EngineOptions } from '../../src/engine/types';
import { freshBucketOn, targetFor, type S3Backend } from '../harness/backends';
import { cleanupTempDirs, makeFile, makeTempDir, sha256File } from '../harness/fixtures';
import { listMultipartUploads, listObjects, objectSha256 } from '../harness/s3-check';
import { describeEachBackendAndPath, MiB, proxyable, useProxyTo } from './helpers';

afterAll(cleanupTempDirs);

const COMPLETE = /^POST [^ ]*\?uploadId=/;
const ABORT = /^DELETE [^ ]*\?uploadId=/;

describeEachBackendAndPath(
  'a Complete cut off, then an abort that does not say the upload was gone',
  (backend: S3Backend, dataPath) => {
    const proxy = useProxyTo(backend);
    const engine = (opts: EngineOptions) =>
      createEngine({ retryBaseDelayMs: 20, dataPath, partSize: 5 * MiB, multipartThreshold: 5 * MiB, ...opts });
    const seen = (re: RegExp) => proxy().requests.filter((r) => re.test(`${r.method} ${r.target}`)).length;

    /** The server completes at once and its answer is held; the first abort is held past the client's timeout. */
    function completeActedOnAbortLost(completeAnswerMs: number): void {
      proxy().delayRequests(COMPLETE, completeAnswerMs, 'response');
      proxy().delayRequests(ABORT, 15_000);
    }

    it('a cancel reports the object kept, never "verified"', async () => {
      const file = await makeFile(await makeTempDir(), 'cut.bin', 10 * MiB, 31);
      const bucket = await freshBucketOn(backend, 'cca');
      completeActedOnAbortLost(3000);
      const eng = engine({ completeWaitMs: 100, requestTimeoutMs: 1500 });
      try {
        const { items } = await eng.add([file], targetFor(backend, bucket, '', { endpointUrl: proxy().endpoint }));
        await proxy().waitForRequest(COMPLETE);
        await eng.cancel(items[0]!.id);
        const state = eng.get(items[0]!.id)!.state;
        // The object is there (the Complete was acted on), and the abort never reached the server.
        expect(await objectSha256(backend.endpoint, bucket, 'cut.bin')).toBe(await sha256File(file));
        expect(await listMultipartUploads(backend.endpoint, bucket)).toEqual([]);
        expect(seen(ABORT)).toBeGreaterThanOrEqual(1);
        expect(state).toEqual({ kind: 'cancelled', cleanup: 'object-kept' });
      } finally {
        await eng.close();
      }
    }, 60_000);

    it('a Complete that timed out with no attempt left: the object is found and the file ends done', async () => {
      const file = await makeFile(await makeTempDir(), 'timed out.bin', 10 * MiB, 32);
      const bucket = await freshBucketOn(backend, 'cct');
      completeActedOnAbortLost(4000);
      const eng = engine({ maxAttempts: 1, requestTimeoutMs: 1500 });
      try {
        const { items } = await eng.add([file], targetFor(backend, bucket, '', { endpointUrl: proxy().endpoint }));
        await eng.idle();
        const state = eng.get(items[0]!.id)!.state;
        expect(await objectSha256(backend.endpoint, bucket, 'timed out.bin')).toBe(await sha256File(file));
        expect(await listMultipartUploads(backend.endpoint, bucket)).toEqual([]);
        expect((await listObjects(backend.endpoint, bucket)).map((o) => o.key)).toEqual(['timed out.bin']);
        expect(seen(ABORT)).toBeGreaterThanOrEqual(1);
        // Before: { kind: 'failed', cleanup: 'verified' }, the object on the server all the same.
        expect(state, JSON.stringify(state)).toMatchObject({ kind: 'done', etag: expect.stringMatching(/-2"?$/) });
      } finally {
        await eng.close();
      }
    }, 60_000);
  },
  proxyable,
);
