// Tests of the test harness itself: the moto server, the boto3/AWS CLI checkers, the fixtures and the fault proxy.
import { request } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CreateMultipartUploadCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { cleanupTempDirs, makeBytes, makeFile, makeTempDir, sha256, sha256File } from './fixtures';
import { motoPython, startMoto } from './moto';
import {
  abortMultipartUpload,
  awsCli,
  createBucket,
  createMultipartUpload,
  headObject,
  listMultipartUploads,
  listObjects,
  listParts,
  objectSha256,
  putObject,
  testTarget,
  uniqueBucket,
  uploadPart,
} from './s3-check';

const endpoint = inject('s3Endpoint');
const KiB = 1024;
const MiB = 1024 * KiB;

afterAll(cleanupTempDirs);

/** A plain, unsigned HTTP request (moto does not check signatures), on a fresh connection. */
function send(
  base: string,
  method: string,
  path: string,
  body?: Buffer,
): Promise<{ status: number; text: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      {
        method,
        agent: false,
        headers: { 'content-type': 'application/octet-stream', 'content-length': body?.length ?? 0 },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('moto server', () => {
  it('answers S3 requests on the shared endpoint', async () => {
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await send(endpoint, 'GET', '/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('ListAllMyBucketsResult');
    expect(await motoPython()).toBe(inject('motoPython'));
    // The global setup exports it, so workers (and the CLI processes tests start) skip probing for a Python.
    expect(process.env.HOIST_MOTO_PYTHON).toBe(inject('motoPython'));
  });

  it('starts a private server that reset() empties and stop() ends', async () => {
    const moto = await startMoto();
    try {
      expect(moto.endpoint).not.toBe(endpoint);
      const bucket = uniqueBucket('private');
      await createBucket(moto.endpoint, bucket);
      await putObject(moto.endpoint, bucket, 'a.txt', 'hello');
      expect((await listObjects(moto.endpoint, bucket)).map((o) => o.key)).toEqual(['a.txt']);
      await moto.reset();
      await expect(listObjects(moto.endpoint, bucket)).rejects.toThrow(/NoSuchBucket/);
    } finally {
      await moto.stop();
    }
    await expect(send(moto.endpoint, 'GET', '/')).rejects.toThrow(/ECONNREFUSED/);
    await moto.stop(); // a second stop is harmless
  });
});

describe('checkers (boto3 and the AWS CLI)', () => {
  const bucket = uniqueBucket('checkers');
  beforeAll(() => createBucket(endpoint, bucket));

  it('puts, lists, heads and hashes objects', async () => {
    const bytes = makeBytes(200 * KiB, 7);
    await putObject(endpoint, bucket, 'dir/one.bin', bytes);
    await putObject(endpoint, bucket, 'dir/two.txt', 'two');
    await putObject(endpoint, bucket, 'other.txt', 'x');
    await createBucket(endpoint, bucket); // idempotent
    expect(await listObjects(endpoint, bucket, 'dir/')).toEqual([
      { key: 'dir/one.bin', size: 200 * KiB, etag: expect.stringMatching(/^[0-9a-f]{32}$/) },
      { key: 'dir/two.txt', size: 3, etag: expect.any(String) },
    ]);
    expect(await listObjects(endpoint, bucket)).toHaveLength(3);
    expect(await objectSha256(endpoint, bucket, 'dir/one.bin')).toBe(sha256(bytes));
    expect(await objectSha256(endpoint, bucket, 'missing')).toBeNull();
    expect(await headObject(endpoint, bucket, 'dir/two.txt')).toMatchObject({ size: 3 });
    expect(await headObject(endpoint, bucket, 'missing')).toBeNull();
  });

  it('sees multipart uploads, their parts, and their abort', async () => {
    const key = 'big/file.bin';
    const uploadId = await createMultipartUpload(endpoint, bucket, key);
    expect(await listMultipartUploads(endpoint, bucket)).toContainEqual({
      key,
      uploadId,
      initiated: expect.any(String),
    });
    expect(await listParts(endpoint, bucket, key, uploadId)).toEqual([]);
    await uploadPart(endpoint, bucket, key, uploadId, 1, makeBytes(64 * KiB));
    expect(await listParts(endpoint, bucket, key, uploadId)).toEqual([
      { partNumber: 1, size: 64 * KiB, etag: expect.any(String) },
    ]);
    await abortMultipartUpload(endpoint, bucket, key, uploadId);
    expect(await listParts(endpoint, bucket, key, uploadId)).toBe('NoSuchUpload');
    expect(await listMultipartUploads(endpoint, bucket)).toEqual([]);
    expect(await listParts(endpoint, bucket, key, 'no-such-upload-id')).toBe('NoSuchUpload');
  });

  it('downloads with the AWS CLI', async () => {
    const dir = await makeTempDir();
    const bytes = makeBytes(3 * MiB + 5, 3);
    await putObject(endpoint, bucket, 'cli/file.bin', bytes);
    await awsCli(endpoint, ['s3', 'cp', `s3://${bucket}/cli/file.bin`, join(dir, 'down.bin')]);
    expect(await sha256File(join(dir, 'down.bin'))).toBe(sha256(bytes));
    const listing = JSON.parse(
      await awsCli(endpoint, ['s3api', 'list-objects-v2', '--bucket', bucket, '--prefix', 'cli/']),
    ) as {
      Contents: { Key: string; Size: number }[];
    };
    expect(listing.Contents).toEqual([expect.objectContaining({ Key: 'cli/file.bin', Size: bytes.length })]);
    await expect(awsCli(endpoint, ['s3api', 'head-bucket', '--bucket', uniqueBucket('absent')])).rejects.toThrow(
      /404|Not Found/,
    );
  });

  it('passes other S3 errors on as exceptions', async () => {
    await expect(listObjects(endpoint, uniqueBucket('absent'))).rejects.toThrow(/NoSuchBucket/);
  });
});

describe('fixtures', () => {
  it('makes deterministic files whose MiBs all differ', async () => {
    const dir = await makeTempDir();
    const size = 3 * MiB + 123;
    const a = await makeFile(dir, 'sub/a.bin', size, 5);
    const b = await makeFile(dir, 'b.bin', size, 5);
    const c = await makeFile(dir, 'c.bin', size, 6);
    const bytes = makeBytes(size, 5);
    expect(bytes.length).toBe(size);
    expect(await sha256File(a)).toBe(sha256(bytes));
    expect(await sha256File(b)).toBe(await sha256File(a));
    expect(await sha256File(c)).not.toBe(await sha256File(a));
    expect(bytes.subarray(0, MiB).equals(bytes.subarray(MiB, 2 * MiB))).toBe(false);
    expect(await makeFile(dir, 'empty', 0)).toBe(join(dir, 'empty'));
    expect(await sha256File(join(dir, 'empty'))).toBe(sha256(''));
  });
});

describe('fault proxy', () => {
  const bucket = uniqueBucket('proxy');
  let proxy: FaultProxy;
  beforeAll(async () => {
    await createBucket(endpoint, bucket);
    proxy = await startFaultProxy(endpoint);
  });
  afterEach(() => {
    proxy.throttle(null);
    proxy.clearDelays();
    proxy.clearFaults();
    proxy.resetCounters();
  });
  afterAll(() => proxy?.close());

  it('forwards requests and counts the bytes', async () => {
    const body = makeBytes(300 * KiB, 11);
    const before = performance.now();
    const res = await send(proxy.endpoint, 'PUT', `/${bucket}/fwd.bin`, body);
    expect(res.status).toBe(200);
    expect(await objectSha256(endpoint, bucket, 'fwd.bin')).toBe(sha256(body));
    expect(proxy.bytesUp).toBeGreaterThan(body.length);
    expect(proxy.bytesUp).toBeLessThan(body.length + 1024);
    expect(proxy.bytesDown).toBeGreaterThan(0);
    expect(proxy.lastUpByteAt).toBeGreaterThan(before);
    expect(proxy.lastUpByteAt).toBeLessThanOrEqual(performance.now());
    expect(proxy.requests).toEqual([
      expect.objectContaining({ method: 'PUT', target: `/${bucket}/fwd.bin`, conn: expect.any(Number) }),
    ]);
    expect(proxy.totalConnections).toBe(1);
    expect(proxy.faultsInjected).toBe(0);
    await expect.poll(() => proxy.connections).toBe(0);
  });

  it('throttles client->server throughput', async () => {
    const body = makeBytes(512 * KiB, 12);
    const fast = await send(proxy.endpoint, 'PUT', `/${bucket}/fast.bin`, body);
    proxy.throttle(1 * MiB);
    const slow = await send(proxy.endpoint, 'PUT', `/${bucket}/slow.bin`, body);
    expect(fast.status).toBe(200);
    expect(slow.status).toBe(200);
    // 512 KiB at 1 MiB/s is 500 ms; the token bucket allows at most a 50 ms burst.
    expect(slow.ms).toBeGreaterThan(440);
    expect(slow.ms).toBeLessThan(2_500);
    expect(fast.ms).toBeLessThan(slow.ms);
    expect(await objectSha256(endpoint, bucket, 'slow.bin')).toBe(sha256(body));
  });

  it('resets the next request part-way through its body', async () => {
    const body = makeBytes(1 * MiB, 13);
    proxy.resetNext(1);
    await expect(send(proxy.endpoint, 'PUT', `/${bucket}/reset.bin`, body)).rejects.toThrow(
      /ECONNRESET|socket hang up|EPIPE/,
    );
    expect(proxy.faultsInjected).toBe(1);
    expect(proxy.bytesUp).toBeGreaterThan(256 * KiB);
    expect(await objectSha256(endpoint, bucket, 'reset.bin')).toBeNull();
    // The fault is used up: the retry goes through.
    expect((await send(proxy.endpoint, 'PUT', `/${bucket}/reset.bin`, body)).status).toBe(200);
    expect(proxy.faultsInjected).toBe(1);
  });

  it('resets only requests that match, and skips requests without a body', async () => {
    proxy.resetNext(1, { match: /^PUT [^ ]*victim/, afterBytes: 10 * KiB });
    expect((await send(proxy.endpoint, 'GET', `/${bucket}?list-type=2`)).status).toBe(200);
    expect((await send(proxy.endpoint, 'PUT', `/${bucket}/bystander.bin`, makeBytes(64 * KiB))).status).toBe(200);
    await expect(send(proxy.endpoint, 'PUT', `/${bucket}/victim.bin`, makeBytes(64 * KiB))).rejects.toThrow();
    expect(proxy.faultsInjected).toBe(1);
  });

  it('resets the connection carrying the byte at resetAfterBytes', async () => {
    proxy.resetAfterBytes(200 * KiB);
    await expect(send(proxy.endpoint, 'PUT', `/${bucket}/rab.bin`, makeBytes(1 * MiB))).rejects.toThrow();
    expect(proxy.faultsInjected).toBe(1);
    expect((await send(proxy.endpoint, 'PUT', `/${bucket}/rab.bin`, makeBytes(1 * MiB))).status).toBe(200);
    // With a match, a budget that runs out on another request is dropped, not fired.
    proxy.resetAfterBytes(200 * KiB, { match: /^PUT [^ ]*victim/ });
    expect((await send(proxy.endpoint, 'PUT', `/${bucket}/rab-bystander.bin`, makeBytes(1 * MiB))).status).toBe(200);
    proxy.resetAfterBytes(200 * KiB, { match: /^PUT [^ ]*victim/ });
    await expect(send(proxy.endpoint, 'PUT', `/${bucket}/rab-victim.bin`, makeBytes(1 * MiB))).rejects.toThrow();
    expect(proxy.faultsInjected).toBe(2);
  });

  it('stalls a connection for a while, then lets it finish', async () => {
    const body = makeBytes(256 * KiB, 14);
    proxy.stallNext(1, 800);
    const res = await send(proxy.endpoint, 'PUT', `/${bucket}/stall.bin`, body);
    expect(res.status).toBe(200);
    expect(res.ms).toBeGreaterThan(780);
    expect(proxy.faultsInjected).toBe(1);
    expect(await objectSha256(endpoint, bucket, 'stall.bin')).toBe(sha256(body));
    // While stalled, the client could not push the whole body through: the proxy stopped reading.
  });

  it('stops reading from the client while a connection is stalled', async () => {
    const body = makeBytes(16 * MiB, 15);
    proxy.stallNext(1, 1_500, { afterBytes: 0 });
    const done = send(proxy.endpoint, 'PUT', `/${bucket}/stall-big.bin`, body);
    await new Promise((r) => setTimeout(r, 700));
    const during = proxy.bytesUp;
    expect(during).toBeLessThan(body.length);
    expect(performance.now() - proxy.lastUpByteAt).toBeGreaterThan(300);
    expect((await done).status).toBe(200);
    expect(proxy.bytesUp).toBeGreaterThan(body.length);
  });

  it('delays requests whose head matches', async () => {
    proxy.delayRequests(/^POST [^ ]*\?uploads/, 600);
    const t0 = performance.now();
    const create = await send(proxy.endpoint, 'POST', `/${bucket}/mpu.bin?uploads`);
    expect(create.status).toBe(200);
    expect(create.text).toContain('<UploadId>');
    expect(performance.now() - t0).toBeGreaterThan(580);
    const other = await send(proxy.endpoint, 'PUT', `/${bucket}/not-delayed.bin`, makeBytes(1 * KiB));
    expect(other.status).toBe(200);
    expect(other.ms).toBeLessThan(500);
    proxy.clearDelays();
    const again = await send(proxy.endpoint, 'POST', `/${bucket}/mpu2.bin?uploads`);
    expect(again.ms).toBeLessThan(500);
    expect(proxy.faultsInjected).toBe(0);
  });

  it('waits for a request to show up', async () => {
    const seen = proxy.waitForRequest(/^PUT \/[^ ]*\/awaited\.bin$/, 5_000);
    await send(proxy.endpoint, 'PUT', `/${bucket}/awaited.bin`, makeBytes(1 * KiB));
    await expect(seen).resolves.toMatchObject({ method: 'PUT', target: `/${bucket}/awaited.bin` });
    await expect(proxy.waitForRequest(/^DELETE /, 100)).rejects.toThrow(/no request matching/);
  });

  it('works for the JS SDK, which retries a reset request', async () => {
    const target = testTarget(proxy.endpoint, bucket);
    const client = new S3Client({
      endpoint: target.endpointUrl,
      region: target.region,
      forcePathStyle: true,
      credentials: target.credentials,
    });
    try {
      const body = makeBytes(6 * MiB, 16);
      proxy.resetNext(1, { match: /^PUT / });
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'sdk/put.bin', Body: body }));
      expect(proxy.faultsInjected).toBe(1);
      expect(proxy.requests.filter((r) => r.method === 'PUT')).toHaveLength(2);
      expect(await objectSha256(endpoint, bucket, 'sdk/put.bin')).toBe(sha256(body));

      proxy.delayRequests(/^POST [^ ]*\?uploads/, 400);
      const t0 = performance.now();
      const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'sdk/mpu.bin' }));
      expect(performance.now() - t0).toBeGreaterThan(380);
      expect(await listParts(endpoint, bucket, 'sdk/mpu.bin', UploadId!)).toEqual([]);
    } finally {
      client.destroy();
    }
  });
});
