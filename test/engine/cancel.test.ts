// Cancel in every phase: afterwards the server must hold no multipart upload and no object, checked with boto3.
import { afterAll, describe, expect, it } from 'vitest';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { cleanupTempDirs, makeFile, makeTempDir, sha256File } from '../harness/fixtures';
import { listMultipartUploads, listObjects, objectSha256 } from '../harness/s3-check';
import { engine, freshBucket, inState, s3, target, useFaultProxy, waitFor } from './helpers';

const MiB = 1024 * 1024;
const proxy = useFaultProxy();
afterAll(cleanupTempDirs);

async function expectNothingLeft(bucket: string): Promise<void> {
  expect(await listMultipartUploads(s3(), bucket)).toEqual([]);
  expect(await listObjects(s3(), bucket)).toEqual([]);
}

describe('cancel', () => {
  it('while queued: nothing was sent and nothing is left', async () => {
    const dir = await makeTempDir();
    const first = await makeFile(dir, 'first.bin', 20 * MiB, 1);
    const second = await makeFile(dir, 'second.bin', 20 * MiB, 2);
    const bucket = await freshBucket('cq');
    proxy().throttle(5 * MiB);
    const eng = engine({ filesInParallel: 1 });
    const { items } = await eng.add([first, second], target(bucket, '', {}, proxy().endpoint));
    await eng.cancel(items[1]!.id);
    expect(eng.get(items[1]!.id)?.state).toEqual({ kind: 'cancelled', cleanup: 'none-needed' });
    await eng.cancel(items[0]!.id);
    expect(proxy().requests.some((r) => r.target.includes('second.bin'))).toBe(false);
    await expectNothingLeft(bucket);
    await eng.close();
  });

  it('while CreateMultipartUpload is in flight: the upload it creates is aborted and verified gone', async () => {
    const dir = await makeTempDir();
    const file = await makeFile(dir, 'create.bin', 20 * MiB, 3);
    const bucket = await freshBucket('cc');
    proxy().delayRequests(/^POST [^ ]*\?uploads/, 1000);
    const eng = engine();
    const { items } = await eng.add([file], target(bucket, '', {}, proxy().endpoint));
    await proxy().waitForRequest(/^POST [^ ]*\?uploads/);
    expect(eng.get(items[0]!.id)?.state.kind).toBe('starting');
    await eng.cancel(items[0]!.id);
    expect(eng.get(items[0]!.id)?.state).toEqual({ kind: 'cancelled', cleanup: 'verified' });
    await expectNothingLeft(bucket);
    await eng.close();
  });

  it('while parts are uploading: no byte reaches the server 100 ms after the cancel, and cleanup is verified', async () => {
    const dir = await makeTempDir();
    const file = await makeFile(dir, 'parts.bin', 64 * MiB, 4);
    const bucket = await freshBucket('cp');
    proxy().throttle(16 * MiB);
    const eng = engine();
    const { items } = await eng.add([file], target(bucket, '', {}, proxy().endpoint));
    const id = items[0]!.id;
    await waitFor(eng, id, (i) => i.loaded > 12 * MiB);
    const cancelAt = performance.now();
    // What has reached the proxy 100 ms after the cancel; anything later must be the cleanup requests, which carry
    // headers only (a few hundred bytes each), never a part's body.
    let bytesAt100ms = Number.NaN;
    const sample = new Promise<void>((r) => setTimeout(() => ((bytesAt100ms = proxy().bytesUp), r()), 100));
    const cancelling = eng.cancel(id);
    expect(eng.get(id)?.state.kind).toBe('cancelling');
    await cancelling;
    const verifiedAfterMs = performance.now() - cancelAt;
    expect(eng.get(id)?.state).toEqual({ kind: 'cancelled', cleanup: 'verified' });
    await sample;
    await new Promise((r) => setTimeout(r, 300));
    const requestsAfterCancel = proxy().requests.filter((r) => r.at > cancelAt);
    expect(requestsAfterCancel.every((r) => r.method === 'DELETE' || r.method === 'GET')).toBe(true);
    expect(proxy().bytesUp - bytesAt100ms).toBeLessThan(2048 * Math.max(1, requestsAfterCancel.length));
    expect(verifiedAfterMs).toBeLessThan(1000);
    await expectNothingLeft(bucket);
    await eng.close();
  });

  it('while CompleteMultipartUpload is in flight: the cancel waits for its answer and reports the object as kept', async () => {
    const dir = await makeTempDir();
    const file = await makeFile(dir, 'complete.bin', 10 * MiB, 5);
    const bucket = await freshBucket('ccm');
    proxy().delayRequests(/^POST [^ ]*uploadId=/, 1000);
    const eng = engine();
    const { items } = await eng.add([file], target(bucket, '', {}, proxy().endpoint));
    await waitFor(eng, items[0]!.id, inState('completing'));
    await proxy().waitForRequest(/^POST [^ ]*uploadId=/);
    const cancelling = eng.cancel(items[0]!.id);
    expect(eng.get(items[0]!.id)?.state).toEqual({ kind: 'cancelling', finishing: true });
    await cancelling;
    // A server may finish a Complete whatever the client does (versitygw did, after a reset): the honest answer is
    // to let it, and say the object was kept.
    expect(eng.get(items[0]!.id)?.state).toEqual({ kind: 'cancelled', cleanup: 'object-kept' });
    expect(await listMultipartUploads(s3(), bucket)).toEqual([]);
    expect(await objectSha256(s3(), bucket, 'complete.bin')).toBe(await sha256File(file));
    await eng.close();
  });

  it('while a Complete goes unanswered past the wait: it is cut, and nothing is reported cleaned up that could still appear', async () => {
    const dir = await makeTempDir();
    const file = await makeFile(dir, 'late.bin', 10 * MiB, 7);
    const bucket = await freshBucket('ccl');
    // moto never sees the Complete: the proxy drops what it held when the client resets. The abort then wins.
    proxy().delayRequests(/^POST [^ ]*uploadId=/, 3000);
    const eng = engine({ completeWaitMs: 200 });
    const { items } = await eng.add([file], target(bucket, '', {}, proxy().endpoint));
    await proxy().waitForRequest(/^POST [^ ]*uploadId=/);
    await eng.cancel(items[0]!.id);
    expect(eng.get(items[0]!.id)?.state).toEqual({ kind: 'cancelled', cleanup: 'verified' });
    await new Promise((r) => setTimeout(r, 3500));
    await expectNothingLeft(bucket);
    await eng.close();
  });

  it('a single PUT cut off mid-body leaves no object', async () => {
    const dir = await makeTempDir();
    const file = await makeFile(dir, 'small.bin', 7 * MiB, 6);
    const bucket = await freshBucket('cput');
    proxy().throttle(4 * MiB);
    const eng = engine();
    const { items } = await eng.add([file], target(bucket, '', {}, proxy().endpoint));
    await waitFor(eng, items[0]!.id, (i) => i.loaded > MiB);
    await eng.cancel(items[0]!.id);
    expect(eng.get(items[0]!.id)?.state).toEqual({ kind: 'cancelled', cleanup: 'none-needed' });
    await expectNothingLeft(bucket);
    await eng.close();
  });

  it('cancel all during a batch ends every file cancelled with nothing left', async () => {
    const dir = await makeTempDir();
    const files = await Promise.all([1, 2, 3, 4].map((n) => makeFile(dir, `f${n}.bin`, 12 * MiB, 10 + n)));
    const bucket = await freshBucket('call');
    proxy().throttle(12 * MiB);
    const eng = engine();
    const { items } = await eng.add(files, target(bucket, '', {}, proxy().endpoint));
    await waitFor(eng, items[0]!.id, (i) => i.loaded > 2 * MiB);
    await eng.cancelAll();
    for (const item of eng.snapshot()) expect(item.state.kind).toBe('cancelled');
    await expectNothingLeft(bucket);
    await eng.close();
  });
});
