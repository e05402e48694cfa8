// A bucket in another region than the one asked (or none asked): S3's answers name the bucket's region, and every
// request is sent there, on both data paths, with a notice saying so. S3's region answers are AWS-only (moto and
// versitygw take any region), so a loopback stand-in (startWrongRegionStub) answers as S3 does for a bucket in
// eu-west-3 and forwards the requests signed for eu-west-3 to moto, which keeps the objects.
import { CreateMultipartUploadCommand, AbortMultipartUploadCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createEngine } from '../index';
import { cleanupTempDirs, makeFile, makeTempDir, sha256File } from '../../../test/harness/fixtures';
import {
  createBucket,
  listMultipartUploads,
  objectSha256,
  testTarget,
  uniqueBucket,
} from '../../../test/harness/s3-check';
import { startWrongRegionStub } from '../../../test/cli/servers';
import { DATA_PATH_KINDS } from '../../shared/target';
import { ClientPool, type RegionNotice } from './s3-client';
import { isWrongRegion, regionInError } from './region';

afterAll(cleanupTempDirs);

const moto = inject('s3Endpoint');
const BUCKET_REGION = 'eu-west-3';
const MiB = 1024 * 1024;

describe('regionInError', () => {
  it("reads the region from the header, the <Region> field, the message, or the <Endpoint>'s host", () => {
    expect(regionInError({ $response: { headers: { 'x-amz-bucket-region': 'ap-northeast-1' } } })).toBe(
      'ap-northeast-1',
    );
    expect(regionInError({ Region: 'eu-central-1' })).toBe('eu-central-1');
    expect(regionInError({ message: "the region 'us-east-1' is wrong; expecting 'us-west-2'" })).toBe('us-west-2');
    expect(regionInError({ Endpoint: 'b.s3.eu-north-1.amazonaws.com' })).toBe('eu-north-1');
    expect(regionInError({ message: 'Access Denied' })).toBeUndefined();
    expect(isWrongRegion({ name: 'PermanentRedirect' })).toBe(true);
    expect(isWrongRegion({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } })).toBe(false);
  });
});

describe('a bucket in another region', () => {
  for (const dataPath of DATA_PATH_KINDS) {
    for (const asked of ['', 'us-east-1']) {
      it(`${dataPath} path, region "${asked}": every file uploads to the bucket's region`, async () => {
        const stub = await startWrongRegionStub(moto, BUCKET_REGION);
        const bucket = uniqueBucket(`region-${dataPath}`);
        await createBucket(moto, bucket);
        const dir = await makeTempDir();
        const files = [await makeFile(dir, 'one.bin', 20_000, 1), await makeFile(dir, 'big.bin', 11 * MiB, 2)];
        const eng = createEngine({ dataPath, partSize: 5 * MiB, multipartThreshold: 5 * MiB });
        try {
          const { items } = await eng.add(files, testTarget(stub.endpoint, bucket, '', { region: asked }));
          await eng.idle();
          expect(items.map((i) => eng.get(i.id)?.state.kind)).toEqual(['done', 'done']);
          expect(await objectSha256(moto, bucket, 'one.bin')).toBe(await sha256File(files[0]!));
          expect(await objectSha256(moto, bucket, 'big.bin')).toBe(await sha256File(files[1]!));
          expect(await listMultipartUploads(moto, bucket)).toEqual([]);
          expect(stub.answered.length).toBeGreaterThanOrEqual(1);
        } finally {
          await eng.close();
          await stub.close();
        }
      });
    }
  }

  it('the pool tells once which region it found, and later calls go there directly', async () => {
    const stub = await startWrongRegionStub(moto, BUCKET_REGION);
    const bucket = uniqueBucket('region-notice');
    await createBucket(moto, bucket);
    const notices: RegionNotice[] = [];
    const pool = new ClientPool(
      { connectTimeoutMs: 5000, requestTimeoutMs: 30_000 },
      { onRegionCorrected: (n) => notices.push(n) },
    );
    try {
      const target = testTarget(stub.endpoint, bucket, '', { region: 'us-east-1' });
      for (const key of ['a', 'b']) {
        const { UploadId } = await pool
          .get(target)
          .send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
        await pool.get(target).send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId }));
      }
      expect(notices).toEqual([
        expect.objectContaining({
          bucket,
          asked: 'us-east-1',
          region: BUCKET_REGION,
          message: `Bucket "${bucket}" is in region ${BUCKET_REGION}, not us-east-1: Hoist sends its requests to ${BUCKET_REGION}. Set the region to ${BUCKET_REGION} to skip this check.`,
        }),
      ]);
      // Only the first call was refused; the rest went to eu-west-3 at once.
      expect(stub.answered).toEqual([`POST /${bucket}/a?uploads=`]);
    } finally {
      pool.destroy();
      await stub.close();
    }
  });
});
