// A single PUT whose body (with its integrity check) reached the server whole, and whose answer never came back in
// time, on its last attempt: the server stored the file. The item must end done, with the object's ETag, not
// "failed" with nothing said of the object in the bucket.
import { afterAll, expect, it } from 'vitest';
import { createEngine } from '../../src/engine';
import { freshBucketOn, targetFor, type S3Backend } from '../harness/backends';
import { cleanupTempDirs, makeFile, makeTempDir, sha256File } from '../harness/fixtures';
import { headObject, objectSha256 } from '../harness/s3-check';
import { inState, waitFor } from '../engine/helpers';
import { describeEachBackendAndPath, MiB, proxyable, useProxyTo } from './helpers';

afterAll(cleanupTempDirs);

describeEachBackendAndPath(
  'a single PUT whose last answer is lost after the server stored it',
  (backend: S3Backend, dataPath) => {
    const proxy = useProxyTo(backend);

    it('ends done with the stored object, not failed', async () => {
      const file = await makeFile(await makeTempDir(), 'lost.bin', 256 * 1024, 43);
      const bucket = await freshBucketOn(backend, 'pal');
      // The request reaches the server whole; its answer is held past the request timeout, and no attempt follows.
      proxy().delayRequests(/^PUT /, 3000, 'response');
      const eng = createEngine({
        dataPath,
        maxAttempts: 1,
        requestTimeoutMs: 1000,
        multipartThreshold: 64 * MiB,
      });
      try {
        const { items } = await eng.add([file], targetFor(backend, bucket, '', { endpointUrl: proxy().endpoint }));
        const id = items[0]!.id;
        await waitFor(eng, id, inState('done', 'failed', 'cleanup-failed'), 15_000);
        const head = await headObject(backend.endpoint, bucket, 'lost.bin');
        expect(head?.size).toBe(256 * 1024);
        expect(await objectSha256(backend.endpoint, bucket, 'lost.bin')).toBe(await sha256File(file));
        const item = eng.get(id)!;
        expect(item.state.kind).toBe('done');
        expect(item.state.kind === 'done' && item.state.etag.replaceAll('"', '')).toBe(head!.etag.replaceAll('"', ''));
        expect(item.confirmed).toBe(256 * 1024);
      } finally {
        await eng.close();
      }
    });
  },
  proxyable,
);
