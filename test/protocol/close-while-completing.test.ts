// Quitting the app keeps paused uploads for the next start: close({ keepPaused: true }). A file whose
// CompleteMultipartUpload is out cannot be paused (the server may be making the object), so close must let it finish
// before it lets go of the connections and the history: the item ends 'done', the object is on the server, the
// history the next start reads lists it, and no journal entry is left to offer it as interrupted. Before, close
// returned at once and cut the Complete: the item failed although the server made the object, and it was never
// recorded as finished.
import { afterAll, expect, it } from 'vitest';
import { createEngine } from '../../src/engine';
import { describeEachBackend, freshBucketOn, targetFor, type S3Backend } from '../harness/backends';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { listMultipartUploads, listObjects } from '../harness/s3-check';
import { waitFor } from '../engine/helpers';
import { MiB, proxyable, useProxyTo } from './helpers';

afterAll(cleanupTempDirs);

const COMPLETE = /^POST [^ ]*uploadId=/;

describeEachBackend(
  'closing the engine, keeping paused uploads, while a Complete is out',
  (backend: S3Backend) => {
    const proxy = useProxyTo(backend);

    it('lets the Complete finish: the item is done, recorded, and not offered as interrupted', async () => {
      const file = await makeFile(await makeTempDir(), 'cwc.bin', 6 * MiB, 9);
      const bucket = await freshBucketOn(backend, 'cwc');
      const stateDir = await makeTempDir('hoist-state-');
      proxy().delayRequests(COMPLETE, 1500, 'response');
      const eng = createEngine({ retryBaseDelayMs: 20, partSize: 5 * MiB, multipartThreshold: 5 * MiB, stateDir });
      const { items } = await eng.add([file], targetFor(backend, bucket, '', { endpointUrl: proxy().endpoint }));
      const id = items[0]!.id;
      await proxy().waitForRequest(COMPLETE, 20_000);
      await waitFor(eng, id, (i) => i.state.kind === 'completing');
      await eng.close({ keepPaused: true });
      expect(eng.get(id)?.state.kind).toBe('done');
      expect((await listObjects(backend.endpoint, bucket)).map((o) => o.key)).toEqual(['cwc.bin']);
      expect(await listMultipartUploads(backend.endpoint, bucket)).toEqual([]);

      const next = createEngine({ stateDir });
      try {
        expect(await next.interrupted()).toEqual([]);
        expect((await next.history()).map((h) => h.key)).toEqual(['cwc.bin']);
      } finally {
        await next.close();
      }
    });
  },
  proxyable,
);
