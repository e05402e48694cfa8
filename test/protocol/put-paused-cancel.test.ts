// A single PUT paused after its whole body went out and before its answer came: the server may have stored the file,
// in place of what the key held. A cancel of the paused item must look at the key, as a cancel of the running PUT
// does, and say what is there: never "nothing had reached the server" while the object is.
import { afterAll, expect, it } from 'vitest';
import { createEngine } from '../../src/engine';
import { freshBucketOn, targetFor, type S3Backend } from '../harness/backends';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { headObject } from '../harness/s3-check';
import { waitFor } from '../engine/helpers';
import { describeEachBackendAndPath, MiB, proxyable, sleep, useProxyTo } from './helpers';

afterAll(cleanupTempDirs);

describeEachBackendAndPath(
  'a single PUT paused after its body went out, then cancelled',
  (backend: S3Backend, dataPath) => {
    const proxy = useProxyTo(backend);

    it('looks at the key: the object the server stored is reported kept', async () => {
      const file = await makeFile(await makeTempDir(), 'held.bin', 256 * 1024, 41);
      const bucket = await freshBucketOn(backend, 'ppc');
      // The request reaches the server whole; only its answer is held back.
      proxy().delayRequests(/^PUT /, 4000, 'response');
      const eng = createEngine({ dataPath, retryBaseDelayMs: 20, multipartThreshold: 64 * MiB });
      try {
        const { items } = await eng.add([file], targetFor(backend, bucket, '', { endpointUrl: proxy().endpoint }));
        const id = items[0]!.id;
        await waitFor(eng, id, (i) => i.loaded === i.total && i.state.kind === 'uploading');
        await eng.pause(id);
        expect(eng.get(id)!.state.kind).toBe('paused');
        // The server had the whole body: it stores the file whatever became of its answer.
        for (let waited = 0; !(await headObject(backend.endpoint, bucket, 'held.bin')) && waited < 5000; waited += 100)
          await sleep(100);
        expect((await headObject(backend.endpoint, bucket, 'held.bin'))?.size).toBe(256 * 1024);
        await eng.cancel(id);
        expect(eng.get(id)!.state).toEqual({ kind: 'cancelled', cleanup: 'object-kept' });
      } finally {
        await eng.close();
      }
    });
  },
  proxyable,
);
