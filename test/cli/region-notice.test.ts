// A bucket in another region than the one asked: the CLI's requests are corrected to the bucket's region (region.ts)
// and the user is told once per bucket, on stderr, in the notice's words. S3's region answers are AWS-only (moto and
// versitygw take any region), so a loopback stand-in (startWrongRegionStub) answers as S3 does for a bucket in
// eu-west-3; requests signed for eu-west-3 go on to moto, which keeps the objects.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createBucket, listMultipartUploads, objectSha256, uniqueBucket } from '../harness/s3-check';
import { cleanupTempDirs, MiB, randomFile, tempDir } from './files';
import { buildCli, hoist } from './run-hoist';
import { startWrongRegionStub } from './servers';

const moto = inject('s3Endpoint');
const BUCKET_REGION = 'eu-west-3';

let dir: string;
let files: { path: string; hash: string }[];

beforeAll(async () => {
  buildCli();
  dir = await tempDir('region-notice');
  files = [];
  for (const [name, size] of [
    ['a.bin', 20_000],
    ['b.bin', 30_000],
    ['big.bin', 11 * MiB],
  ] as const) {
    const path = join(dir, name);
    files.push({ path, hash: await randomFile(path, size) });
  }
});

afterAll(cleanupTempDirs);

const notice = (bucket: string) =>
  `hoist: Bucket "${bucket}" is in region ${BUCKET_REGION}, not us-east-1: Hoist sends its requests to ${BUCKET_REGION}. Set the region to ${BUCKET_REGION} to skip this check.`;

const count = (text: string, line: string) => text.split('\n').filter((l) => l === line).length;

describe('the region-corrected notice', () => {
  it("hoist cp succeeds in the bucket's region and says so once, for three files on both data paths", async () => {
    const stub = await startWrongRegionStub(moto, BUCKET_REGION);
    try {
      for (const dataPath of ['lean', 'sdk']) {
        const bucket = uniqueBucket(`region-cli-${dataPath}`);
        await createBucket(moto, bucket);
        const r = await hoist([
          'cp',
          ...files.map((f) => f.path),
          `s3://${bucket}/`,
          '--endpoint-url',
          stub.endpoint,
          '--region',
          'us-east-1',
          '--data-path',
          dataPath,
        ]);
        expect(r.code, r.stderr).toBe(0);
        expect(count(r.stderr, notice(bucket))).toBe(1);
        for (const f of files) expect(await objectSha256(moto, bucket, f.path.split('/').pop()!)).toBe(f.hash);
        expect(await listMultipartUploads(moto, bucket)).toEqual([]);
      }
      expect(stub.answered.length).toBeGreaterThanOrEqual(2);
    } finally {
      await stub.close();
    }
  });

  it('with --json the notice stays on stderr and stdout stays JSON lines; hoist incomplete ls says it too', async () => {
    const stub = await startWrongRegionStub(moto, BUCKET_REGION);
    try {
      const bucket = uniqueBucket('region-cli-json');
      await createBucket(moto, bucket);
      const r = await hoist([
        'cp',
        files[0]!.path,
        `s3://${bucket}/`,
        '--endpoint-url',
        stub.endpoint,
        '--region',
        'us-east-1',
        '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(count(r.stderr, notice(bucket))).toBe(1);
      for (const line of r.stdout.split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
      expect(r.stdout).not.toContain('is in region');

      const ls = await hoist(['incomplete', 'ls', `s3://${bucket}`, '--endpoint-url', stub.endpoint]);
      expect(ls.code, ls.stderr).toBe(0);
      expect(count(ls.stderr, notice(bucket))).toBe(1);

      // hoist share checks the object (corrected) and signs the link for the bucket's region, so the link works.
      const share = await hoist(['share', `s3://${bucket}/a.bin`, '--endpoint-url', stub.endpoint]);
      expect(share.code, share.stderr).toBe(0);
      expect(count(share.stderr, notice(bucket))).toBe(1);
      const link = share.stdout.trim();
      expect(decodeURIComponent(link)).toContain(`/${BUCKET_REGION}/s3/aws4_request`);
      const got = await fetch(link);
      expect(got.status).toBe(200);
      expect((await got.arrayBuffer()).byteLength).toBe(20_000);
    } finally {
      await stub.close();
    }
  });
});
