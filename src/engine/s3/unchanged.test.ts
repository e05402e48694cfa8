// The "skip unchanged" comparison against the real servers: objects Hoist uploaded (one PUT and multipart, with each
// integrity mode) are proven the same; a file changed at the same size, a missing key and a size change are not.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, expect, it } from 'vitest';
import { describeEachBackend, freshBucketOn, s3ClientFor, targetFor } from '../../../test/harness/backends';
import { cleanupTempDirs, makeBytes, makeFile, makeTempDir } from '../../../test/harness/fixtures';
import type { ChecksumMode } from '../../shared/target';
import { createEngine } from '../index';
import { MiB } from '../plan/limits';
import { compareWithObject, compareWithObjects } from './unchanged';

afterAll(cleanupTempDirs);

const PART = 5 * MiB;

describeEachBackend('unchanged', (backend) => {
  for (const checksum of ['auto', 'md5', 'off'] as ChecksumMode[]) {
    it(`proves files Hoist uploaded with --checksum ${checksum} the same, one PUT and multipart`, async () => {
      const dir = await makeTempDir();
      const small = await makeFile(dir, 'small.bin', 100_000, 3);
      const big = await makeFile(dir, 'big.bin', 12 * MiB + 5, 4);
      const bucket = await freshBucketOn(backend, `same-${checksum}`);
      const eng = createEngine({ partSize: PART, multipartThreshold: PART });
      const { items } = await eng.add([small, big], targetFor(backend, bucket, '', { checksum }));
      await eng.idle();
      expect(items.map((i) => eng.get(i.id)?.state.kind)).toEqual(['done', 'done']);
      await eng.close();

      const client = s3ClientFor(backend);
      const files = [
        { path: small, size: 100_000, key: 'small.bin' },
        { path: big, size: 12 * MiB + 5, key: 'big.bin' },
      ];
      const verdicts = await compareWithObjects(client, bucket, files, PART);
      // The CRC32 Hoist sent is what proves it; without one, the ETag (the MD5, or the MD5 of the parts' MD5s).
      // moto answers a HEAD of a single PUT without the CRC32 it was sent, so there its ETag proves it.
      const crc = checksum === 'auto';
      const singleCrc = crc && backend.name !== 'moto';
      expect(verdicts.get('small.bin')).toEqual({ kind: 'same', by: singleCrc ? 'crc32' : 'md5' });
      expect(verdicts.get('big.bin')).toEqual({ kind: 'same', by: crc ? 'composite-crc32' : 'multipart-md5' });
      // The same bytes planned with another part size cannot be proven for the multipart object (unless the server
      // kept a full-object CRC32): it is uploaded again rather than trusted.
      const otherParts = await compareWithObject(client, bucket, files[1]!, 7 * MiB);
      expect(['unknown', 'same']).toContain(otherParts.kind);
      if (otherParts.kind === 'same') expect(otherParts.by).toBe('crc32');

      // One byte changed, same size: different. A size change and a missing key: different without a read.
      const bytes = makeBytes(100_000, 3);
      bytes[5000] = bytes[5000]! ^ 0xff;
      await writeFile(small, bytes);
      expect(await compareWithObject(client, bucket, files[0]!, PART)).toEqual({ kind: 'different', why: 'checksum' });
      const bigBytes = makeBytes(12 * MiB + 5, 4);
      bigBytes[11 * MiB] = bigBytes[11 * MiB]! ^ 0x01;
      await writeFile(big, bigBytes);
      expect(await compareWithObject(client, bucket, files[1]!, PART)).toEqual({ kind: 'different', why: 'checksum' });
      expect(await compareWithObject(client, bucket, { ...files[0]!, size: 99_999 }, PART)).toEqual({
        kind: 'different',
        why: 'size',
      });
      expect(await compareWithObject(client, bucket, { ...files[0]!, key: 'nope.bin' }, PART)).toEqual({
        kind: 'different',
        why: 'absent',
      });
      client.destroy();
    });
  }

  it("proves an object another tool PUT without a checksum by its ETag (the file's MD5)", async () => {
    const dir = await makeTempDir();
    const path = join(dir, 'plain.txt');
    await writeFile(path, 'hello, world\n');
    const bucket = await freshBucketOn(backend, 'same-plain');
    const client = s3ClientFor(backend);
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'k/plain.txt', Body: 'hello, world\n' }));
    expect(await compareWithObject(client, bucket, { path, size: 13, key: 'k/plain.txt' }, PART)).toMatchObject({
      kind: 'same',
    });
    await writeFile(path, 'hello, World\n');
    expect(await compareWithObject(client, bucket, { path, size: 13, key: 'k/plain.txt' }, PART)).toEqual({
      kind: 'different',
      why: 'checksum',
    });
    client.destroy();
  });
});

describeEachBackend('unchanged, a large batch', (backend) => {
  it('lists the keys first and HEADs only those that exist with the same size', async () => {
    const dir = await makeTempDir();
    const bucket = await freshBucketOn(backend, 'same-many');
    const paths = await Promise.all(Array.from({ length: 30 }, (_, i) => makeFile(dir, `f${i}.bin`, 1000 + i, i)));
    const eng = createEngine();
    await eng.add(paths.slice(0, 25), targetFor(backend, bucket, 'm/'));
    await eng.idle();
    await eng.close();
    await writeFile(paths[3]!, 'shorter');
    const client = s3ClientFor(backend);
    const files = paths.map((path, i) => ({ path, size: i === 3 ? 7 : 1000 + i, key: `m/f${i}.bin` }));
    const verdicts = await compareWithObjects(client, bucket, files, PART);
    const kinds = files.map((f) => verdicts.get(f.key)!.kind);
    expect(kinds.filter((k) => k === 'same')).toHaveLength(24);
    expect(verdicts.get('m/f3.bin')).toEqual({ kind: 'different', why: 'size' });
    expect(files.slice(25).map((f) => verdicts.get(f.key))).toEqual(
      Array(5).fill({ kind: 'different', why: 'absent' }),
    );
    client.destroy();
  });
});
