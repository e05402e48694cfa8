// The lean path's URLs must be the ones the SDK client of the same profile sends to: each case is sent through an
// SDK client whose handler only records the request, and compared.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { HttpRequest } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { endpointProtocol, objectUrl } from './object-url';

async function sdkRequest(
  ep: { endpointUrl?: string; region: string; forcePathStyle: boolean },
  bucket: string,
  key: string,
): Promise<HttpRequest | undefined> {
  let seen: HttpRequest | undefined;
  const client = new S3Client({
    region: ep.region,
    endpoint: ep.endpointUrl,
    forcePathStyle: ep.forcePathStyle,
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: HttpRequest) => {
        seen = request;
        throw new Error('recorded');
      },
    },
  });
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'x' })).catch(() => undefined);
  client.destroy();
  return seen;
}

const KEYS = [
  'plain.txt',
  'a b+c%d#e?f&g=h;i.txt',
  '写真/ü 🚀.jpg',
  '~!*\'()$@,:[]{}|^`"<>\\.txt',
  '/leading',
  'a//b///c/',
  '%2F%20already-encoded',
];

const ENDPOINTS = [
  { endpointUrl: 'http://127.0.0.1:9000', region: 'us-east-1', forcePathStyle: true },
  { endpointUrl: 'http://127.0.0.1:9000', region: 'us-east-1', forcePathStyle: false },
  { endpointUrl: 'https://s3.example.com', region: 'eu-west-3', forcePathStyle: false },
  { endpointUrl: 'https://s3.example.com:8443/gateway/', region: 'eu-west-3', forcePathStyle: false },
  { endpointUrl: 'http://minio.local:9000', region: 'us-east-1', forcePathStyle: false },
  { endpointUrl: 'https://s3.example.com', region: 'us-east-1', forcePathStyle: true },
  { endpointUrl: undefined, region: 'eu-central-1', forcePathStyle: false },
  { endpointUrl: undefined, region: 'us-east-1', forcePathStyle: true },
  { endpointUrl: undefined, region: 'us-east-1', forcePathStyle: false },
  { endpointUrl: undefined, region: 'cn-north-1', forcePathStyle: false },
  { endpointUrl: undefined, region: 'us-gov-west-1', forcePathStyle: false },
];

const BUCKETS = ['my-bucket', 'dotted.bucket.name', 'Upper-Case', 'ab', '192.168.1.1', 'under_score'];

describe('objectUrl', () => {
  for (const ep of ENDPOINTS) {
    it(`addresses every bucket and key as the SDK does: ${ep.endpointUrl ?? 'AWS'} ${ep.region} forcePathStyle=${ep.forcePathStyle}`, async () => {
      let compared = 0;
      for (const bucket of BUCKETS) {
        for (const key of KEYS) {
          const sdk = await sdkRequest(ep, bucket, key);
          // A bucket the SDK's rules refuse for this endpoint (no request at all) is the server's to refuse too.
          if (!sdk) continue;
          compared++;
          const lean = objectUrl(ep, bucket, key);
          const where = `${bucket} ${key}`;
          expect(lean.protocol, where).toBe(sdk.protocol);
          expect(lean.hostname, where).toBe(sdk.hostname);
          expect(lean.port, where).toBe(sdk.port);
          expect(lean.path, where).toBe(sdk.path);
        }
      }
      expect(compared).toBeGreaterThanOrEqual(KEYS.length * 3);
    });
  }
});

describe('endpointProtocol', () => {
  it('reads the scheme as the URL parser does, whatever its case', () => {
    expect(endpointProtocol('HTTPS://s3.example.com')).toBe('https:');
    expect(endpointProtocol('Http://127.0.0.1:9000')).toBe('http:');
    expect(endpointProtocol(' http://127.0.0.1:9000')).toBe('http:');
    expect(endpointProtocol(undefined)).toBe('https:');
    expect(endpointProtocol('not a url')).toBe('https:');
  });
});
