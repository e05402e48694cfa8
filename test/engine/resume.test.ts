// Pause and resume, and resume after a restart from the journal: only missing parts are sent, the object arrives
// whole, and a discarded upload is verified gone.
import { afterAll, describe, expect, it } from 'vitest';
import { appendFile } from 'node:fs/promises';
import { Journal } from '../../src/engine/journal/journal-store';
import { cleanupTempDirs, makeFile, makeTempDir, sha256File } from '../harness/fixtures';
import {
  createMultipartUpload,
  listMultipartUploads,
  listObjects,
  listParts,
  objectSha256,
  uploadPart,
} from '../harness/s3-check';
import { engine, freshBucket, inState, s3, target, useFaultProxy, waitFor } from './helpers';

const MiB = 1024 * 1024;
const proxy = useFaultProxy();
afterAll(cleanupTempDirs);

/**
 * Waits for the engine to go idle, reading interrupted() all the while: an upload the queue is resuming is its own,
 * never "interrupted" again. The app's prompt reads this list right after a Resume click and stays open for as long
 * as the upload is on it (it was, while the resumed job looked at the file; and a second restore then queued it twice).
 */
async function expectNeverInterrupted(eng: ReturnType<typeof engine>): Promise<void> {
  const idle = eng.idle().then(() => 'idle' as const);
  const seen: number[] = [];
  for (;;) {
    const sample = await Promise.race([idle, eng.interrupted()]);
    if (sample === 'idle') break;
    seen.push(sample.length);
  }
  expect(seen.length, 'interrupted() was sampled while the upload ran').toBeGreaterThan(0);
  expect(
    seen.filter((n) => n > 0),
    'samples that listed the running upload as interrupted',
  ).toEqual([]);
}

describe('pause and resume', () => {
  it('pause keeps the upload and its parts on the server; resume sends only the missing parts', async () => {
    const dir = await makeTempDir();
    const file = await makeFile(dir, 'pause.bin', 48 * MiB, 31);
    const bucket = await freshBucket('pause');
    proxy().throttle(24 * MiB);
    const eng = engine({ partsPerFile: 2, stateDir: await makeTempDir('hoist-state-') });
    const { items } = await eng.add([file], target(bucket, '', {}, proxy().endpoint));
    const id = items[0]!.id;
    // Two parts answered: what "at least two parts on the server" below needs. (Waiting on loaded, which counts the
    // bytes in flight too, let the pause land with one part answered and two under way on a slow run.)
    await waitFor(eng, id, (i) => i.confirmed >= 16 * MiB);
    await eng.pause(id);
    expect(eng.get(id)?.state.kind).toBe('paused');
    const [upload] = await listMultipartUploads(s3(), bucket);
    expect(upload?.key).toBe('pause.bin');
    const parts = await listParts(s3(), bucket, 'pause.bin', upload!.uploadId);
    expect(Array.isArray(parts) && parts.length).toBeGreaterThanOrEqual(2);
    const pausedAt = eng.get(id)!.loaded;
    // What the row shows is what the server holds, but for a part whose whole body reached the server just as the
    // pause cut its connection: stored there, never answered here. Each of the two parts in flight may be one such.
    const held = (parts as { size: number }[]).reduce((s, p) => s + p.size, 0);
    expect([0, 8 * MiB, 16 * MiB]).toContain(held - pausedAt);

    proxy().throttle(null);
    eng.resume(id);
    await expectNeverInterrupted(eng);
    const state = eng.get(id)!.state;
    expect(state.kind).toBe('done');
    if (state.kind === 'done') expect(state.bytesSent).toBeLessThanOrEqual(48 * MiB - pausedAt + 8 * MiB);
    expect(await objectSha256(s3(), bucket, 'pause.bin')).toBe(await sha256File(file));
    expect(await listMultipartUploads(s3(), bucket)).toEqual([]);
    await eng.close();
  });

  it('cancel of a paused upload aborts it, verified', async () => {
    const dir = await makeTempDir();
    const file = await makeFile(dir, 'pc.bin', 24 * MiB, 32);
    const bucket = await freshBucket('pausecancel');
    proxy().throttle(16 * MiB);
    const eng = engine();
    const { items } = await eng.add([file], target(bucket, '', {}, proxy().endpoint));
    await waitFor(eng, items[0]!.id, (i) => i.loaded >= 9 * MiB);
    await eng.pause(items[0]!.id);
    expect(await listMultipartUploads(s3(), bucket)).toHaveLength(1);
    await eng.cancel(items[0]!.id);
    expect(eng.get(items[0]!.id)?.state).toEqual({ kind: 'cancelled', cleanup: 'verified' });
    expect(await listMultipartUploads(s3(), bucket)).toEqual([]);
    await eng.close();
  });

  it('cancel of an upload resumed but still waiting for its turn discards it, verified', async () => {
    const dir = await makeTempDir();
    const [first, second] = [
      await makeFile(dir, 'wait-1.bin', 24 * MiB, 33),
      await makeFile(dir, 'wait-2.bin', 24 * MiB, 34),
    ];
    const bucket = await freshBucket('resumequeued');
    proxy().throttle(16 * MiB);
    const eng = engine({ filesInParallel: 1 });
    const { items } = await eng.add([first, second], target(bucket, '', {}, proxy().endpoint));
    const [a, b] = [items[0]!.id, items[1]!.id];
    await waitFor(eng, a, (i) => i.loaded >= 9 * MiB);
    await eng.pause(a);
    await waitFor(eng, b, inState('uploading'));
    eng.resume(a);
    expect(eng.get(a)?.state.kind).toBe('queued');
    await eng.cancel(a);
    expect(eng.get(a)?.state).toEqual({ kind: 'cancelled', cleanup: 'verified' });
    await eng.cancel(b);
    expect(await listMultipartUploads(s3(), bucket)).toEqual([]);
    await eng.close();
  });

  it('cancel at once after a resume leaves neither the upload nor its journal entry', async () => {
    const dir = await makeTempDir();
    const file = await makeFile(dir, 'again.bin', 24 * MiB, 35);
    const bucket = await freshBucket('resumecancel');
    const stateDir = await makeTempDir();
    proxy().throttle(16 * MiB);
    const eng = engine({ stateDir });
    const { items } = await eng.add([file], target(bucket, '', {}, proxy().endpoint));
    const id = items[0]!.id;
    await waitFor(eng, id, (i) => i.loaded >= 9 * MiB);
    await eng.pause(id);
    expect(await new Journal(stateDir).list()).toHaveLength(1);
    // The resumed job is stopped before it has listed the parts, so before it has written an entry of its own.
    eng.resume(id);
    await eng.cancel(id);
    expect(eng.get(id)?.state).toEqual({ kind: 'cancelled', cleanup: 'verified' });
    expect(await listMultipartUploads(s3(), bucket)).toEqual([]);
    expect(await new Journal(stateDir).list()).toEqual([]);
    await eng.close();
  });
});

describe('after a restart', () => {
  it('the journal lets a new engine finish the upload, sending only what the server lacks', async () => {
    const dir = await makeTempDir();
    const stateDir = await makeTempDir('hoist-state-');
    const file = await makeFile(dir, 'crash.bin', 40 * MiB, 33);
    const bucket = await freshBucket('journal');
    proxy().throttle(24 * MiB);
    // One part at a time, so that by 24 MiB counted at least two parts are complete on the server.
    const first = engine({ stateDir, partsPerFile: 1 });
    const { items } = await first.add([file], target(bucket, 'j/', {}, proxy().endpoint));
    await waitFor(first, items[0]!.id, (i) => i.loaded >= 24 * MiB);
    await first.pause(items[0]!.id); // as a quit would; the journal is what survives

    const second = engine({ stateDir });
    const interrupted = await second.interrupted();
    expect(interrupted).toHaveLength(1);
    expect(interrupted[0]).toMatchObject({ bucket, key: 'j/crash.bin', path: file, size: 40 * MiB });
    expect(JSON.stringify(interrupted[0])).not.toContain('secretAccessKey');
    const restored = second.restore(interrupted, (j) => target(j.bucket, '', {}, s3()));
    expect(restored[0]?.state.kind).toBe('paused');
    second.resumeAll();
    await expectNeverInterrupted(second);
    const state = second.get(restored[0]!.id)!.state;
    expect(state.kind, JSON.stringify(state)).toBe('done');
    if (state.kind === 'done') expect(state.bytesSent).toBeLessThanOrEqual(24 * MiB);
    expect(await objectSha256(s3(), bucket, 'j/crash.bin')).toBe(await sha256File(file));
    expect(await new Journal(stateDir).list()).toEqual([]);
    await first.close();
    await second.close();
  });

  it('discarding an interrupted upload aborts it on the server and forgets it', async () => {
    const dir = await makeTempDir();
    const stateDir = await makeTempDir('hoist-state-');
    const file = await makeFile(dir, 'discard.bin', 20 * MiB, 34);
    const bucket = await freshBucket('discard');
    proxy().throttle(16 * MiB);
    const first = engine({ stateDir });
    const { items } = await first.add([file], target(bucket, '', {}, proxy().endpoint));
    await waitFor(first, items[0]!.id, (i) => i.loaded >= 9 * MiB);
    await first.pause(items[0]!.id);
    const second = engine({ stateDir });
    const [item] = second.restore(await second.interrupted(), (j) => target(j.bucket, '', {}, s3()));
    await second.cancel(item!.id);
    expect(second.get(item!.id)?.state).toEqual({ kind: 'cancelled', cleanup: 'verified' });
    expect(await listMultipartUploads(s3(), bucket)).toEqual([]);
    expect(await new Journal(stateDir).list()).toEqual([]);
    await first.close();
    await second.close();
  });

  it('a file changed since the interruption is not resumed onto the old parts', async () => {
    const dir = await makeTempDir();
    const stateDir = await makeTempDir('hoist-state-');
    const file = await makeFile(dir, 'changed.bin', 20 * MiB, 35);
    const bucket = await freshBucket('changed');
    proxy().throttle(16 * MiB);
    const first = engine({ stateDir });
    const { items } = await first.add([file], target(bucket, '', {}, proxy().endpoint));
    await waitFor(first, items[0]!.id, (i) => i.loaded >= 9 * MiB);
    await first.pause(items[0]!.id);
    await appendFile(file, 'changed');
    const second = engine({ stateDir });
    const [item] = second.restore(await second.interrupted(), (j) => target(j.bucket, '', {}, s3()));
    second.resumeAll();
    await second.idle();
    expect(second.get(item!.id)?.state).toMatchObject({
      kind: 'failed',
      error: { code: 'FileChanged' },
      cleanup: 'verified',
    });
    expect(await listMultipartUploads(s3(), bucket)).toEqual([]);
    expect(await listObjects(s3(), bucket)).toEqual([]);
    await first.close();
    await second.close();
  });
});

describe('incomplete uploads on the server', () => {
  it('lists them with their size so far and aborts them, verified', async () => {
    const bucket = await freshBucket('sweep');
    const a = await createMultipartUpload(s3(), bucket, 'logs/a.bin');
    await uploadPart(s3(), bucket, 'logs/a.bin', a, 1, Buffer.alloc(5 * MiB, 1));
    await createMultipartUpload(s3(), bucket, 'other/b.bin');
    const eng = engine();
    const ep = target(bucket);
    const listed = await eng.listIncomplete(ep, bucket, 'logs/');
    expect(listed).toEqual([
      expect.objectContaining({ key: 'logs/a.bin', uploadId: a, parts: 1, bytes: 5 * MiB, startedByHoist: false }),
    ]);
    const all = await eng.listIncomplete(ep, bucket);
    expect(all.map((u) => u.key).sort()).toEqual(['logs/a.bin', 'other/b.bin']);
    const results = await eng.abortIncomplete(ep, bucket, all);
    expect(results.every((r) => r.verified)).toBe(true);
    expect(await listMultipartUploads(s3(), bucket)).toEqual([]);
    await eng.close();
  });
});
