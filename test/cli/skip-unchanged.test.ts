// `hoist cp --skip-unchanged` against each server: a second run of the same folder sends no byte and no upload
// request (counted by a proxy in front of the server), reports every file up to date, and leaves the objects as they
// were (same ETag); a file changed at the same size is sent again, and only it.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { cliEnvFor, describeEachBackend, freshBucketOn, s3ClientFor, type S3Backend } from '../harness/backends';
import { makeBytes } from '../harness/fixtures';
import { startCountingProxy, type CountingProxy } from './counting-proxy';
import { cleanupTempDirs, MiB, randomFile, tempDir } from './files';
import { buildCli, hoist, jsonLines } from './run-hoist';

beforeAll(() => buildCli());
afterAll(cleanupTempDirs);

/** The proxy reads plain HTTP: the servers on this machine reached without TLS. */
const plainHttp = (b: S3Backend): boolean => /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(b.endpoint);

describeEachBackend(
  'hoist cp --skip-unchanged',
  (backend) => {
    let proxy: CountingProxy;
    beforeEach(async () => {
      proxy = await startCountingProxy(backend.endpoint);
    });
    afterEach(() => proxy.close());

    it('a second run of the same folder sends 0 bytes and reports every file up to date', async () => {
      const dir = join(await tempDir('skip'), 'album');
      await randomFile(join(dir, 'a.txt'), 3000);
      await randomFile(join(dir, '2024', 'b.bin'), 200_000);
      await writeFile(join(dir, 'empty.txt'), '');
      // Multipart (three parts of 5 MiB): its ETag and CRC32 are recomputed from the parts.
      await randomFile(join(dir, '2024', 'big.bin'), 12 * MiB + 7);
      const bucket = await freshBucketOn(backend, 'cli-skip');
      const env = cliEnvFor(backend);
      const cp = (...more: string[]) =>
        hoist(['cp', dir, `s3://${bucket}/in/`, '--endpoint-url', proxy.endpoint, '--part-size', '5MiB', ...more], {
          env,
        });
      const keys = ['in/album/2024/b.bin', 'in/album/2024/big.bin', 'in/album/a.txt', 'in/album/empty.txt'];

      const first = await cp('--skip-unchanged');
      expect(first.stderr).toMatch(/^Uploaded 4 of 4 files /m);
      expect(first.code).toBe(0);
      const client = s3ClientFor(backend);
      const etags = async () =>
        Promise.all(keys.map(async (Key) => (await client.send(new HeadObjectCommand({ Bucket: bucket, Key }))).ETag));
      const before = await etags();

      proxy.reset();
      const second = await cp('--skip-unchanged');
      expect(second.stderr).toMatch(/^Nothing to upload: 4 files up to date \(not sent\)\.$/m);
      for (const key of keys) expect(second.stderr).toContain(`s3://${bucket}/${key}`);
      expect(second.stderr.match(/^up to date /gm)).toHaveLength(4);
      expect(second.code).toBe(0);
      // One HEAD per file, and nothing else: no PUT, no POST (CreateMultipartUpload), no body byte.
      expect(proxy.requests).toEqual({ HEAD: 4 });
      expect(proxy.bodyBytes).toBe(0);
      expect(await etags()).toEqual(before);

      // --json: one "up-to-date" line per file, nothing uploaded.
      const json = await cp('--skip-unchanged', '--json');
      expect(json.code).toBe(0);
      const lines = jsonLines(json.stdout);
      expect(lines.map((l) => l.type)).toEqual(['up-to-date', 'up-to-date', 'up-to-date', 'up-to-date']);
      expect(lines.map((l) => l.key).sort()).toEqual(keys);

      // A byte changed in the big file, size the same: it alone is sent again.
      const changed = makeBytes(12 * MiB + 7, 9);
      await writeFile(join(dir, '2024', 'big.bin'), changed);
      proxy.reset();
      const third = await cp('--skip-unchanged');
      expect(third.code).toBe(0);
      expect(third.stderr).toMatch(/^Uploaded 1 of 1 file .*\n3 files up to date \(not sent\)\.$/m);
      expect(third.stderr).toMatch(/^done {8}\S*big\.bin /m);
      expect(proxy.bodyBytes).toBeGreaterThanOrEqual(12 * MiB + 7);
      const after = await etags();
      expect(after[1]).not.toEqual(before[1]);
      expect([after[0], after[2], after[3]]).toEqual([before[0], before[2], before[3]]);

      // Without the flag, everything is sent again.
      proxy.reset();
      const plain = await cp();
      expect(plain.stderr).toMatch(/^Uploaded 4 of 4 files /m);
      expect(proxy.requests.HEAD ?? 0).toBe(0);
      client.destroy();
    });
  },
  plainHttp,
);
