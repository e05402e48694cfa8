// The bench's "integrity check" column rests on what the sink records: real requests with each kind of check.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeChecks } from './checksum-seen';
import { startSinkS3, type SinkS3 } from './sink-s3';

let sink: SinkS3;
beforeAll(async () => {
  sink = await startSinkS3();
});
afterAll(() => sink.close());

function send(method: string, path: string, headers: Record<string, string>, body = ''): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${sink.endpoint}${path}`, { method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('what the sink sees of each integrity check', () => {
  it('tells a CRC32 header, Content-MD5 and a signed payload hash apart, and ignores CreateBucket', async () => {
    await send('PUT', '/b1', { 'x-amz-content-sha256': 'a'.repeat(64) });
    await send(
      'PUT',
      '/b1/one',
      { 'x-amz-checksum-crc32': 'AAAAAA==', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      'x',
    );
    await send(
      'PUT',
      '/b1/two',
      { 'x-amz-checksum-crc32': 'AAAAAA==', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      'y',
    );
    expect(describeChecks(sink.seen('b1'))).toBe('PUT: CRC32 (header)');

    await send('PUT', '/b2/k', { 'content-md5': '1B2M2Y8AsgTpgAmY7PhCfg==', 'x-amz-content-sha256': 'b'.repeat(64) });
    expect(describeChecks(sink.seen('b2'))).toBe('PUT: Content-MD5 + signed SHA-256 of the body');
  });

  it('reads a checksum sent in an aws-chunked trailer from the end of the body', async () => {
    const body = '1\r\nz\r\n0\r\nx-amz-checksum-crc32c:AAAAAA==\r\n\r\n';
    const headers = {
      'content-encoding': 'aws-chunked',
      'x-amz-trailer': 'x-amz-checksum-crc32c',
      'x-amz-decoded-content-length': '1',
      'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
    };
    expect(await send('PUT', '/b3/k', headers, body)).toBe(200);
    expect(describeChecks(sink.seen('b3'))).toBe('PUT: CRC32C (trailer)');
  });

  it('names the parts and the create of a multipart upload separately, with mixed requests counted', async () => {
    await send('POST', '/b4/big?uploads', { 'x-amz-checksum-algorithm': 'CRC32', 'x-amz-meta-md5chksum': 'abc' });
    await send('PUT', '/b4/big?partNumber=1&uploadId=sink-1', { 'content-md5': 'x' }, 'p');
    await send('PUT', '/b4/big?partNumber=2&uploadId=sink-1', {}, 'q');
    expect(describeChecks(sink.seen('b4'))).toBe(
      'multipart create: CRC32 announced + MD5 metadata; parts: Content-MD5 (1 of 2); none (1 of 2)',
    );
  });
});
