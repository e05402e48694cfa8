// The lean data path against every server of the run (versitygw checks each signature): objects and parts land under
// exactly their keys and read back with the SDK, and a refusal is classified exactly as the SDK path's.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateMultipartUploadCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Target } from '../../../shared/target';
import {
  completeAndRead,
  describeEachBackend,
  freshBucketOn,
  s3ClientFor,
  targetFor,
} from '../../../../test/harness/backends';
import { makeBytes, crc32Base64 } from '../../../../test/harness/fixtures';
import { classify } from '../errors';
import { ClientPool } from '../s3-client';
import { readCaBundle } from '../endpoint-checks';
import { EndpointClock, resendOnClockFix } from './clock';
import type { DataPath } from './data-path';
import { LeanDataPath } from './lean-data-path';
import { TrailerSupport } from './trailer-support';

const pool = new ClientPool({ connectTimeoutMs: 5000, requestTimeoutMs: 20_000 });
afterAll(() => pool.destroy());

const send = { abortSignal: new AbortController().signal };

const ODD_KEYS = [
  'plain.txt',
  'a b.txt',
  'plus+sign.txt',
  '100%.txt',
  '100%25.txt',
  'hash#tag?.txt',
  'a&b=c;d.txt',
  '写真 2024.jpg',
  'tilde~.txt',
  "bang!star*quote'paren().txt",
  '/leading-slash.txt',
  'double//slash.txt',
  'dir/sub dir/ü.txt',
  'emoji 🚀.txt',
];

/** What the engine would be told about a failed request, on the given path. */
async function refusal(path: DataPath, target: Target, key: string, uploadId?: string): Promise<unknown> {
  const input = { bucket: target.bucket, key, body: Buffer.from('x'), contentLength: 1, digest: {} };
  const sent = uploadId ? path.uploadPart({ ...input, uploadId, partNumber: 1 }, send) : path.putObject(input, send);
  return sent.then(
    () => new Error('the request succeeded'),
    (err: unknown) => err,
  );
}

function classified(err: unknown, target: Target) {
  return classify(err, { file: '/f', bucket: target.bucket, key: 'k', endpoint: target.endpointUrl! });
}

describeEachBackend('lean data path', (backend) => {
  it('PUTs keys of every kind under exactly those keys, with CRC32, MD5 or no check, readable with the SDK', async () => {
    const bucket = await freshBucketOn(backend, 'lean-keys');
    const target = targetFor(backend, bucket);
    const lean = pool.dataPath(target, 'lean');
    const sdk = s3ClientFor(backend);
    for (const [i, key] of ODD_KEYS.entries()) {
      const bytes = makeBytes(1000 + i, i);
      const digest =
        i % 3 === 0
          ? { ChecksumCRC32: crc32Base64(bytes) }
          : i % 3 === 1
            ? { ContentMD5: createHash('md5').update(bytes).digest('base64') }
            : {};
      const out = await lean.putObject({ bucket, key, body: bytes, contentLength: bytes.length, digest }, send);
      expect(out.ETag, key).toMatch(/^"?[0-9a-f]{32}"?$/);
      const got = await sdk.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      expect(Buffer.from(await got.Body!.transformToByteArray()).equals(bytes), key).toBe(true);
    }
    sdk.destroy();
  });

  it('sends parts with their CRC32 that the SDK completes into the object', async () => {
    const bucket = await freshBucketOn(backend, 'lean-parts');
    const target = targetFor(backend, bucket);
    const lean = pool.dataPath(target, 'lean');
    const sdk = s3ClientFor(backend);
    const key = 'parts/big file +%.bin';
    const parts = [makeBytes(5 * 1024 * 1024, 1), makeBytes(1234, 2)];
    const created = await sdk.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ChecksumAlgorithm: 'CRC32' }),
    );
    const done = [];
    for (const [i, body] of parts.entries()) {
      const ChecksumCRC32 = crc32Base64(body);
      const out = await lean.uploadPart(
        {
          bucket,
          key,
          uploadId: created.UploadId!,
          partNumber: i + 1,
          body,
          contentLength: body.length,
          digest: { ChecksumCRC32 },
        },
        send,
      );
      done.push({ PartNumber: i + 1, ETag: out.ETag, ChecksumCRC32: out.ChecksumCRC32 ?? ChecksumCRC32 });
    }
    const got = await completeAndRead(sdk, { bucket, key, uploadId: created.UploadId! }, done);
    expect(got.equals(Buffer.concat(parts))).toBe(true);
    sdk.destroy();
  });

  it('is refused with the same classified error as the SDK path: NoSuchBucket, NoSuchUpload', async () => {
    const target = targetFor(backend, await freshBucketOn(backend, 'lean-refusals'));
    const missing = { ...target, bucket: `${target.bucket}-missing` };
    const lean = (t: Target) => pool.dataPath(t, 'lean');
    const sdk = (t: Target) => pool.dataPath(t, 'sdk');
    const cases: [Target, string | undefined][] = [
      [missing, undefined],
      [target, 'no-such-upload-id'],
    ];
    for (const [t, uploadId] of cases) {
      const viaSdk = classified(await refusal(sdk(t), t, 'k', uploadId), t);
      const viaLean = classified(await refusal(lean(t), t, 'k', uploadId), t);
      expect(viaLean).toEqual(viaSdk);
      // moto answers an unknown upload id with its own HTTP 500 page (which both paths then read alike).
      if (backend.name !== 'moto' || !uploadId)
        expect(viaLean.code).toMatch(uploadId ? /NoSuchUpload/ : /NoSuchBucket/);
    }
  });

  it.runIf(backend.checksSignatures)('wrong keys: the same classified refusal on both paths', async () => {
    const target = targetFor(backend, await freshBucketOn(backend, 'lean-creds'));
    for (const credentials of [
      { accessKeyId: 'AKIDNOSUCHKEY', secretAccessKey: 'whatever' },
      { accessKeyId: target.credentials!.accessKeyId, secretAccessKey: 'not-the-secret' },
    ]) {
      const t = { ...target, credentials };
      const viaSdk = classified(await refusal(pool.dataPath(t, 'sdk'), t, 'k'), t);
      const viaLean = classified(await refusal(pool.dataPath(t, 'lean'), t, 'k'), t);
      expect(viaLean).toEqual(viaSdk);
      expect(viaLean.class).toBe('permanent');
    }
  });

  it.runIf(backend.checksSignatures)(
    'signed 20 minutes off: learns the offset from the refusal and passes at once',
    async () => {
      const bucket = await freshBucketOn(backend, 'lean-skew');
      const target = targetFor(backend, bucket);
      const clock = new EndpointClock(() => Date.now() - 20 * 60 * 1000);
      const offsets: number[] = [];
      const lean = new LeanDataPath({
        endpoint: target,
        credentials: target.credentials!,
        clock,
        timeouts: { connectTimeoutMs: 5000, requestTimeoutMs: 20_000 },
        ca: target.caBundle ? readCaBundle(target.caBundle) : undefined,
        onClockOffset: (o) => offsets.push(o),
        trailer: new TrailerSupport(),
      });
      let attempts = 0;
      const body = Buffer.from('skewed');
      const out = await resendOnClockFix(() => {
        attempts++;
        return lean.putObject({ bucket, key: 'skew.txt', body, contentLength: body.length, digest: {} }, send);
      });
      expect(out.ETag).toBeTruthy();
      expect(attempts).toBe(2);
      expect(offsets).toHaveLength(1);
      expect(Math.abs(clock.offsetMs - 20 * 60 * 1000)).toBeLessThan(5000);
      lean.destroy();
    },
  );
});

describe('lean data path, servers that are not S3', () => {
  const target = (endpointUrl: string): Target => ({
    endpointUrl,
    region: 'us-east-1',
    forcePathStyle: true,
    checksum: 'auto',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    bucket: 'b',
    prefix: '',
  });

  for (const [status, type, reply] of [
    [404, 'text/html', '<html><body><h1>Not here</h1></body></html>'],
    [405, 'text/plain', 'Method Not Allowed'],
    [502, 'text/html', 'Bad gateway'],
    [403, 'text/plain', ''],
  ] as const) {
    it(`HTTP ${status} ${type} "${reply.slice(0, 12)}": the same classified error as the SDK path`, async () => {
      const server = http.createServer((req, res) => {
        req.resume();
        req.on('end', () => res.writeHead(status, { 'content-type': type }).end(reply));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const t = target(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      const local = new ClientPool({ connectTimeoutMs: 2000, requestTimeoutMs: 5000 });
      try {
        const viaSdk = classified(await refusal(local.dataPath(t, 'sdk'), t, 'k'), t);
        const viaLean = classified(await refusal(local.dataPath(t, 'lean'), t, 'k'), t);
        expect(viaLean).toEqual(viaSdk);
      } finally {
        local.destroy();
        server.close();
      }
    });
  }

  it('a refused port: ECONNREFUSED on both paths, classified the same', async () => {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise((r) => server.close(r));
    const t = target(`http://127.0.0.1:${port}`);
    const local = new ClientPool({ connectTimeoutMs: 2000, requestTimeoutMs: 5000 });
    try {
      const viaSdk = classified(await refusal(local.dataPath(t, 'sdk'), t, 'k'), t);
      const viaLean = classified(await refusal(local.dataPath(t, 'lean'), t, 'k'), t);
      expect(viaLean).toEqual(viaSdk);
      expect(viaLean.code).toBe('EndpointUnreachable');
    } finally {
      local.destroy();
    }
  });
});
