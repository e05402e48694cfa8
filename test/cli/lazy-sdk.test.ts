// The CLI loads @aws-sdk/client-s3 at its first control call, not at start (src/engine/s3/s3-sdk.ts; the bundle is
// split so that the client is a file of its own, scripts/build-cli.mjs). A run of small files on the lean data path,
// with keys in the environment, sends only PUTs: it must never read the file that holds the S3 client. A multipart
// upload (CreateMultipartUpload is a control call) must. Nor does such a run read the SDK's request handler or its
// shared-files credentials provider (fromIni), which bring much of the SDK's core with them (about 150 KB of code
// to compile at every start), nor the client's middleware stack and codecs from @smithy/core. Which files the process
// loads is logged through NODE_OPTIONS (test/harness/load-log.ts).
// Such a run uses no ICU formatter either (Intl, toLocaleString): the first use of each loads its locale data.
import { mkdtemp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadLog } from '../harness/load-log';
import { createBucket, listObjects, uniqueBucket } from '../harness/s3-check';
import { cleanupTempDirs, MiB, randomFile, tempDir } from './files';
import { buildCli, hoist } from './run-hoist';

const endpoint = inject('s3Endpoint');
let dir: string;
let bucket: string;

// In the process itself: logs "intl:<name>" at the first use of each of ICU's formatters (see intlUsed below).
const INTL_WATCH = `
  import { appendFileSync } from 'node:fs';
  const seen = new Set();
  const used = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    appendFileSync(LOG, 'intl:' + name + '\\n');
  };
  for (const name of ['NumberFormat', 'PluralRules', 'DateTimeFormat', 'Collator', 'RelativeTimeFormat', 'ListFormat']) {
    const real = Intl[name];
    Intl[name] = new Proxy(real, {
      construct: (target, args) => (used(name), new target(...args)),
      apply: (target, self, args) => (used(name), Reflect.apply(target, self, args)),
    });
  }
  for (const [proto, method] of [[Number.prototype, 'toLocaleString'], [BigInt.prototype, 'toLocaleString'],
    [String.prototype, 'localeCompare'], [Date.prototype, 'toLocaleString'], [Date.prototype, 'toLocaleDateString'],
    [Date.prototype, 'toLocaleTimeString']]) {
    const real = proto[method];
    proto[method] = function (...args) { used(method); return real.apply(this, args); };
  }`;

beforeAll(async () => {
  buildCli();
  dir = await tempDir('lazy-sdk');
  bucket = uniqueBucket('cli-lazy-sdk');
  await createBucket(endpoint, bucket);
});

afterAll(cleanupTempDirs);

/** Runs hoist with the hook; answers its result and which of the SDK's modules that wait for a need it loaded. */
async function run(args: string[]) {
  const log = await loadLog(await mkdtemp(join(dir, 'log-')), { preload: INTL_WATCH });
  const result = await hoist(args, { env: log.env });
  const { lines: loaded } = await log.loaded();
  const urls = loaded.filter((u) => u.startsWith('file:'));
  const ours = urls.filter((u) => u.includes('/out/cli/'));
  const texts = await Promise.all(ours.map((u) => readFile(fileURLToPath(u), 'utf8')));
  const defines = (pattern: RegExp) => texts.some((t) => pattern.test(t));
  return {
    result,
    ours,
    clientLoaded: defines(/\bS3Client = class\b|\bclass S3Client\b/),
    handlerLoaded: defines(/\bNodeHttpHandler = class\b|\bclass NodeHttpHandler\b/),
    fromIniLoaded: defines(/\bvar fromIni = /),
    // The S3 client's machinery in @smithy/core (its middleware stack, its protocols' codecs), which the helpers of the
    // signer and of the environment credentials provider were once bundled beside (scripts/lean-imports.mjs).
    clientCoreLoaded: defines(/\bvar constructStack = |\bJsonShapeSerializer2 = class\b/),
    // The SDK's HTTP/2 handler, which hoist never uses: its module imports node:http2 as it loads.
    http2Loaded: loaded.includes('node:http2') || defines(/["']node:http2["']/),
    // ICU's formatters used by the process: the first use of one loads its locale data, 7 MB of resident memory for
    // a number format (src/shared/digit-groups.ts).
    intlUsed: loaded.filter((line) => line.startsWith('intl:')),
  };
}

describe('the SDK client is loaded only for a control call', () => {
  it('a folder of small files (single PUTs, lean path, keys in the environment): never loaded', async () => {
    const folder = join(dir, 'small');
    for (let i = 0; i < 3; i++) await randomFile(join(folder, `f${i}.bin`), 64 * 1024);
    const { result, ours, clientLoaded, handlerLoaded, fromIniLoaded, clientCoreLoaded, intlUsed } = await run([
      'cp',
      folder,
      `s3://${bucket}/`,
      '--endpoint-url',
      endpoint,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect((await listObjects(endpoint, bucket)).map((o) => o.key).sort()).toEqual([
      'small/f0.bin',
      'small/f1.bin',
      'small/f2.bin',
    ]);
    // The hook saw the CLI's own bundle load, so a client file that loaded would have been seen too.
    expect(ours.some((u) => u.endsWith('/out/cli/hoist.mjs'))).toBe(true);
    expect(clientLoaded).toBe(false);
    expect(handlerLoaded).toBe(false);
    expect(fromIniLoaded).toBe(false);
    expect(clientCoreLoaded).toBe(false);
    // Nor ICU's locale data, for any line it prints or any text it loads with.
    expect(intlUsed).toEqual([]);
  });

  it('a multipart upload: loaded (CreateMultipartUpload is a control call)', async () => {
    const file = join(dir, 'big.bin');
    await randomFile(file, 9 * MiB);
    const { result, clientLoaded, handlerLoaded, clientCoreLoaded, http2Loaded } = await run([
      'cp',
      file,
      `s3://${bucket}/`,
      '--endpoint-url',
      endpoint,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect((await listObjects(endpoint, bucket)).map((o) => o.key)).toContain('big.bin');
    // The patterns match what the bundle holds: the client and its handler load together.
    expect(clientLoaded).toBe(true);
    expect(handlerLoaded).toBe(true);
    expect(clientCoreLoaded).toBe(true);
    // Nor does it load node:http2 (10 to 25 ms of CPU): the bundle keeps only the HTTP/1.1 handler it uses.
    expect(http2Loaded).toBe(false);
  });
});
