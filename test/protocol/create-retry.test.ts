// A CreateMultipartUpload whose answer never comes (the socket idles past the request timeout) is sent again, and the
// second one is answered. The server made an upload for each: the first one nobody was told the id of. The job must
// not leave it behind: a run that ends in the object removes it, and a cancel removes both uploads and says
// "verified" only once the server lists neither. Before, the first was forgotten: the run ended with it on the
// server, and a cancel said "verified" while ListMultipartUploads still showed it.
// moto reports every upload as initiated on 2010-11-10, so there the first upload cannot be told from an older one of
// the key: it stays, and a cancel says it could not confirm.
import { afterAll, expect, it } from 'vitest';
import { createEngine } from '../../src/engine';
import { freshBucketOn, targetFor, describeEachBackend, type S3Backend } from '../harness/backends';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { listMultipartUploads, listObjects } from '../harness/s3-check';
import { inState, waitFor } from '../engine/helpers';
import { MiB, proxyable, useProxyTo, expectUnnamedUploadOutcome } from './helpers';

afterAll(cleanupTempDirs);

const CREATE = /^POST [^ ]*\?uploads/;

describeEachBackend(
  'a create answered only when sent again',
  (backend: S3Backend) => {
    const proxy = useProxyTo(backend);

    /** Starts the upload; resolves once the second create went out, the first having timed out unanswered. */
    async function startWithLostCreate(name: string, fileSize: number) {
      const file = await makeFile(await makeTempDir(), `${name}.bin`, fileSize, 11);
      const bucket = await freshBucketOn(backend, name);
      // The server acts on the first create at once; its answer is held past the client's request timeout.
      proxy().delayRequests(CREATE, 3000, 'response');
      const eng = createEngine({
        retryBaseDelayMs: 20,
        requestTimeoutMs: 1000,
        partSize: 5 * MiB,
        multipartThreshold: 5 * MiB,
      });
      const { items } = await eng.add([file], targetFor(backend, bucket, '', { endpointUrl: proxy().endpoint }));
      await proxy().waitForRequest(CREATE);
      proxy().clearDelays();
      return { eng, id: items[0]!.id, bucket, key: `${name}.bin` };
    }

    it('the run that ends in the object leaves no upload behind', async () => {
      const { eng, id, bucket, key } = await startWithLostCreate('crd', 6 * MiB);
      try {
        await waitFor(eng, id, inState('done', 'failed'), 20_000);
        expect(eng.get(id)?.state.kind).toBe('done');
        expect(proxy().requests.filter((r) => CREATE.test(`${r.method} ${r.target}`))).toHaveLength(2);
        expect((await listObjects(backend.endpoint, bucket)).map((o) => o.key)).toEqual([key]);
        const left = await listMultipartUploads(backend.endpoint, bucket);
        expect(left).toHaveLength(backend.name === 'moto' ? 1 : 0);
      } finally {
        await eng.close();
      }
    });

    it('a cancel while the parts go out removes both uploads, verified', async () => {
      const { eng, id, bucket } = await startWithLostCreate('crc', 40 * MiB);
      try {
        proxy().throttle(4 * MiB);
        await waitFor(eng, id, inState('uploading', 'failed'), 20_000);
        expect(eng.get(id)?.state.kind).toBe('uploading');
        await eng.cancel(id);
        await expectUnnamedUploadOutcome(backend, eng.get(id)?.state, bucket);
        expect(await listObjects(backend.endpoint, bucket)).toEqual([]);
      } finally {
        await eng.close();
      }
    });
  },
  proxyable,
);
