// The destination browser against the real servers: folders and objects of a prefix, pages across more than one
// ListObjectsV2 answer, the buckets the keys see, a ListBuckets refused by a least-privilege key (moto with its IAM
// checks on), and the failures' words.
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backends,
  describeEachBackend,
  freshBucketOn,
  s3ClientFor,
  targetFor,
  type S3Backend,
} from '../../../test/harness/backends';
import { startMoto, type MotoServer } from '../../../test/harness/moto';
import { motoPython, run } from '../../../test/harness/python';
import { testTarget } from '../../../test/harness/s3-check';
import type { Endpoint } from '../../shared/target';
import { BucketBrowser, FOLDER_PAGE_SIZE, listFolder } from './browse';
import type { ControlClient } from './s3-sdk';
import { HoistError } from './errors';

const endpointOf = (backend: S3Backend, bucket = 'unused'): Endpoint => {
  const { endpointUrl, region, forcePathStyle, credentials, checksum, caBundle } = targetFor(backend, bucket);
  return { endpointUrl, region, forcePathStyle, credentials, checksum, ...(caBundle ? { caBundle } : {}) };
};

async function put(client: S3Client, bucket: string, keys: Record<string, number>): Promise<void> {
  const entries = Object.entries(keys);
  // A few at a time: versitygw writes each to its disk.
  for (let i = 0; i < entries.length; i += 20) {
    await Promise.all(
      entries
        .slice(i, i + 20)
        .map(([key, size]) => client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'x'.repeat(size) }))),
    );
  }
}

const browser = new BucketBrowser({ connectTimeoutMs: 3_000, requestTimeoutMs: 10_000 });
afterAll(() => browser.destroy());

describeEachBackend('destination browser', (backend) => {
  const endpoint = endpointOf(backend);

  it('lists a folder: its sub-folders, and its own objects with size and date (not deeper ones)', async () => {
    const bucket = await freshBucketOn(backend, 'browse');
    const client = s3ClientFor(backend);
    const before = Date.now();
    await put(client, bucket, {
      'top.txt': 3,
      'photos/2024/a.jpg': 10,
      'photos/2024/b.jpg': 20,
      'photos/cover.png': 1234,
      'docs/readme.md': 7,
    });

    const top = await browser.folder(endpoint, { bucket, prefix: '' });
    expect(top.prefix).toBe('');
    expect(top.folders.sort()).toEqual(['docs/', 'photos/']);
    expect(top.objects.map((o) => [o.key, o.size])).toEqual([['top.txt', 3]]);
    expect(top.nextToken).toBeUndefined();

    const photos = await browser.folder(endpoint, { bucket, prefix: 'photos/' });
    expect(photos.folders).toEqual(['photos/2024/']);
    expect(photos.objects.map((o) => [o.key, o.size])).toEqual([['photos/cover.png', 1234]]);
    // Servers store seconds; a minute either side covers a slow machine, and a wrong date (moto's 2010) fails it.
    expect(photos.objects[0]!.modifiedAt).toBeGreaterThan(before - 60_000);
    expect(photos.objects[0]!.modifiedAt).toBeLessThan(Date.now() + 60_000);

    const year = await browser.folder(endpoint, { bucket, prefix: 'photos/2024/' });
    expect(year.folders).toEqual([]);
    expect(year.objects.map((o) => o.key)).toEqual(['photos/2024/a.jpg', 'photos/2024/b.jpg']);
  });

  it(`pages through a folder of more than ${FOLDER_PAGE_SIZE} entries, each once`, async () => {
    const bucket = await freshBucketOn(backend, 'browse-pages');
    const keys: Record<string, number> = {};
    for (let i = 0; i < 230; i++) keys[`many/file-${String(i).padStart(3, '0')}.bin`] = i % 7;
    for (let i = 0; i < 15; i++) keys[`many/sub-${String(i).padStart(2, '0')}/inner.bin`] = 1;
    await put(s3ClientFor(backend), bucket, keys);

    const first = await browser.folder(endpoint, { bucket, prefix: 'many/' });
    expect(first.folders.length + first.objects.length).toBeLessThanOrEqual(FOLDER_PAGE_SIZE);
    expect(first.nextToken).toBeTruthy();
    const folders = [...first.folders];
    const objects = [...first.objects];
    let token = first.nextToken;
    let pages = 1;
    while (token) {
      const next = await browser.folder(endpoint, { bucket, prefix: 'many/', continuationToken: token });
      folders.push(...next.folders);
      objects.push(...next.objects);
      token = next.nextToken;
      pages++;
      expect(pages).toBeLessThan(10);
    }
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(objects.map((o) => o.key).sort()).toEqual(
      Object.keys(keys)
        .filter((k) => !k.includes('/sub-'))
        .sort(),
    );
    expect(objects.find((o) => o.key === 'many/file-006.bin')?.size).toBe(6);
    expect(folders.sort()).toEqual(Array.from({ length: 15 }, (_, i) => `many/sub-${String(i).padStart(2, '0')}/`));
  });

  it('lists the buckets these keys see, by name', async () => {
    const bucket = await freshBucketOn(backend, 'browse-list');
    const listing = await browser.buckets(endpoint);
    expect(listing.kind).toBe('listed');
    if (listing.kind !== 'listed') return;
    expect(listing.buckets.map((b) => b.name)).toContain(bucket);
    const names = listing.buckets.map((b) => b.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('names the bucket and the endpoint when the bucket does not exist', async () => {
    const error = await browser.folder(endpoint, { bucket: 'no-such-bucket-h4', prefix: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HoistError);
    expect((error as HoistError).code).toBe('NoSuchBucket');
    expect((error as HoistError).message).toBe(
      `Bucket "no-such-bucket-h4" does not exist at ${backend.endpoint}. Check the bucket name, or pick another bucket.`,
    );
    expect((error as HoistError).text?.key).toBe('browse.error.noSuchBucket');
  });

  if (backend.checksSignatures) {
    it('reports wrong keys as an error, not as a refused ListBuckets', async () => {
      const wrong = { ...endpoint, credentials: { accessKeyId: 'nobody-h4', secretAccessKey: 'wrong-secret' } };
      const error = await browser.buckets(wrong).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HoistError);
      expect((error as HoistError).message).toContain(backend.endpoint);
    });
  }
});

describe('destination browser, an endpoint that does not answer', () => {
  it('names the bucket and the endpoint', async () => {
    // Port 9 (discard) has no listener here: the connection is refused at once.
    const { endpointUrl, region, forcePathStyle, credentials, checksum } = testTarget('http://127.0.0.1:9', 'b');
    const endpoint: Endpoint = { endpointUrl, region, forcePathStyle, credentials, checksum };
    const error = await browser.folder(endpoint, { bucket: 'far-away', prefix: 'a/' }).catch((e: unknown) => e);
    expect((error as HoistError).code).toBe('EndpointUnreachable');
    expect((error as HoistError).message).toBe(
      'Cannot reach http://127.0.0.1:9 (ECONNREFUSED) to list bucket "far-away". Check the endpoint URL in Settings and your network.',
    );
  });
});

/**
 * A key that may read and write one bucket but not list the account's buckets (no s3:ListAllMyBuckets), as AWS users
 * are often given. moto checks IAM policies once INITIAL_NO_AUTH_ACTION_COUNT requests have passed: startMoto's
 * readiness probe (GET /) and the four set-up calls below (bucket, user, policy, key) go through unchecked, everything
 * after is checked.
 */
const NARROW_KEY_SETUP = `
import boto3, json, sys
kw = dict(endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')
boto3.client('s3', **kw).create_bucket(Bucket='narrow')
iam = boto3.client('iam', **kw)
iam.create_user(UserName='uploader')
iam.put_user_policy(UserName='uploader', PolicyName='one-bucket', PolicyDocument=json.dumps({
  'Version': '2012-10-17',
  'Statement': [{'Effect': 'Allow', 'Action': ['s3:ListBucket', 's3:GetObject', 's3:PutObject'],
                 'Resource': ['arn:aws:s3:::narrow', 'arn:aws:s3:::narrow/*']}]}))
key = iam.create_access_key(UserName='uploader')['AccessKey']
print(json.dumps({'accessKeyId': key['AccessKeyId'], 'secretAccessKey': key['SecretAccessKey']}))
`;

describe('destination browser, a key that may not list buckets [moto with IAM checks]', () => {
  let moto: MotoServer;
  let narrow: Endpoint;
  beforeAll(async () => {
    moto = await startMoto({ env: { INITIAL_NO_AUTH_ACTION_COUNT: '5' } });
    const made = await run(await motoPython(), ['-c', NARROW_KEY_SETUP, moto.endpoint], { timeoutMs: 60_000 });
    expect(made.code, made.stderr).toBe(0);
    const credentials = JSON.parse(made.stdout) as { accessKeyId: string; secretAccessKey: string };
    narrow = { ...endpointOf(backends()[0]!), endpointUrl: moto.endpoint, credentials };
  }, 90_000);
  afterAll(() => moto?.stop());

  it('answers refused, with words for a hint, instead of failing', async () => {
    expect(await browser.buckets(narrow)).toEqual({
      kind: 'refused',
      message: `These credentials may not list the buckets at ${moto.endpoint} (ListBuckets was refused). Type the bucket name instead.`,
    });
  });

  it('still reports keys the server does not know as an error', async () => {
    const unknown = { ...narrow, credentials: { accessKeyId: 'AKIAUNKNOWNH4', secretAccessKey: 'x' } };
    const error = await browser.buckets(unknown).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HoistError);
    expect((error as HoistError).code).toBe('InvalidAccessKeyId');
  });
});

describe("a listing's broken connection", () => {
  it('is said without a key: a listing sends none', async () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const client = { send: () => Promise.reject(reset) } as unknown as ControlClient;
    const endpoint: Endpoint = {
      endpointUrl: 'http://127.0.0.1:9',
      region: 'us-east-1',
      forcePathStyle: true,
      checksum: 'auto',
      credentials: undefined,
    };
    const failure = await listFolder(client, endpoint, { bucket: 'bucket', prefix: 'photos/' }).catch(
      (err: Error) => err,
    );
    expect(failure).toBeInstanceOf(HoistError);
    expect((failure as Error).message).toBe(
      'The connection to http://127.0.0.1:9 broke (ECONNRESET); retrying may help.',
    );
  });
});
