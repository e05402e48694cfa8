// Transient faults between the engine and the server: parts are retried and the object still arrives whole.
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeFile, makeTempDir, sha256File } from '../harness/fixtures';
import { listMultipartUploads, objectSha256 } from '../harness/s3-check';
import { engine, freshBucket, s3, target, useFaultProxy } from './helpers';

const MiB = 1024 * 1024;
const proxy = useFaultProxy();
afterAll(cleanupTempDirs);

describe('retries', () => {
  it('survives connections reset mid-part, takes the lost bytes back, and the object is byte-identical', async () => {
    const dir = await makeTempDir();
    const file = await makeFile(dir, 'resets.bin', 40 * MiB, 21);
    const bucket = await freshBucket('resets');
    proxy().throttle(40 * MiB);
    proxy().resetNext(3, { match: /^PUT [^ ]*partNumber=/ });
    const eng = engine();
    const dips: number[] = [];
    let last = 0;
    eng.subscribe((e) => {
      if (e.type !== 'items') return;
      for (const i of e.items) {
        if (i.loaded < last) dips.push(last - i.loaded);
        last = i.loaded;
      }
    });
    const { items } = await eng.add([file], target(bucket, '', {}, proxy().endpoint));
    await eng.idle();
    expect(eng.get(items[0]!.id)?.state.kind).toBe('done');
    expect(proxy().faultsInjected).toBe(3);
    // Progress went back when a part's bytes were lost, instead of counting them twice.
    expect(dips.length).toBeGreaterThan(0);
    expect(eng.get(items[0]!.id)?.loaded).toBe(40 * MiB);
    expect(await objectSha256(s3(), bucket, 'resets.bin')).toBe(await sha256File(file));
    expect(await listMultipartUploads(s3(), bucket)).toEqual([]);
    await eng.close();
  });

  it('retries a stalled part once the socket has been idle too long', async () => {
    const dir = await makeTempDir();
    const file = await makeFile(dir, 'stall.bin', 20 * MiB, 22);
    const bucket = await freshBucket('stall');
    proxy().stallNext(1, 4000, { match: /^PUT [^ ]*partNumber=/ });
    const eng = engine({ requestTimeoutMs: 1000 });
    const { items } = await eng.add([file], target(bucket, '', {}, proxy().endpoint));
    await eng.idle();
    expect(eng.get(items[0]!.id)?.state.kind).toBe('done');
    expect(proxy().faultsInjected).toBe(1);
    expect(await objectSha256(s3(), bucket, 'stall.bin')).toBe(await sha256File(file));
    await eng.close();
  });

  it('retries a CompleteMultipartUpload whose connection was reset, and ends done rather than waiting on in retrying', async () => {
    const dir = await makeTempDir();
    const file = await makeFile(dir, 'complete.bin', 10 * MiB, 24);
    const bucket = await freshBucket('completereset');
    proxy().resetNext(1, { match: /^POST [^ ]*uploadId=/, afterBytes: 10 });
    const eng = engine();
    const { items } = await eng.add([file], target(bucket, '', {}, proxy().endpoint));
    await eng.idle();
    expect(proxy().faultsInjected).toBe(1);
    expect(eng.get(items[0]!.id)?.state.kind).toBe('done');
    expect(await objectSha256(s3(), bucket, 'complete.bin')).toBe(await sha256File(file));
    await eng.close();
  });

  it('retries a reset single PUT', async () => {
    const dir = await makeTempDir();
    const file = await makeFile(dir, 'put.bin', 3 * MiB, 23);
    const bucket = await freshBucket('putreset');
    proxy().resetNext(2, { match: /^PUT / });
    const eng = engine();
    const { items } = await eng.add([file], target(bucket, '', {}, proxy().endpoint));
    await eng.idle();
    expect(eng.get(items[0]!.id)?.state.kind).toBe('done');
    expect(proxy().faultsInjected).toBe(2);
    expect(await objectSha256(s3(), bucket, 'put.bin')).toBe(await sha256File(file));
    await eng.close();
  });
});
