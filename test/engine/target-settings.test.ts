// Per-target settings from a profile (part size, parts in flight, speed limit) and the existing-key check.
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeFile, makeTempDir, sha256File } from '../harness/fixtures';
import { headObject, objectSha256, putObject } from '../harness/s3-check';
import { engine, freshBucket, s3, target } from './helpers';

const MiB = 1024 * 1024;
afterAll(cleanupTempDirs);

describe('per-target settings', () => {
  it('uses the target part size', async () => {
    const dir = await makeTempDir();
    const file = await makeFile(dir, 'p.bin', 20 * MiB, 41);
    const bucket = await freshBucket('partsize');
    const eng = engine();
    await eng.add([file], target(bucket, '', { partSize: 5 * MiB }));
    await eng.idle();
    expect((await headObject(s3(), bucket, 'p.bin'))?.etag).toMatch(/-4"?$/);
    await eng.close();
  });

  it('holds the upload to the speed limit (never faster), and the object still arrives whole', async () => {
    const dir = await makeTempDir();
    const file = await makeFile(dir, 'slow.bin', 12 * MiB, 42);
    const bucket = await freshBucket('ratelimit');
    const eng = engine();
    const started = Date.now();
    await eng.add([file], target(bucket, '', { bytesPerSecond: 8 * MiB }));
    await eng.idle();
    const seconds = (Date.now() - started) / 1000;
    // 12 MiB at 8 MiB/s cannot take less than 1.5 s minus the 0.1 s burst allowance.
    expect(seconds).toBeGreaterThanOrEqual(1.35);
    expect(await objectSha256(s3(), bucket, 'slow.bin')).toBe(await sha256File(file));
    await eng.close();
  });

  it('refuses a target part size S3 would refuse', async () => {
    const eng = engine();
    await expect(eng.add(['/tmp'], target('b', '', { partSize: MiB }))).rejects.toThrowError(
      /below S3's minimum of 5 MiB/,
    );
    await eng.close();
  });
});

describe('existing keys', () => {
  it('finds which keys exist, by HEAD for a few and by listing for many', async () => {
    const bucket = await freshBucket('exists');
    await putObject(s3(), bucket, 'in/a.txt', 'a');
    await putObject(s3(), bucket, 'in/sub/c.txt', 'c');
    const eng = engine();
    const t = target(bucket);
    // Each found key comes with the object's size and date (the overwrite question shows them).
    const few = await eng.existingKeys(t, ['in/a.txt', 'in/b.txt']);
    expect([...few.keys()]).toEqual(['in/a.txt']);
    expect(few.get('in/a.txt')).toMatchObject({ size: 1, modifiedAt: expect.any(Number) });
    const many = Array.from({ length: 30 }, (_, i) => `in/x${i}.txt`).concat(['in/a.txt', 'in/sub/c.txt']);
    const listed = await eng.existingKeys(t, many);
    expect([...listed.keys()].sort()).toEqual(['in/a.txt', 'in/sub/c.txt']);
    expect(listed.get('in/sub/c.txt')).toMatchObject({ size: 1, modifiedAt: expect.any(Number) });
    expect(await eng.keyExists(t, 'in/b.txt')).toBe(false);
    await eng.close();
  });
});
