// A part's CRC32 as an aws-chunked trailer (aws-chunked.ts), against every server of the run: the parts decode into
// exactly the file's bytes, the server names the CRC32 it checked, and a wrong CRC32 is refused with nothing kept, so
// the server really checks the trailer. Then the endpoints that do not take it (trailer-support.ts), on a local server.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AbortMultipartUploadCommand, CreateMultipartUploadCommand, ListPartsCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  completeAndRead,
  describeEachBackend,
  freshBucketOn,
  s3ClientFor,
  targetFor,
} from '../../../../test/harness/backends';
import { cleanupTempDirs, makeFile, makeTempDir, crc32Base64 } from '../../../../test/harness/fixtures';
import { countingFileStream, type BodyFrame, type FileRangeBody } from '../../job/counting-stream';
import { ClientPool } from '../s3-client';
import { readCaBundle } from '../endpoint-checks';
import { EndpointClock } from './clock';
import { LeanDataPath } from './lean-data-path';
import { isTrailerRefused, isTrailerSuspect, TrailerSupport } from './trailer-support';
import { readFile } from 'node:fs/promises';

const pool = new ClientPool({ connectTimeoutMs: 5000, requestTimeoutMs: 20_000 });
afterAll(async () => {
  pool.destroy();
  await cleanupTempDirs();
});

const MiB = 1024 * 1024;
const send = { abortSignal: new AbortController().signal };

/** The path's own framer, except that the trailer it writes names another CRC32 than the bytes'. */
function lyingTrailer(framer: BodyFrame): BodyFrame {
  return {
    frame: (bytes) => framer.frame(bytes),
    end: () =>
      Buffer.from(
        framer
          .end()
          .toString('latin1')
          .replace(/:(.{8})\r\n/, ':AAAAAA==\r\n'),
        'latin1',
      ),
  };
}

describeEachBackend('CRC32 trailer', (backend) => {
  it('sends parts framed with their CRC32 after them, which the server names back and completes into the file', async () => {
    const bucket = await freshBucketOn(backend, 'trailer-parts');
    const target = targetFor(backend, bucket);
    const lean = pool.dataPath(target, 'lean');
    expect(lean.sendsCrc32Trailer?.()).toBe(true);
    const sdk = s3ClientFor(backend);
    // Past the 1 MiB frame, and a last part shorter than one frame.
    const file = await makeFile(await makeTempDir(), 'big.bin', 5 * MiB + 3 * MiB + 12_345, 7);
    const bytes = await readFile(file);
    const key = 'trailer/big file +%.bin';
    const created = await sdk.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ChecksumAlgorithm: 'CRC32' }),
    );
    const ranges = [
      [0, 5 * MiB],
      [5 * MiB, bytes.length],
    ] as const;
    const parts = [];
    let counted = 0;
    for (const [i, [start, end]] of ranges.entries()) {
      const body = countingFileStream(file, start, end, (n) => (counted += n));
      const out = await lean.uploadPart(
        {
          bucket,
          key,
          uploadId: created.UploadId!,
          partNumber: i + 1,
          body,
          contentLength: end - start,
          digest: {},
          crc32Trailer: true,
        },
        send,
      );
      expect(out.ChecksumCRC32).toBe(crc32Base64(bytes.subarray(start, end)));
      parts.push({ PartNumber: i + 1, ETag: out.ETag, ChecksumCRC32: out.ChecksumCRC32 });
    }
    // Progress counts the file's bytes, not the frame's.
    expect(counted).toBe(bytes.length);
    const got = await completeAndRead(sdk, { bucket, key, uploadId: created.UploadId! }, parts);
    expect(got.equals(bytes)).toBe(true);
    expect(lean.sendsCrc32Trailer?.()).toBe(true);
    sdk.destroy();
  });

  // moto checks no trailer and names back the one it was sent: there the path's own comparison (the CRC32 named back
  // against the bytes sent) catches it, and the part goes again with the header (its part number replaces this one).
  it('a trailer whose CRC32 is not the bytes’ is refused, and no part kept where the server checks it', async () => {
    const bucket = await freshBucketOn(backend, 'trailer-wrong');
    const target = targetFor(backend, bucket);
    const sdk = s3ClientFor(backend);
    const file = await makeFile(await makeTempDir(), 'part.bin', 2 * MiB + 5, 8);
    const created = await sdk.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'wrong.bin', ChecksumAlgorithm: 'CRC32' }),
    );
    const trailer = new TrailerSupport();
    const lean = new LeanDataPath({
      endpoint: target,
      credentials: target.credentials!,
      clock: new EndpointClock(),
      timeouts: { connectTimeoutMs: 5000, requestTimeoutMs: 20_000 },
      ca: target.caBundle ? readCaBundle(target.caBundle) : undefined,
      trailer,
    });
    const size = 2 * MiB + 5;
    const body = countingFileStream(file, 0, size, () => undefined) as FileRangeBody;
    // The path frames the body with its own framer; its trailer is made to lie on the way.
    const frameWith = body.frameWith.bind(body);
    body.frameWith = (framer) => frameWith(lyingTrailer(framer));
    const input = { bucket, key: 'wrong.bin', uploadId: created.UploadId!, partNumber: 1, body, contentLength: size };
    const err = await lean.uploadPart({ ...input, digest: {}, crc32Trailer: true }, send).then(
      () => undefined,
      (e: unknown) => e as { name?: string; $metadata?: { httpStatusCode?: number } },
    );
    const listed = await sdk.send(
      new ListPartsCommand({ Bucket: bucket, Key: 'wrong.bin', UploadId: created.UploadId! }),
    );
    expect(err, 'a part whose trailer CRC32 was wrong was taken').toBeDefined();
    if (backend.checksSignatures) {
      expect(isTrailerRefused(err)).toBe(false);
      expect(err!.name).toBe('BadDigest');
      expect(listed.Parts ?? []).toEqual([]);
    } else {
      expect(isTrailerRefused(err)).toBe(true);
      expect(lean.sendsCrc32Trailer()).toBe(false);
    }
    await sdk.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: 'wrong.bin', UploadId: created.UploadId! }));
    lean.destroy();
    sdk.destroy();
  });
});

/** A server that answers every PUT as given, reading its body first. */
async function answering(status: number, headers: Record<string, string>, body = '') {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(status, headers).end(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

describe('an endpoint that does not take the trailer', () => {
  type Outcome = 'refused' | 'suspect' | 'plain';
  const xml = (code: string) => `<Error><Code>${code}</Code></Error>`;
  const cases: [string, number, Record<string, string>, string, Outcome][] = [
    ['answers 200 without naming the CRC32', 200, { etag: '"x"' }, '', 'refused'],
    ['names another CRC32', 200, { etag: '"x"', 'x-amz-checksum-crc32': 'AAAAAA==' }, '', 'refused'],
    ['refuses it: 501 NotImplemented', 501, {}, xml('NotImplemented'), 'refused'],
    ['refuses it: 400 InvalidRequest', 400, {}, xml('InvalidRequest'), 'refused'],
    ['refuses it with a page that is not S3 XML: 400', 400, {}, '<html>Bad Request</html>', 'refused'],
    ['checked the trailer and found the bytes wrong: 400 BadDigest', 400, {}, xml('BadDigest'), 'plain'],
    ['has no such upload: 404 NoSuchUpload', 404, {}, xml('NoSuchUpload'), 'plain'],
    ['refuses the user, not the encoding: 403 AccessDenied', 403, {}, xml('AccessDenied'), 'plain'],
    ['is in trouble: 503 SlowDown', 503, {}, xml('SlowDown'), 'suspect'],
  ];
  const outcomes: Record<Outcome, string> = {
    refused: 'turns to the header for the rest of the run, and the part goes again at once',
    suspect: "keeps the trailer for the endpoint; the part's next attempt carries the header",
    plain: 'stays an ordinary failure of the part',
  };
  for (const [what, status, headers, body, outcome] of cases) {
    it(`${what}: ${outcomes[outcome]}`, async () => {
      const server = await answering(status, headers, body);
      const file = await makeFile(await makeTempDir(), 'p.bin', 100_000, 9);
      const trailer = new TrailerSupport();
      const lean = new LeanDataPath({
        endpoint: { endpointUrl: server.url, region: 'us-east-1', forcePathStyle: true },
        credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
        clock: new EndpointClock(),
        timeouts: { connectTimeoutMs: 5000, requestTimeoutMs: 20_000 },
        trailer,
      });
      try {
        const err = await lean
          .uploadPart(
            {
              bucket: 'b',
              key: 'k',
              uploadId: 'u',
              partNumber: 1,
              body: countingFileStream(file, 0, 100_000, () => undefined),
              contentLength: 100_000,
              digest: {},
              crc32Trailer: true,
            },
            send,
          )
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(err).toBeDefined();
        expect(isTrailerRefused(err)).toBe(outcome === 'refused');
        expect(isTrailerSuspect(err)).toBe(outcome === 'suspect');
        expect(lean.sendsCrc32Trailer()).toBe(outcome !== 'refused');
      } finally {
        lean.destroy();
        server.close();
      }
    });
  }
});

describe('TrailerSupport', () => {
  const refused = Object.assign(new Error('no'), { name: 'InvalidRequest', $metadata: { httpStatusCode: 400 } });

  it('sends again every part in flight that comes back refused before any trailer was taken, not only the first', () => {
    const support = new TrailerSupport();
    expect(isTrailerRefused(support.failed(refused))).toBe(true);
    expect(isTrailerRefused(support.failed(refused))).toBe(true);
    expect(support.usable).toBe(false);
  });

  it('once a trailer was taken, a refusal is the request’s and the trailer stays', () => {
    const support = new TrailerSupport();
    support.taken();
    expect(support.failed(refused)).toBe(refused);
    expect(support.usable).toBe(true);
  });
});
