// The journal's folder becomes unusable while an upload runs (here: replaced by a file, as a full or removed disk
// would leave it). The upload on the server is still this job's to remove, and removing it must end the item: a
// cancel ends 'cancelled' with the upload verified gone, a run stopped by the failed journal write ends 'failed' the
// same way. Before, removing the journal's entry threw after the abort, and the item stayed 'cancelling' or 'failing'
// for good (and the throw surfaced as an unhandled rejection).
import { afterAll, expect, it } from 'vitest';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createEngine } from '../../src/engine';
import { describeEachBackend, freshBucketOn, targetFor, type S3Backend } from '../harness/backends';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { inState, waitFor } from '../engine/helpers';
import { expectNothingLeft, MiB, proxyable, useProxyTo } from './helpers';

afterAll(cleanupTempDirs);

describeEachBackend(
  'a journal folder that breaks mid-upload',
  (backend: S3Backend) => {
    const proxy = useProxyTo(backend);

    async function uploadingWithBrokenJournal(name: string) {
      const file = await makeFile(await makeTempDir(), `${name}.bin`, 40 * MiB, 5);
      const bucket = await freshBucketOn(backend, name);
      const stateDir = await makeTempDir('hoist-state-');
      proxy().throttle(8 * MiB);
      const eng = createEngine({ retryBaseDelayMs: 20, partSize: 5 * MiB, multipartThreshold: 5 * MiB, stateDir });
      const { items } = await eng.add([file], targetFor(backend, bucket, '', { endpointUrl: proxy().endpoint }));
      const id = items[0]!.id;
      await waitFor(eng, id, (i) => i.state.kind === 'uploading' && i.loaded > 0, 20_000);
      const journalDir = join(stateDir, 'uploads');
      await rm(journalDir, { recursive: true, force: true });
      await writeFile(journalDir, 'not a folder');
      return { eng, id, bucket };
    }

    it('a cancel removes the upload, verified, and the item ends cancelled', async () => {
      const { eng, id, bucket } = await uploadingWithBrokenJournal('jbc');
      try {
        const cancelled = eng.cancel(id);
        await waitFor(eng, id, inState('cancelled', 'cleanup-failed', 'failed'), 20_000);
        await cancelled;
        expect(eng.get(id)?.state).toEqual({ kind: 'cancelled', cleanup: 'verified' });
        await expectNothingLeft(backend, bucket);
      } finally {
        await eng.close();
      }
    });

    it('the run the failed journal write stops ends failed, its upload verified gone', async () => {
      const { eng, id, bucket } = await uploadingWithBrokenJournal('jbf');
      try {
        await waitFor(eng, id, inState('done', 'failed', 'cancelled'), 30_000);
        const state = eng.get(id)!.state;
        expect(state).toMatchObject({ kind: 'failed', cleanup: 'verified' });
        // The journal, not the server, is named as what failed.
        expect(state.kind === 'failed' && state.error.message).toMatch(
          /could not record how far the upload of .*jbf.bin.* has got in .*uploads/,
        );
        await expectNothingLeft(backend, bucket);
      } finally {
        await eng.close();
      }
    });
  },
  proxyable,
);
