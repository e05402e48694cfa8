// The bench's "app engine" row must measure what the desktop app's main process runs (app-engine.ts builds it as
// electron.vite.config.ts builds main): small files load neither the S3 client (it waits for the first control call)
// nor any package that main bundles (scripts/main-bundled-deps.mjs) from node_modules; a multipart upload loads the
// client. Which files the process loads is logged by a module hook given through NODE_OPTIONS.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MAIN_BUNDLED_DEPS } from '../../scripts/main-bundled-deps.mjs';
import { cleanupTempDirs, MiB, randomFile, tempDir } from '../cli/files';
import { createBucket, listObjects, uniqueBucket } from '../harness/s3-check';
import { buildAppEngineScript } from './app-engine';

const endpoint = inject('s3Endpoint');
let dir: string;
let script: string;
let hook: string;
let bucket: string;
let runs = 0;

beforeAll(async () => {
  script = await buildAppEngineScript();
  dir = await tempDir('app-engine');
  bucket = uniqueBucket('bench-app-engine');
  await createBucket(endpoint, bucket);
  const loadHook = `
    import { appendFileSync } from 'node:fs';
    export async function load(url, context, next) {
      if (process.env.HOIST_TEST_LOAD_LOG) appendFileSync(process.env.HOIST_TEST_LOAD_LOG, url + '\\n');
      return next(url, context);
    }`;
  await writeFile(join(dir, 'load-hook.mjs'), loadHook);
  hook = join(dir, 'register.mjs');
  await writeFile(
    hook,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'load-hook.mjs')).href)});\n`,
  );
});

afterAll(cleanupTempDirs);

/** Uploads src with the built script; answers the packages it loaded from node_modules. */
async function upload(src: string, prefix: string): Promise<string[]> {
  const log = join(dir, `loaded-${++runs}.txt`);
  await writeFile(log, '');
  await promisify(execFile)('node', [script, src, `s3://${bucket}/${prefix}`, endpoint], {
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'us-east-1',
      NODE_OPTIONS: `--import=${hook}`,
      HOIST_TEST_LOAD_LOG: log,
    },
  });
  const urls = (await readFile(log, 'utf8')).split('\n');
  // The hook saw the script itself load, so a package that loaded would have been seen too.
  expect(urls).toContain(pathToFileURL(script).href);
  const packages = urls.map((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter(Boolean);
  return [...new Set(packages as string[])];
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
    expect(loaded).not.toContain('@aws-sdk/client-s3');
    for (const name of MAIN_BUNDLED_DEPS) expect(loaded).not.toContain(name);
  });

  it('a multipart upload: loads the S3 client (CreateMultipartUpload is a control call)', async () => {
    const file = join(dir, 'big.bin');
    await randomFile(file, 9 * MiB);
    const loaded = await upload(file, 'big.bin');
    expect((await listObjects(endpoint, bucket)).map((o) => o.key)).toContain('big.bin');
    expect(loaded).toContain('@aws-sdk/client-s3');
  });
});
