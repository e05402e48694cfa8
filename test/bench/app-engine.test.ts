// The bench's "app engine" row must measure what the desktop app's main process runs (app-engine.ts builds it as
// electron.vite.config.ts builds main): small files load neither the S3 client (it waits for the first control call)
// nor any package that main bundles (scripts/main-bundled-deps.mjs) from node_modules; a multipart upload loads the
// client. Which files the process loads is logged through NODE_OPTIONS (test/harness/load-log.ts).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MAIN_BUNDLED_DEPS } from '../../scripts/main-bundled-deps.mjs';
import { cleanupTempDirs, MiB, randomFile, tempDir } from '../cli/files';
import { loadLog } from '../harness/load-log';
import { repoRoot } from '../harness/python';
import { createBucket, listObjects, uniqueBucket } from '../harness/s3-check';
import { buildAppEngineScript } from './app-engine';

const endpoint = inject('s3Endpoint');
let dir: string;
let script: string;
let buildDir: string | undefined;
let bucket: string;

beforeAll(async () => {
  dir = await tempDir('app-engine');
  // A folder of the test's own (in the checkout, where its external packages resolve): a bench running meanwhile
  // keeps the build it is using.
  await mkdir(join(repoRoot, '.cache', 'bench'), { recursive: true });
  buildDir = await mkdtemp(join(repoRoot, '.cache', 'bench', 'app-engine-test-'));
  script = await buildAppEngineScript(buildDir);
  bucket = uniqueBucket('bench-app-engine');
  await createBucket(endpoint, bucket);
});

afterAll(async () => {
  await cleanupTempDirs();
  if (buildDir) await rm(buildDir, { recursive: true, force: true });
});

/** Uploads src with the built script; answers the npm packages it loaded. */
async function upload(src: string, prefix: string): Promise<Set<string>> {
  const log = await loadLog(await mkdtemp(join(dir, 'log-')));
  await promisify(execFile)('node', [script, src, `s3://${bucket}/${prefix}`, endpoint], {
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'us-east-1',
      ...log.env,
    },
  });
  const { lines, packages } = await log.loaded();
  // The hook saw the script itself load, so a package that loaded would have been seen too.
  expect(lines).toContain(pathToFileURL(script).href);
  return packages;
}

describe("the bench's app engine is built as the app's main bundle", () => {
  it('small files: loads neither the S3 client nor a package main bundles', async () => {
    const folder = join(dir, 'small');
    for (let i = 0; i < 3; i++) await randomFile(join(folder, `f${i}.bin`), 64 * 1024);
    const loaded = await upload(folder, 'small/');
    expect((await listObjects(endpoint, bucket)).map((o) => o.key).sort()).toEqual([
      'small/small/f0.bin',
      'small/small/f1.bin',
      'small/small/f2.bin',
    ]);
    expect(loaded.has('@aws-sdk/client-s3')).toBe(false);
    for (const name of MAIN_BUNDLED_DEPS) expect(loaded.has(name), name).toBe(false);
  });

  it('a multipart upload: loads the S3 client (CreateMultipartUpload is a control call)', async () => {
    const file = join(dir, 'big.bin');
    await randomFile(file, 9 * MiB);
    const loaded = await upload(file, 'big.bin');
    expect((await listObjects(endpoint, bucket)).map((o) => o.key)).toContain('big.bin');
    expect(loaded.has('@aws-sdk/client-s3')).toBe(true);
  });
});
