// Tests that the run's S3 backends are what the other tests assume: moto accepts anything, versitygw checks
// signatures and digests, the HTTPS endpoint is trusted only through the throwaway CA, and the checkers (boto3, AWS
// CLI) and the SDK helpers work against every backend.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListBucketsCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backendNamed, backends, describeEachBackend, freshBucketOn, s3ClientFor, targetFor } from './backends';
import { makeBytes, sha256 } from './fixtures';
import { motoPython, run } from './python';
import {
  awsCli,
  headObject,
  listMultipartUploads,
  listObjects,
  objectSha256,
  putObject,
  TEST_CREDENTIALS,
} from './s3-check';
import { startVersitygw } from './versitygw';

const KiB = 1024;
const MiB = 1024 * KiB;
const vgw = backendNamed('versitygw');
const vgwHttps = backendNamed('versitygw-https');
const ci = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';

describe('the list of backends', () => {
  it('has moto first, then versitygw over HTTP and HTTPS (unless Go is missing outside CI)', () => {
    const list = backends();
    expect(list[0]).toEqual({ name: 'moto', endpoint: inject('s3Endpoint'), checksSignatures: false });
    if (ci) expect(list.map((b) => b.name)).toEqual(['moto', 'versitygw', 'versitygw-https']);
    if (vgw)
      expect(vgw).toEqual({
        name: 'versitygw',
        endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
        checksSignatures: true,
      });
    if (vgwHttps) {
      expect(vgwHttps).toEqual({
        name: 'versitygw-https',
        endpoint: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/),
        caFile: process.env.HOIST_TEST_CA_FILE,
        serverTls: { certFile: expect.stringMatching(/server\.pem$/), keyFile: expect.stringMatching(/server\.key$/) },
        checksSignatures: true,
      });
      expect(existsSync(vgwHttps.caFile!)).toBe(true);
      expect(existsSync(vgwHttps.serverTls!.certFile) && existsSync(vgwHttps.serverTls!.keyFile)).toBe(true);
    }
  });

  it('gives each https backend its CA in targetFor()', () => {
    for (const b of backends()) {
      const t = targetFor(b, 'bucket', 'p/');
      expect(t).toMatchObject({ endpointUrl: b.endpoint, bucket: 'bucket', prefix: 'p/', forcePathStyle: true });
      expect((t as { caBundle?: string }).caBundle).toBe(b.caFile);
    }
  });
});

describeEachBackend('backend', (backend) => {
  let client: S3Client;
  let bucket: string;
  beforeAll(async () => {
    client = s3ClientFor(backend);
    bucket = await freshBucketOn(backend, 'backend');
  });
  afterAll(() => client?.destroy());

  it('completes a multipart upload that the checkers then read back', async () => {
    const key = 'mpu/round-trip.bin';
    const parts = [makeBytes(5 * MiB, 21), makeBytes(100 * KiB, 22)];
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
    expect(await listMultipartUploads(backend.endpoint, bucket)).toEqual([
      { key, uploadId: UploadId, initiated: expect.any(String) },
    ]);
    const etags: string[] = [];
    for (const [i, body] of parts.entries()) {
      const r = await client.send(
        new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: i + 1, Body: body }),
      );
      etags.push(r.ETag!);
    }
    const done = await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId,
        MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
      }),
    );
    // The multipart ETag: MD5 of the parts' binary MD5s, then "-<count>". Both servers compute it like S3.
    const md5s = Buffer.concat(parts.map((p) => createHash('md5').update(p).digest()));
    expect(done.ETag).toBe(`"${createHash('md5').update(md5s).digest('hex')}-2"`);
    expect(await objectSha256(backend.endpoint, bucket, key)).toBe(sha256(Buffer.concat(parts)));
    expect(await listMultipartUploads(backend.endpoint, bucket)).toEqual([]);
    expect(await headObject(backend.endpoint, bucket, key)).toMatchObject({ size: 5 * MiB + 100 * KiB });
    // The AWS CLI too (with --ca-bundle for https).
    const head = JSON.parse(
      await awsCli(backend.endpoint, ['s3api', 'head-object', '--bucket', bucket, '--key', key]),
    ) as { ContentLength: number };
    expect(head.ContentLength).toBe(5 * MiB + 100 * KiB);
  });

  it(
    backend.checksSignatures ? 'refuses a wrong secret with 403 SignatureDoesNotMatch' : 'accepts any signature',
    async () => {
      const wrong = s3ClientFor(backend, { credentials: { ...TEST_CREDENTIALS, secretAccessKey: 'not-the-secret' } });
      try {
        const put = wrong.send(new PutObjectCommand({ Bucket: bucket, Key: 'wrong-secret.txt', Body: 'x' }));
        if (backend.checksSignatures) {
          await expect(put).rejects.toMatchObject({
            name: 'SignatureDoesNotMatch',
            $metadata: { httpStatusCode: 403 },
          });
          expect(await headObject(backend.endpoint, bucket, 'wrong-secret.txt')).toBeNull();
        } else {
          await put;
          expect(await headObject(backend.endpoint, bucket, 'wrong-secret.txt')).toMatchObject({ size: 1 });
        }
      } finally {
        wrong.destroy();
      }
    },
  );
});

describe.runIf(vgwHttps)('versitygw over HTTPS', () => {
  const backend = vgwHttps!;

  it('is trusted with the test CA and refused without it', async () => {
    const trusting = s3ClientFor(backend);
    const plain = s3ClientFor(backend, { caFile: null });
    try {
      await expect(trusting.send(new ListBucketsCommand({}))).resolves.toMatchObject({
        $metadata: { httpStatusCode: 200 },
      });
      // Node's own roots (plus NODE_EXTRA_CA_CERTS, the system bundle here) do not include the throwaway CA.
      await expect(plain.send(new ListBucketsCommand({}))).rejects.toMatchObject({
        code: expect.stringMatching(
          /SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE/,
        ),
      });
    } finally {
      trusting.destroy();
      plain.destroy();
    }
  });

  it('works for the boto3 checker, and the AWS CLI fails without the CA', async () => {
    const bucket = await freshBucketOn(backend, 'https');
    await putObject(backend.endpoint, bucket, 'a.txt', 'hello');
    expect((await listObjects(backend.endpoint, bucket)).map((o) => o.key)).toEqual(['a.txt']);
    // awsCli() passes --ca-bundle (the round trip above uses it); without it, and without this machine's
    // AWS_CA_BUNDLE (the system bundle), the CLI fails.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_CONFIG_FILE: '/dev/null',
    };
    delete env.AWS_CA_BUNDLE;
    const args = [
      '-m',
      'awscli',
      '--endpoint-url',
      backend.endpoint,
      '--region',
      'us-east-1',
      's3',
      'ls',
      `s3://${bucket}/`,
    ];
    const r = await run(await motoPython(), args, { env, timeoutMs: 60_000 });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/SSL|certificate/i);
  });
});

describe.runIf(vgw)('versitygw', () => {
  const backend = vgw!;
  let client: S3Client;
  let bucket: string;
  beforeAll(async () => {
    // No default checksums: each case below sends exactly the digest headers it names.
    client = s3ClientFor(backend, { config: { requestChecksumCalculation: 'WHEN_REQUIRED' } });
    bucket = await freshBucketOn(backend, 'vgw');
  });
  afterAll(() => client?.destroy());

  it('refuses an unsigned request with 403 AccessDenied', async () => {
    const res = await fetch(`${backend.endpoint}/${bucket}/unsigned.txt`, { method: 'PUT', body: 'x' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('verifies Content-MD5 and x-amz-checksum-crc32 (moto does neither)', async () => {
    const body = Buffer.from('the body');
    const md5Of = (s: string) => createHash('md5').update(s).digest('base64');
    await expect(
      client.send(new PutObjectCommand({ Bucket: bucket, Key: 'md5.txt', Body: body, ContentMD5: md5Of('other') })),
    ).rejects.toMatchObject({
      name: 'BadDigest',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      client.send(new PutObjectCommand({ Bucket: bucket, Key: 'crc.txt', Body: body, ChecksumCRC32: 'AAAAAA==' })),
    ).rejects.toMatchObject({
      name: 'BadDigest',
    });
    expect(await listObjects(backend.endpoint, bucket)).toEqual([]);
    await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'md5.txt', Body: body, ContentMD5: md5Of('the body') }),
    );
    expect((await listObjects(backend.endpoint, bucket)).map((o) => o.key)).toEqual(['md5.txt']);
  });

  it('starts a private server whose stop() ends it and removes its data directory', async () => {
    const server = await startVersitygw();
    expect(server.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.endpoint).not.toBe(backend.endpoint);
    const own = await freshBucketOn({ ...backend, endpoint: server.endpoint }, 'private');
    expect(existsSync(`${server.dataDir}/${own}`)).toBe(true); // posix backend: one directory per bucket
    await server.stop();
    expect(existsSync(server.dataDir)).toBe(false);
    await expect(fetch(`${server.endpoint}/`)).rejects.toThrow();
    await server.stop(); // a second stop is harmless
  });
});
