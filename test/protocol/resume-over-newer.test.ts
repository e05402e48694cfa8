// A paused (or interrupted) upload of a key, then another upload of the same key finishes, then the first is resumed
// (the next start's Resume, or `hoist resume` days later). Completing it would put the older file back over the newer
// object, silently. The resume must refuse, naming the key, leave the newer object as it is, and remove its own
// upload, verified. Before, it completed: the key held the old file again.
import { afterAll, expect, it } from 'vitest';
import { createEngine } from '../../src/engine';
import { describeEachBackend, freshBucketOn, targetFor, type S3Backend } from '../harness/backends';
import { cleanupTempDirs, makeFile, makeTempDir, sha256File } from '../harness/fixtures';
import { listMultipartUploads, objectSha256 } from '../harness/s3-check';
import { inState, waitFor } from '../engine/helpers';
import { MiB, proxyable, sleep, useProxyTo } from './helpers';

afterAll(cleanupTempDirs);

describeEachBackend(
  'resuming an upload whose key got a newer object meanwhile',
  (backend: S3Backend) => {
    const proxy = useProxyTo(backend);

    it('refuses to complete it: the newer object stays, and the old upload is removed', async () => {
      const dir = await makeTempDir();
      const older = await makeFile(dir, 'build1.tar', 24 * MiB, 3);
      const newer = await makeFile(dir, 'build2.tar', 7 * MiB, 4);
      const bucket = await freshBucketOn(backend, 'ron');
      const stateDir = await makeTempDir('hoist-state-');
      const target = { ...targetFor(backend, bucket, '', { endpointUrl: proxy().endpoint }) };
      const options = { retryBaseDelayMs: 20, partSize: 5 * MiB, multipartThreshold: 5 * MiB, stateDir };

      proxy().throttle(8 * MiB);
      const first = createEngine(options);
      const [plan] = [await first.plan([older], target)];
      const { items } = await first.add(
        { ...plan, files: plan.files.map((f) => ({ ...f, key: 'latest.tar' })) },
        target,
      );
      await waitFor(first, items[0]!.id, (i) => i.confirmed >= 5 * MiB, 20_000);
      await first.close({ keepPaused: true });
      proxy().throttle(null);
      // The server's clock may lead ours by a little: the newer object is written well after the upload began.
      await sleep(2500);

      const second = createEngine({ ...options, stateDir: await makeTempDir('hoist-state-') });
      const planNew = await second.plan([newer], target);
      const added = await second.add(
        { ...planNew, files: planNew.files.map((f) => ({ ...f, key: 'latest.tar' })) },
        target,
      );
      await waitFor(second, added.items[0]!.id, inState('done', 'failed'), 20_000);
      await second.close();
      const newerHash = await sha256File(newer);
      expect(await objectSha256(backend.endpoint, bucket, 'latest.tar')).toBe(newerHash);

      const third = createEngine(options);
      try {
        const [restored] = third.restore(await third.interrupted(), () => target);
        third.resumeAll();
        await waitFor(third, restored!.id, inState('done', 'failed', 'cancelled'), 20_000);
        const state = third.get(restored!.id)!.state;
        expect(state).toMatchObject({ kind: 'failed', cleanup: 'verified' });
        expect(state.kind === 'failed' && state.error.message).toMatch(/latest\.tar/);
        expect(await objectSha256(backend.endpoint, bucket, 'latest.tar')).toBe(newerHash);
        expect(await listMultipartUploads(backend.endpoint, bucket)).toEqual([]);
      } finally {
        await third.close();
      }
    });
  },
  proxyable,
);
