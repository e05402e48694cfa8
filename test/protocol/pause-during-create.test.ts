// A pause while CreateMultipartUpload is out and its answer has not come: the server made the upload, the proxy holds
// the answer past the job's grace for it, and the job stops without the upload's id. The paused item must still own
// that upload: a cancel removes it (found by listing the key's uploads started since the create went out) and says
// "verified" only once the server shows none, a resume removes it before it starts again, and closing the engine to
// keep paused uploads (Pause and quit) removes it, since no journal entry names it. Before, the pause
// forgot it: the cancel said "nothing to clean up" and the resume made a second upload, the first left for good.
// moto reports every upload as initiated on 2010-11-10, so there the upload cannot be told from an older one of the
// key: Hoist must say it could not confirm, and the upload is indeed there.
import { afterAll, expect, it } from 'vitest';
import { createEngine } from '../../src/engine';
import { freshBucketOn, targetFor, type S3Backend } from '../harness/backends';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { listMultipartUploads, listObjects } from '../harness/s3-check';
import { inState, waitFor } from '../engine/helpers';
import { describeEachBackendAndPath, MiB, proxyable, sleep, useProxyTo, expectUnnamedUploadOutcome } from './helpers';

afterAll(cleanupTempDirs);

const CREATE = /^POST [^ ]*\?uploads/;

describeEachBackendAndPath(
  'a pause while the create is unanswered',
  (backend: S3Backend, dataPath) => {
    const proxy = useProxyTo(backend);

    async function pausedWithUnnamedUpload(name: string) {
      const file = await makeFile(await makeTempDir(), `${name}.bin`, 6 * MiB, 7);
      const bucket = await freshBucketOn(backend, name);
      proxy().delayRequests(CREATE, 2000, 'response');
      const eng = createEngine({
        retryBaseDelayMs: 20,
        dataPath,
        partSize: 5 * MiB,
        multipartThreshold: 5 * MiB,
        createGraceMs: 200,
      });
      const { items } = await eng.add([file], targetFor(backend, bucket, '', { endpointUrl: proxy().endpoint }));
      const id = items[0]!.id;
      await proxy().waitForRequest(CREATE);
      await eng.pause(id);
      expect(eng.get(id)?.state.kind).toBe('paused');
      proxy().clearDelays();
      // The held answer goes back to a request long gone; the server has the upload.
      await sleep(2200);
      expect(await listMultipartUploads(backend.endpoint, bucket)).toHaveLength(1);
      return { eng, id, bucket, key: `${name}.bin` };
    }

    it('a cancel then removes the upload it made, verified', async () => {
      const { eng, id, bucket } = await pausedWithUnnamedUpload('pcc');
      try {
        await eng.cancel(id);
        await expectUnnamedUploadOutcome(backend, eng.get(id)?.state, bucket);
        expect(await listObjects(backend.endpoint, bucket)).toEqual([]);
      } finally {
        await eng.close();
      }
    });

    it('a resume removes it before it starts again: the object lands and no upload is left', async () => {
      const { eng, id, bucket, key } = await pausedWithUnnamedUpload('pcr');
      try {
        eng.resume(id);
        await waitFor(eng, id, inState('done', 'failed'));
        const left = await listMultipartUploads(backend.endpoint, bucket);
        if (backend.name === 'moto') {
          // Not started again: a second upload would leave the first one's parts behind for good.
          expect(eng.get(id)?.state).toMatchObject({ kind: 'failed', cleanup: 'failed' });
          expect(left).toHaveLength(1);
        } else {
          expect(eng.get(id)?.state.kind).toBe('done');
          expect(left).toEqual([]);
          expect((await listObjects(backend.endpoint, bucket)).map((o) => o.key)).toEqual([key]);
        }
      } finally {
        await eng.close();
      }
    });

    it('closing the engine to keep paused uploads removes it: no journal entry would name it at the next start', async () => {
      const { eng, id, bucket } = await pausedWithUnnamedUpload('pcq');
      await eng.close({ keepPaused: true });
      await expectUnnamedUploadOutcome(backend, eng.get(id)?.state, bucket);
    });
  },
  proxyable,
);
