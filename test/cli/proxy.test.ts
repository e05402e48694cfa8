// `hoist cp` through a proxy named by HTTPS_PROXY / HTTP_PROXY (upper or lower case), bypassed for NO_PROXY's hosts:
// https goes through CONNECT tunnels (to versitygw over TLS, which checks signatures), http in absolute form. Both
// data paths, and a Ctrl-C mid-upload whose cleanup is verified through the tunnel, with the tunnel reset.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createBucket, listMultipartUploads, listObjects, objectSha256, uniqueBucket } from '../harness/s3-check';
import { cleanupTempDirs, MiB, randomFile, tempDir } from './files';
import { startForwardProxy, type ForwardProxy } from './forward-proxy';
import { buildCli, errorLines, hoist, stopAt } from './run-hoist';

const moto = inject('s3Endpoint');
const tls = inject('s3Backends').find((b) => b.name === 'versitygw-https');
let dir: string;
let small: string;
let big: string;
const hashes: Record<string, string> = {};
let proxy: ForwardProxy;

beforeAll(async () => {
  buildCli();
  dir = await tempDir('proxy');
  small = join(dir, 'small.bin');
  big = join(dir, 'big.bin');
  hashes.small = await randomFile(small, 50_000);
  hashes.big = await randomFile(big, 11 * MiB);
});

beforeEach(async () => {
  proxy = await startForwardProxy();
});

afterEach(async () => {
  await proxy.close();
});

afterAll(cleanupTempDirs);

async function expectUploaded(endpoint: string, bucket: string): Promise<void> {
  expect(await objectSha256(endpoint, bucket, 'small.bin')).toBe(hashes.small);
  expect(await objectSha256(endpoint, bucket, 'big.bin')).toBe(hashes.big);
  expect(await listMultipartUploads(endpoint, bucket)).toEqual([]);
}

describe.skipIf(!tls)('https through a CONNECT proxy (versitygw over TLS)', () => {
  const endpoint = tls?.endpoint ?? '';
  const caArgs = ['--ca-bundle', tls?.caFile ?? ''];

  for (const [dataPath, variable] of [
    ['lean', 'HTTPS_PROXY'],
    ['sdk', 'https_proxy'],
  ] as const) {
    it(`${variable}: every request of the ${dataPath} path goes through a tunnel`, async () => {
      const bucket = uniqueBucket(`proxy-tls-${dataPath}`);
      await createBucket(endpoint, bucket);
      const r = await hoist(
        ['cp', small, big, `s3://${bucket}/`, '--endpoint-url', endpoint, '--data-path', dataPath, ...caArgs],
        { env: { [variable]: proxy.url } },
      );
      expect(errorLines(r.stderr)).toEqual([]);
      expect(r.code).toBe(0);
      await expectUploaded(endpoint, bucket);
      const host = new URL(endpoint).host;
      expect(proxy.tunnels.length).toBeGreaterThanOrEqual(1);
      expect(new Set(proxy.tunnels)).toEqual(new Set([host]));
      expect(proxy.forwarded).toEqual([]);
    });
  }

  it('Ctrl-C mid-upload through the tunnel: the tunnel is reset and the cleanup verified through the proxy', async () => {
    const bucket = uniqueBucket('proxy-cancel');
    await createBucket(endpoint, bucket);
    const huge = join(dir, 'huge.bin');
    await randomFile(huge, 96 * MiB);
    const tunnelsBefore = proxy.tunnels.length;
    const stopped = await stopAt(
      ['cp', huge, `s3://${bucket}/`, '--endpoint-url', endpoint, ...caArgs, '--speed-limit', '24MiB/s'],
      0.2,
      'SIGINT',
      { env: { HTTPS_PROXY: proxy.url } },
    );
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toBe('Cancelled 1 upload; server cleanup verified.\n');
    expect(stopped.lines.at(-1)).toEqual({ type: 'cancelled', key: 'huge.bin', cleanup: 'verified' });
    expect(proxy.tunnels.length).toBeGreaterThan(tunnelsBefore);
    // The part requests' sockets were reset (not closed politely), so the proxy saw ECONNRESET on their tunnels.
    expect(proxy.resets()).toBeGreaterThanOrEqual(1);
    expect(await listMultipartUploads(endpoint, bucket)).toEqual([]);
    expect(await listObjects(endpoint, bucket)).toEqual([]);
  });
});

describe('http through a forwarding proxy (moto)', () => {
  for (const [dataPath, variable] of [
    ['lean', 'HTTP_PROXY'],
    ['sdk', 'http_proxy'],
  ] as const) {
    it(`${variable}: the ${dataPath} path sends every request in absolute form to the proxy`, async () => {
      const bucket = uniqueBucket(`proxy-http-${dataPath}`);
      await createBucket(moto, bucket);
      const r = await hoist(['cp', small, big, `s3://${bucket}/`, '--endpoint-url', moto, '--data-path', dataPath], {
        env: { [variable]: proxy.url },
      });
      expect(errorLines(r.stderr), proxy.forwarded.join('\n')).toEqual([]);
      expect(r.code).toBe(0);
      await expectUploaded(moto, bucket);
      // A PUT for the small file, and Create, three parts and Complete for the big one, at least.
      const puts = proxy.forwarded.filter((f) => f.startsWith(`PUT ${moto}/${bucket}/`));
      expect(puts.length, proxy.forwarded.join('\n')).toBeGreaterThanOrEqual(3);
      expect(proxy.forwarded.some((f) => f.startsWith(`POST ${moto}/${bucket}/big.bin?uploads`))).toBe(true);
      // Least privilege: an upload sends only object-level calls (PutObject, the multipart calls, ListParts); no
      // request names the bucket alone, so there is no CreateBucket and no bucket configuration call.
      const objectLevel = new RegExp(`^(PUT|POST|GET|HEAD) ${moto}/${bucket}/(small|big)\\.bin(\\?|$)`);
      expect(proxy.forwarded.filter((f) => !objectLevel.test(f))).toEqual([]);
      expect(proxy.tunnels).toEqual([]);
    });
  }

  it('NO_PROXY=127.0.0.1 sends everything directly', async () => {
    const bucket = uniqueBucket('proxy-bypass');
    await createBucket(moto, bucket);
    const r = await hoist(['cp', small, big, `s3://${bucket}/`, '--endpoint-url', moto], {
      env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' },
    });
    expect(r.code, r.stderr).toBe(0);
    await expectUploaded(moto, bucket);
    expect(proxy.forwarded).toEqual([]);
    expect(proxy.tunnels).toEqual([]);
  });

  it('a proxy variable that is not a URL is a usage error naming the variable', async () => {
    const r = await hoist(['cp', small, `s3://${uniqueBucket('x')}/`, '--endpoint-url', moto], {
      env: { HTTPS_PROXY: 'ftp://proxy.example:21' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'The proxy "ftp://proxy.example:21" (from HTTPS_PROXY) is not an http:// or https:// URL',
    );
  });
});
