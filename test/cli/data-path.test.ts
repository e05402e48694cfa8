// `hoist cp --data-path sdk|lean` and `hoist resume --data-path`, end to end against moto: both paths upload the same
// files byte-identical, and a wrong value is a usage error naming the flag and the values it takes.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createBucket, listMultipartUploads, objectSha256, uniqueBucket } from '../harness/s3-check';
import { cleanupTempDirs, MiB, randomFile, tempDir } from './files';
import { buildCli, hoist } from './run-hoist';

const endpoint = inject('s3Endpoint');
let dir: string;

beforeAll(async () => {
  buildCli();
  dir = await tempDir('data-path');
});

afterAll(cleanupTempDirs);

describe('hoist --data-path', () => {
  for (const dataPath of ['lean', 'sdk']) {
    it(`cp --data-path ${dataPath}: a small file and a multipart one arrive byte-identical`, async () => {
      const bucket = uniqueBucket(`cli-${dataPath}`);
      await createBucket(endpoint, bucket);
      const small = join(dir, dataPath, 'small +%.bin');
      const big = join(dir, dataPath, 'big.bin');
      const hashes = [await randomFile(small, 100_000), await randomFile(big, 17 * MiB)];
      const r = await hoist(['cp', small, big, `s3://${bucket}/`, '--endpoint-url', endpoint, '--data-path', dataPath]);
      expect(r.stderr).not.toMatch(/^hoist: /m);
      expect(r.code).toBe(0);
      expect(await objectSha256(endpoint, bucket, 'small +%.bin')).toBe(hashes[0]);
      expect(await objectSha256(endpoint, bucket, 'big.bin')).toBe(hashes[1]);
      expect(await listMultipartUploads(endpoint, bucket)).toEqual([]);
    });
  }

  for (const command of [['cp', 'a.bin', 's3://b/'], ['resume']]) {
    it(`${command[0]} --data-path fast: exit 2, naming the flag and the values it takes`, async () => {
      const r = await hoist([...command, '--data-path', 'fast']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('hoist: --data-path must be lean or sdk (got "fast").');
    });
  }

  it('is in the help of cp and resume', async () => {
    for (const command of ['cp', 'resume']) {
      const r = await hoist([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/--data-path PATH +.*lean \(default\)/);
    }
  });
});
