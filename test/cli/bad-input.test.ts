// `hoist cp` with bad input: each case exits non-zero with ONE clear stderr line naming the culprit, and leaves
// nothing on the server (no multipart upload, no object). Runs the built CLI against the global moto server.
import { appendFile, chmod, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createBucket,
  listMultipartUploads,
  listObjects,
  objectSha256,
  S3CheckError,
  uniqueBucket,
} from '../harness/s3-check';
import { cleanupTempDirs, GiB, MiB, randomFile, tempDir } from './files';
import { buildCli, dropRootPrefix, errorLines, hoist, jsonLines, spawnHoist } from './run-hoist';
import { closedPort } from './servers';

const endpoint = inject('s3Endpoint');
let dir: string;

beforeAll(async () => {
  buildCli();
  dir = await tempDir('bad');
});

afterAll(cleanupTempDirs);

async function freshBucket(label: string): Promise<string> {
  const bucket = uniqueBucket(label);
  await createBucket(endpoint, bucket);
  return bucket;
}

async function expectNothingLeft(bucket: string, keys?: string[]): Promise<void> {
  expect(await listMultipartUploads(endpoint, bucket)).toEqual([]);
  const objects = (await listObjects(endpoint, bucket)).map((o) => o.key).sort();
  expect(objects).toEqual(keys ?? []);
}

/** Exactly one "hoist: ..." line, containing every fragment. */
function expectOneErrorLine(stderr: string, ...fragments: string[]): string {
  const lines = errorLines(stderr);
  expect(lines, stderr).toHaveLength(1);
  for (const f of fragments) expect(lines[0]).toContain(f);
  expect(stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

describe('hoist cp with bad input', () => {
  it('a missing file', async () => {
    const bucket = await freshBucket('cli-missing');
    const missing = join(dir, 'no-such-file.bin');
    const r = await hoist(['cp', missing, `s3://${bucket}/`, '--endpoint-url', endpoint, '--json']);
    expect(r.code).toBe(1);
    expectOneErrorLine(r.stderr, missing, 'does not exist');
    expect(jsonLines(r.stdout)).toEqual([
      { type: 'failed', key: missing, error: { code: 'FileMissing', message: expect.stringContaining(missing) } },
    ]);
    await expectNothingLeft(bucket);
  });

  it('an unreadable file', async (ctx) => {
    const drop = dropRootPrefix();
    if ('skip' in drop) return ctx.skip(drop.skip);
    const bucket = await freshBucket('cli-unreadable');
    const file = join(dir, 'secret.bin');
    await randomFile(file, 1024);
    await chmod(file, 0o000);
    const r = await hoist(['cp', file, `s3://${bucket}/`, '--endpoint-url', endpoint], { asNobody: true });
    expect(r.code).toBe(1);
    expectOneErrorLine(r.stderr, file, 'cannot be read (permission denied)');
    await expectNothingLeft(bucket);
  });

  it('a folder with one unreadable entry: the others still go', async (ctx) => {
    const drop = dropRootPrefix();
    if ('skip' in drop) return ctx.skip(drop.skip);
    const bucket = await freshBucket('cli-folder');
    const folder = join(dir, 'mixed');
    const good = await randomFile(join(folder, 'a.txt'), 2000);
    const goodBig = await randomFile(join(folder, 'sub', 'c.bin'), 9 * MiB);
    await randomFile(join(folder, 'b-locked.txt'), 2000);
    await chmod(join(folder, 'b-locked.txt'), 0o000);
    const r = await hoist(['cp', folder, `s3://${bucket}/in/`, '--endpoint-url', endpoint, '--json'], {
      asNobody: true,
    });
    expect(r.code).toBe(1);
    expectOneErrorLine(r.stderr, join(folder, 'b-locked.txt'), 'permission denied');
    const finals = jsonLines(r.stdout).filter((l) => l.type !== 'progress');
    expect(finals.map((f) => `${f.type} ${f.key}`).sort()).toEqual([
      `done in/mixed/a.txt`,
      `done in/mixed/sub/c.bin`,
      `failed ${join(folder, 'b-locked.txt')}`,
    ]);
    await expectNothingLeft(bucket, ['in/mixed/a.txt', 'in/mixed/sub/c.bin']);
    expect(await objectSha256(endpoint, bucket, 'in/mixed/a.txt')).toBe(good);
    expect(await objectSha256(endpoint, bucket, 'in/mixed/sub/c.bin')).toBe(goodBig);
  });

  it('an empty file: 0 bytes upload', async () => {
    const bucket = await freshBucket('cli-empty');
    const file = join(dir, 'empty.txt');
    await writeFile(file, '');
    const r = await hoist(['cp', file, `s3://${bucket}/`, '--endpoint-url', endpoint, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(jsonLines(r.stdout).at(-1)).toMatchObject({ type: 'done', key: 'empty.txt', bytesSent: 0 });
    expect(await listObjects(endpoint, bucket)).toEqual([expect.objectContaining({ key: 'empty.txt', size: 0 })]);
    expect(await listMultipartUploads(endpoint, bucket)).toEqual([]);
  });

  it('a missing bucket', async () => {
    const bucket = uniqueBucket('cli-nobucket');
    const file = join(dir, 'to-nowhere.bin');
    await randomFile(file, 9 * MiB);
    const r = await hoist(['cp', file, `s3://${bucket}/`, '--endpoint-url', endpoint]);
    expect(r.code).toBe(1);
    expectOneErrorLine(r.stderr, `Bucket "${bucket}" does not exist at ${endpoint}`, 'create the bucket');
    // Still no such bucket: nothing was created.
    await expect(listObjects(endpoint, bucket)).rejects.toSatisfy(
      (e) => e instanceof S3CheckError && e.code === 'NoSuchBucket',
    );
  });

  it('no credentials anywhere (multipart): one line saying so, and no partial upload said to be left behind', async () => {
    // The create is refused by the SDK before it is sent: nothing reached the server, so there is nothing to remove.
    const bucket = await freshBucket('cli-nocreds');
    const file = join(dir, 'nocreds.bin');
    await randomFile(file, 9 * MiB);
    const env = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined };
    const r = await hoist(['cp', file, `s3://${bucket}/`, '--endpoint-url', endpoint, '--json'], { env });
    expect(r.code).toBe(1);
    expectOneErrorLine(r.stderr, 'credentials');
    expect(r.stderr).not.toContain('could not be removed');
    const failed = jsonLines(r.stdout).filter((l) => l.type === 'failed');
    expect(failed).toEqual([
      { type: 'failed', key: 'nocreds.bin', error: { code: 'NoCredentials', message: expect.any(String) } },
    ]);
    await expectNothingLeft(bucket);
  });

  it('a closed port: fails within seconds, names the endpoint and what to check, and prints no line per attempt', async () => {
    const bucket = await freshBucket('cli-closed');
    const file = join(dir, 'closed.bin');
    await randomFile(file, 1024);
    const dead = `http://127.0.0.1:${await closedPort()}`;
    const r = await hoist(['cp', file, `s3://${bucket}/`, '--endpoint-url', dead], { timeoutMs: 40_000 });
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(8000);
    expectOneErrorLine(r.stderr, `Cannot reach ${dead} (ECONNREFUSED)`, 'Check --endpoint-url', '--wait-network');
    expect(r.stderr).not.toMatch(/^retrying/m);
    await expectNothingLeft(bucket);
  });

  it.each([
    [
      'a malformed endpoint URL',
      ['--endpoint-url', 'http//127.0.0.1:9000'],
      'Endpoint URL "http//127.0.0.1:9000" is not a valid URL',
    ],
    [
      'an endpoint URL with another scheme',
      ['--endpoint-url', 'ftp://127.0.0.1:9000'],
      'Endpoint URL "ftp://127.0.0.1:9000" must start with http:// or https://',
    ],
    [
      'a part size under 5 MiB',
      ['--part-size', '4MiB'],
      "hoist: --part-size 4MiB is below S3's minimum part size of 5 MiB. Use --part-size 5MiB or more.",
    ],
    // As it was typed: "1KiB" once read "Part size 0 MiB".
    [
      'a part size of 1 KiB',
      ['--part-size', '1KiB'],
      "hoist: --part-size 1KiB is below S3's minimum part size of 5 MiB. Use --part-size 5MiB or more.",
    ],
    [
      'a part size over 5 GiB',
      ['--part-size', '6GiB'],
      "hoist: --part-size 6GiB is above S3's maximum part size of 5 GiB. Use --part-size 5GiB or less.",
    ],
    ['a wrong checksum mode', ['--checksum', 'sha256'], '--checksum must be auto, crc32, md5 or off (got "sha256")'],
  ])('%s: usage error, exit 2', async (_name, flags, message) => {
    const bucket = await freshBucket('cli-usage');
    const file = join(dir, 'usage.bin');
    await randomFile(file, 1024);
    const r = await hoist(['cp', file, `s3://${bucket}/`, '--endpoint-url', endpoint, ...flags]);
    expect(r.code).toBe(2);
    expectOneErrorLine(r.stderr, message);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      expect.stringContaining(message),
      'Run `hoist cp --help` for usage.',
    ]);
    await expectNothingLeft(bucket);
  });

  it('a target that is not s3://', async () => {
    const file = join(dir, 'local.bin');
    await randomFile(file, 1024);
    const dest = join(dir, 'some-folder/');
    const r = await hoist(['cp', file, dest, '--endpoint-url', endpoint]);
    expect(r.code).toBe(2);
    expectOneErrorLine(r.stderr, `Target "${dest}" is not an S3 URL`, 's3://bucket/prefix/');
  });

  it('a file that changes during the upload', async () => {
    const bucket = await freshBucket('cli-changing');
    const file = join(dir, 'growing.bin');
    await randomFile(file, 256 * MiB);
    // One part at a time, held to 64 MiB/s (about 4 s), so that the upload is still going when the file changes:
    // unthrottled it could finish on a fast run before the append landed, and then nothing had changed during it.
    const child = spawnHoist([
      'cp',
      file,
      `s3://${bucket}/`,
      '--endpoint-url',
      endpoint,
      '--json',
      '--concurrency',
      '1',
      '--part-size',
      '5MiB',
      '--speed-limit',
      '64MiB/s',
    ]);
    let stdout = '';
    let stderr = '';
    let appended: Promise<void> | undefined;
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdout!.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
      // Once bytes have gone out: the upload has stamped the file by then. (At the first progress line, at 0 bytes, a
      // slow run could append before the stamp, and then upload the grown file, rightly, exit 0.)
      if (!appended && /"type":"progress"[^\n]*"loaded":[1-9]/.test(stdout))
        appended = appendFile(file, 'one more line\n');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    await appended;
    expect(code).toBe(1);
    expectOneErrorLine(stderr, file, 'changed while it was uploading');
    const finals = jsonLines(stdout).filter((l) => l.type !== 'progress');
    expect(finals).toEqual([
      { type: 'failed', key: 'growing.bin', error: { code: 'FileChanged', message: expect.stringContaining(file) } },
    ]);
    await expectNothingLeft(bucket);
  });

  it('a file that would need more than 10,000 parts of 5 GiB', async (ctx) => {
    const bucket = await freshBucket('cli-huge');
    const size = 10_000 * 5 * GiB + 1;
    // A sparse file: no blocks written. ext4 stops at 16 TiB (EFBIG), so fall back to tmpfs, which allows it.
    let file: string | undefined;
    for (const where of [dir, '/dev/shm']) {
      const candidate = join(where, `hoist-huge-${process.pid}.bin`);
      try {
        await writeFile(candidate, '');
        await truncate(candidate, size);
        file = candidate;
        break;
      } catch {
        await rm(candidate, { force: true });
      }
    }
    if (!file) return ctx.skip(`no file system here allows a ${size}-byte sparse file (tried ${dir} and /dev/shm)`);
    try {
      const r = await hoist(['cp', file, `s3://${bucket}/`, '--endpoint-url', endpoint, '--json']);
      expect(r.code).toBe(1);
      expectOneErrorLine(r.stderr, file, 'more than S3 can store as one object (10,000 parts of 5 GiB)');
      expect(jsonLines(r.stdout)).toEqual([
        expect.objectContaining({
          type: 'failed',
          key: expect.stringMatching(/hoist-huge-/),
          error: expect.objectContaining({ code: 'FileTooLarge' }),
        }),
      ]);
      await expectNothingLeft(bucket);
    } finally {
      await rm(file, { force: true });
    }
  });
});
