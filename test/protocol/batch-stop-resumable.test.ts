// One file fails with an error that every file to the same place would meet (here the key is revoked: the server
// answers 403 InvalidAccessKeyId), and the engine ends the files still queued for that place at once, with the same
// error (batch-stop.ts). A queued file may hold an upload on the server, though: a paused multipart upload the user
// resumed, waiting for its turn, has parts there. Such a file is not failed unseen: it runs, meets the error itself,
// and its own failure says what became of its upload (removed, verified; or not, with its upload id), so that a Retry
// removes it before starting again. Before, it was failed at once as 'none-needed' while the server still listed its
// upload, and a Retry after the key was restored forgot the upload: the object arrived, the upload and its parts
// stayed on the server for good.
import { afterAll, expect, it } from 'vitest';
import { createEngine } from '../../src/engine';
import { freshBucketOn, targetFor, type S3Backend } from '../harness/backends';
import { cleanupTempDirs, makeFile, makeTempDir, sha256File } from '../harness/fixtures';
import { listMultipartUploads, listObjects, listParts, objectSha256 } from '../harness/s3-check';
import { inState, waitFor } from '../engine/helpers';
import { describeEachBackendAndPath, MiB, proxyable, useProxyTo } from './helpers';

afterAll(cleanupTempDirs);

/** What S3 answers a request signed with an access key it no longer knows. */
const REVOKED_KEY = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<Error><Code>InvalidAccessKeyId</Code>',
  '<Message>The AWS Access Key Id you provided does not exist in our records.</Message>',
  '<RequestId>FAULTPROXY</RequestId></Error>',
].join('');
const EVERY_REQUEST = /^/;

describeEachBackendAndPath(
  'a batch stopped while a resumed upload waits in the queue',
  (backend: S3Backend, dataPath) => {
    const proxy = useProxyTo(backend);

    it("the resumed file's upload is never left unaccounted, and a Retry leaves no upload behind", async () => {
      const dir = await makeTempDir();
      const fileB = await makeFile(dir, 'b.bin', 12 * MiB, 41);
      const fileA = await makeFile(dir, 'a.bin', 64 * 1024, 42);
      const bucket = await freshBucketOn(backend, 'bsr');
      const target = targetFor(backend, bucket, '', { endpointUrl: proxy().endpoint });
      const eng = createEngine({
        retryBaseDelayMs: 20,
        dataPath,
        filesInParallel: 1,
        partsPerFile: 1,
        partSize: 5 * MiB,
        multipartThreshold: 5 * MiB,
      });
      try {
        // B is paused once a part is on the server.
        proxy().throttle(4 * MiB);
        const b = (await eng.add([fileB], target)).items[0]!.id;
        await waitFor(eng, b, (i) => i.confirmed >= 5 * MiB, 20_000);
        await eng.pause(b);
        expect(eng.get(b)?.state.kind).toBe('paused');
        const [upload, ...more] = await listMultipartUploads(backend.endpoint, bucket);
        expect(more).toEqual([]);
        expect(upload?.key).toBe('b.bin');
        const parts = await listParts(backend.endpoint, bucket, 'b.bin', upload!.uploadId);
        expect(Array.isArray(parts) && parts.length).toBeGreaterThanOrEqual(1);
        proxy().throttle(null);

        // The key is revoked. A runs; its requests are held a moment, so that B, resumed, waits queued behind it.
        proxy().delayRequests(EVERY_REQUEST, 1500);
        proxy().answerNext(EVERY_REQUEST, 403, REVOKED_KEY, Infinity);
        const a = (await eng.add([fileA], target)).items[0]!.id;
        await waitFor(eng, a, inState('starting', 'uploading', 'failed'), 10_000);
        eng.resume(b);
        expect(eng.get(a)?.state.kind).toMatch(/^(starting|uploading)$/);
        expect(eng.get(b)?.state.kind).toBe('queued');

        await waitFor(eng, a, inState('failed', 'done'), 20_000);
        expect(eng.get(a)?.state).toMatchObject({ kind: 'failed', error: { code: 'InvalidAccessKeyId' } });
        proxy().clearDelays();
        await waitFor(eng, b, inState('failed', 'done', 'cleanup-failed', 'cancelled'), 30_000);
        await eng.idle();

        // What B's state says of its upload is what the server holds: still listed, named for a later sweep and the
        // Retry's removal; or gone, verified.
        const left = await listMultipartUploads(backend.endpoint, bucket);
        const stateB = eng.get(b)!.state;
        expect.soft({ state: stateB, uploads: left.map((u) => u.uploadId) }).toEqual(
          left.length
            ? {
                state: expect.objectContaining({ kind: 'failed', cleanup: 'failed', uploadId: upload!.uploadId }),
                uploads: [upload!.uploadId],
              }
            : { state: expect.objectContaining({ kind: 'failed', cleanup: 'verified' }), uploads: [] },
        );
        expect(stateB).toMatchObject({ error: { code: 'InvalidAccessKeyId' } });

        // The key is back: a Retry of both ends with both objects, and no upload left on the server.
        proxy().clearFaults();
        eng.retry(b);
        eng.retry(a);
        await waitFor(eng, b, inState('done', 'failed', 'cleanup-failed'), 30_000);
        await waitFor(eng, a, inState('done', 'failed', 'cleanup-failed'), 30_000);
        expect(eng.get(b)?.state.kind).toBe('done');
        expect(eng.get(a)?.state.kind).toBe('done');
        expect((await listObjects(backend.endpoint, bucket)).map((o) => o.key).sort()).toEqual(['a.bin', 'b.bin']);
        expect(await objectSha256(backend.endpoint, bucket, 'b.bin')).toBe(await sha256File(fileB));
        expect(await listMultipartUploads(backend.endpoint, bucket), 'uploads left after the Retry').toEqual([]);
      } finally {
        await eng.close();
      }
    });
  },
  proxyable,
);
