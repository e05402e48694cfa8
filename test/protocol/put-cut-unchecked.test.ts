// A single PUT whose body carries no integrity check (checksum 'off') and is cut off mid-body: nothing makes the
// server refuse the short body, and versitygw stores the prefix it got (replacing what the key held). What the item
// reports must be what the server holds: with an object at the key that is not the whole file, never "none-needed",
// but cleanup-failed, worded; with nothing there, none-needed stands. Hoist never deletes that object (it cannot
// tell it is its own), so whatever the key held is there or replaced, never removed.
import { createHash } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { createEngine } from '../../src/engine';
import type { EngineOptions } from '../../src/engine/types';
import type { UploadState } from '../../src/shared/upload-state';
import { freshBucketOn, targetFor, type S3Backend } from '../harness/backends';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { headObject, listMultipartUploads, objectSha256, putObject } from '../harness/s3-check';
import { inState, waitFor } from '../engine/helpers';
import { describeEachBackendAndPath, MiB, proxyable, sleep, useProxyTo } from './helpers';

afterAll(cleanupTempDirs);

const SIZE = 6 * MiB;
/** What the item must say about a key that holds an object other than the whole file after the cut. */
const PARTIAL_COPY = /may have stored a partial copy of the file there, replacing what the key held/;

describeEachBackendAndPath(
  'a single PUT with no integrity check, cut off mid-body',
  (backend: S3Backend, dataPath) => {
    // The file goes out in one PUT: far below the threshold.
    const engine = (opts: EngineOptions = {}) =>
      createEngine({ retryBaseDelayMs: 20, dataPath, multipartThreshold: 64 * MiB, ...opts });
    const proxy = useProxyTo(backend);
    const via = (bucket: string) => targetFor(backend, bucket, '', { endpointUrl: proxy().endpoint, checksum: 'off' });

    /** What the key holds some time after the item settled (a server may store the cut body a little later). */
    async function heldAfter(bucket: string, key: string) {
      await sleep(1000);
      const head = await headObject(backend.endpoint, bucket, key);
      console.log(
        `[protocol] ${backend.name} (${dataPath}): after the cut, ${key} holds ${head ? `${head.size} bytes` : 'nothing'}`,
      );
      return head;
    }

    /** Starts the unchecked PUT of file, cancels it mid-body, and answers the item's state and what the key holds. */
    async function cancelledMidBody(file: string, bucket: string, key: string) {
      proxy().throttle(3 * MiB);
      const eng = engine();
      const { items } = await eng.add([file], via(bucket));
      const id = items[0]!.id;
      await waitFor(eng, id, (i) => i.loaded > 2 * MiB);
      await eng.cancel(id);
      const state = eng.get(id)!.state;
      const head = await heldAfter(bucket, key);
      return { eng, state, head };
    }

    function expectPartialCopyReported(state: UploadState, key: string): void {
      expect(state).toMatchObject({ kind: 'cleanup-failed', error: { code: 'CleanupUnverified' } });
      const message = state.kind === 'cleanup-failed' ? state.error.message : '';
      expect(message).toMatch(PARTIAL_COPY);
      expect(message).toContain(key);
      expect(message).toMatch(/127\.0\.0\.1|localhost/);
      expect(message).toMatch(/upload the file again/);
    }

    it('cancelled: an object the cut body left is reported (cleanup-failed, worded), else none-needed', async () => {
      const file = await makeFile(await makeTempDir(), 'cut.bin', SIZE, 31);
      const bucket = await freshBucketOn(backend, 'pcu');
      const { eng, state, head } = await cancelledMidBody(file, bucket, 'cut.bin');
      if (head) {
        // A cut body never makes the whole file; whatever is there, the item must not say nothing reached the server.
        expect(head.size).toBeLessThan(SIZE);
        expectPartialCopyReported(state, 'cut.bin');
      } else {
        expect(state).toEqual({ kind: 'cancelled', cleanup: 'none-needed' });
      }
      expect(await listMultipartUploads(backend.endpoint, bucket)).toEqual([]);
      await eng.close();
    });

    it('cancelled over an object the key held before: that object is replaced or left, never deleted, and never "none-needed" once replaced', async () => {
      const file = await makeFile(await makeTempDir(), 'over.bin', SIZE, 32);
      const bucket = await freshBucketOn(backend, 'pco');
      const before = 'the object that was there before';
      await putObject(backend.endpoint, bucket, 'over.bin', before);
      const { eng, state, head } = await cancelledMidBody(file, bucket, 'over.bin');
      // Hoist deletes nothing: the key holds the earlier object, or what the cut body replaced it with.
      expect(head).not.toBeNull();
      const held = await objectSha256(backend.endpoint, bucket, 'over.bin');
      if (held !== createHash('sha256').update(before).digest('hex')) {
        expect(head!.size).toBeLessThan(SIZE);
        expectPartialCopyReported(state, 'over.bin');
      } else {
        // The server stored nothing of the cut body; the earlier object (written a moment ago) may be taken for it.
        expect(state.kind === 'cancelled' || state.kind === 'cleanup-failed').toBe(true);
        if (state.kind === 'cancelled') expect(state.cleanup).toBe('none-needed');
      }
      await eng.close();
    });

    it('failed after its attempts (it timed out mid-body): an object the cut body left is named in the error', async () => {
      const file = await makeFile(await makeTempDir(), 'stalled.bin', SIZE, 33);
      const bucket = await freshBucketOn(backend, 'pcr');
      proxy().throttle(3 * MiB);
      // No second attempt: the request that times out mid-body is the PUT's last.
      const eng = engine({ maxAttempts: 1, requestTimeoutMs: 1000 });
      const { items } = await eng.add([file], via(bucket));
      const id = items[0]!.id;
      await waitFor(eng, id, (i) => i.loaded > 2 * MiB);
      // Next to nothing goes through any more: the request times out, and the client drops its connection.
      proxy().throttle(1);
      // Its bytes left the bar: the request has failed. The proxy lets the rest through now, and with it the
      // connection's end, which reaches the server at once as it would with no proxy in between.
      await waitFor(eng, id, (i) => i.loaded < MiB || inState('failed', 'done')(i));
      proxy().throttle(null);
      await waitFor(eng, id, inState('failed', 'cleanup-failed', 'done'));
      const state = eng.get(id)!.state;
      const head = await heldAfter(bucket, 'stalled.bin');
      if (head?.size === SIZE) {
        // The whole file (the body had all gone out, short of its answer; its MD5 is the file's): the upload is done.
        expect(state.kind === 'done' && state.etag.replaceAll('"', '')).toBe(head.etag.replaceAll('"', ''));
        await eng.close();
        return;
      }
      expect(state.kind).toBe('failed');
      const message = state.kind === 'failed' ? state.error.message : '';
      if (head) {
        expect(message).toMatch(PARTIAL_COPY);
        expect(message).toContain('stalled.bin');
      } else {
        expect(state).toMatchObject({ kind: 'failed', cleanup: 'none-needed' });
        expect(message).not.toMatch(PARTIAL_COPY);
      }
      await eng.close();
    });
  },
  proxyable,
);
