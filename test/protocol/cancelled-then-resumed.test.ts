// A cancel whose cleanup could not be confirmed (the server answers every AbortMultipartUpload with 503) keeps the
// upload's journal entry, so that the upload is not forgotten on the server. A later resume (`hoist resume`, or the
// app's Resume on an interrupted upload) must discard that upload, verified, never continue it: the user cancelled
// it. Before, the entry read like any interrupted upload, and the resume completed the cancelled file in the bucket.
import { afterAll, expect, it } from 'vitest';
import { createEngine } from '../../src/engine';
import { describeEachBackend, freshBucketOn, targetFor, type S3Backend } from '../harness/backends';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { inState, waitFor } from '../engine/helpers';
import { expectNothingLeft, MiB, proxyable, useProxyTo } from './helpers';

afterAll(cleanupTempDirs);

const ABORT = /^DELETE [^ ]*\?uploadId=/;
const SLOW_DOWN =
  '<?xml version="1.0" encoding="UTF-8"?><Error><Code>ServiceUnavailable</Code><Message>Try later</Message></Error>';

describeEachBackend(
  'a cancelled upload whose cleanup was not confirmed, then resumed',
  (backend: S3Backend) => {
    const proxy = useProxyTo(backend);

    it('the resume discards it, verified: no object, no upload, no journal entry', async () => {
      const file = await makeFile(await makeTempDir(), 'cancel-me.bin', 24 * MiB, 17);
      const bucket = await freshBucketOn(backend, 'ctr');
      const stateDir = await makeTempDir('hoist-state-');
      const target = targetFor(backend, bucket, '', { endpointUrl: proxy().endpoint });
      const options = { retryBaseDelayMs: 20, partSize: 5 * MiB, multipartThreshold: 5 * MiB, cleanupAttempts: 2 };
      proxy().throttle(8 * MiB);
      const first = createEngine({ ...options, stateDir });
      const { items } = await first.add([file], target);
      const id = items[0]!.id;
      await waitFor(first, id, (i) => i.confirmed >= 5 * MiB, 20_000);
      proxy().answerNext(ABORT, 503, SLOW_DOWN, Infinity);
      await first.cancel(id);
      expect(first.get(id)?.state.kind).toBe('cleanup-failed');
      proxy().clearFaults();
      proxy().throttle(null);
      await first.close({ keepPaused: true });

      const second = createEngine({ ...options, stateDir });
      try {
        const entries = await second.interrupted();
        expect(entries).toHaveLength(1);
        const [restored] = second.restore(entries, () => target);
        second.resumeAll();
        await waitFor(second, restored!.id, inState('cancelled', 'cleanup-failed', 'done', 'failed'), 20_000);
        await second.idle();
        expect(second.get(restored!.id)?.state).toEqual({ kind: 'cancelled', cleanup: 'verified' });
        await expectNothingLeft(backend, bucket);
        expect(await second.interrupted()).toEqual([]);
      } finally {
        await second.close();
      }
    });
  },
  proxyable,
);
