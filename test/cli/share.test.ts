// `hoist share` end to end: the built CLI prints a presigned URL, and a plain HTTP GET (no keys, no SDK) downloads
// the exact bytes, on every server of the run (moto, versitygw, which checks signatures, and versitygw over HTTPS).
// A link past its expiry is refused by the server; a bad --expires is refused by Hoist before anything is signed.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createS3Client } from '../../src/engine/s3/sdk-client';
import { s3Sdk } from '../../src/engine/s3/s3-sdk';
import { signShareLink } from '../../src/engine/s3/share-link';
import { cliEnvFor, describeEachBackend, freshBucketOn, targetFor, type S3Backend } from '../harness/backends';
import { cleanupTempDirs, MiB, randomFile, tempDir } from './files';
import { buildCli, errorLines, hoist, jsonLines } from './run-hoist';

let dir: string;

beforeAll(async () => {
  buildCli();
  dir = await tempDir('share');
});

afterAll(cleanupTempDirs);

/** A plain GET of the URL: node:http(s), trusting only the backend's test CA for https. */
function download(url: string, ca?: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const onResponse = (res: import('node:http').IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    };
    const req = url.startsWith('https:')
      ? httpsGet(url, ca ? { ca: readFileSync(ca) } : {}, onResponse)
      : httpGet(url, onResponse);
    req.on('error', reject);
  });
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function endpointOpts(backend: S3Backend): string[] {
  return ['--endpoint-url', backend.endpoint, ...(backend.caFile ? ['--ca-bundle', backend.caFile] : [])];
}

describeEachBackend('hoist share', (backend) => {
  let bucket: string;
  let state: string;
  const env = cliEnvFor(backend);

  beforeAll(async () => {
    bucket = await freshBucketOn(backend, 'cli-share');
    state = join(dir, `state-${backend.name}`);
  });

  it('prints a URL that a plain HTTP GET downloads byte for byte, working for the --expires asked', async () => {
    const local = join(dir, backend.name, 'photo é 1.jpg');
    const hash = await randomFile(local, MiB + 17);
    const up = await hoist(['cp', local, `s3://${bucket}/shared/`, ...endpointOpts(backend), '--state-dir', state], {
      env,
    });
    expect(up.code, up.stderr).toBe(0);

    const before = Date.now();
    const r = await hoist(
      ['share', `s3://${bucket}/shared/photo é 1.jpg`, '--expires', '2d', '--json', ...endpointOpts(backend)],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    const [line] = jsonLines(r.stdout);
    expect(line).toMatchObject({ type: 'share', bucket, key: 'shared/photo é 1.jpg', expiresInSeconds: 172_800 });
    const expiresAt = Date.parse(line!.expiresAt as string);
    expect(expiresAt - before).toBeGreaterThanOrEqual(172_800_000 - 1000);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(172_800_000);
    const url = line!.url as string;
    expect(url.startsWith(`${backend.endpoint}/${bucket}/shared/`)).toBe(true);
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('172800');

    const got = await download(url, backend.caFile);
    expect(got.status).toBe(200);
    expect(sha256(got.body)).toBe(hash);
    expect(got.body.equals(await readFile(local))).toBe(true);
  });

  it('finds the server in the history when no --endpoint-url is given, and prints the URL alone on stdout', async () => {
    const local = join(dir, backend.name, 'from-history.txt');
    const hash = await randomFile(local, 4096);
    const up = await hoist(['cp', local, `s3://${bucket}/h/`, ...endpointOpts(backend), '--state-dir', state], { env });
    expect(up.code, up.stderr).toBe(0);
    const r = await hoist(['share', `s3://${bucket}/h/from-history.txt`, '--state-dir', state], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^Works until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ; anyone with the link can download/m);
    const url = r.stdout.trim();
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('3600');
    const got = await download(url, backend.caFile);
    expect(got.status).toBe(200);
    expect(sha256(got.body)).toBe(hash);
  });

  it('says so, exit 1, when there is no such object', async () => {
    const r = await hoist(['share', `s3://${bucket}/no/such.txt`, ...endpointOpts(backend)], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(errorLines(r.stderr)[0]).toContain(`there is no object s3://${bucket}/no/such.txt at`);
  });

  it('makes a link that the server refuses once it has expired', async () => {
    const local = join(dir, backend.name, 'old.txt');
    await randomFile(local, 100);
    const up = await hoist(['cp', local, `s3://${bucket}/`, ...endpointOpts(backend)], { env });
    expect(up.code, up.stderr).toBe(0);
    // Signed two hours ago for one hour, so expired an hour ago (Hoist's shortest link is an hour: too long to wait).
    // Signed the way signShareLink signs (the same presigner and command), with the signing time set back.
    const client = createS3Client(await s3Sdk(), targetFor(backend, bucket), {
      connectTimeoutMs: 5000,
      requestTimeoutMs: 5000,
    });
    try {
      const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: 'old.txt' }), {
        expiresIn: 3600,
        signingDate: new Date(Date.now() - 2 * 3600_000),
      });
      const signed = new URL(url).searchParams;
      const at = signed.get('X-Amz-Date')!.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z');
      expect(Date.parse(at) + Number(signed.get('X-Amz-Expires')) * 1000).toBeLessThan(Date.now());
      const got = await download(url, backend.caFile);
      if (backend.checksSignatures) {
        expect(got.status).toBe(403);
        expect(got.body.toString()).toMatch(/expired/i);
      } else {
        // moto checks neither signatures nor a presigned URL's expiry: it serves the object. versitygw refuses it.
        expect(got.status).toBe(200);
      }
      // The same object through a fresh link still downloads: the refusal was the expiry.
      const fresh = await signShareLink(client, { bucket, key: 'old.txt', expiresInSeconds: 3600 });
      expect((await download(fresh.url, backend.caFile)).status).toBe(200);
    } finally {
      client.destroy();
    }
  });
});

it.each([
  ['8d', '--expires 8d is too long: a signed S3 link works for 7 days (7d) at most. Give 7d or less.'],
  ['604801s', '--expires 604801s is too long'],
  ['59m', '--expires 59m is too short: give 1h or more (up to 7d).'],
  ['tomorrow', '--expires "tomorrow" is not a duration.'],
])('hoist share --expires %s is refused with a clear message, exit 2', async (expires, message) => {
  const r = await hoist(['share', 's3://bucket/key.txt', '--expires', expires, '--endpoint-url', 'http://127.0.0.1:9']);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(errorLines(r.stderr)[0]).toContain(message);
});
