// The CLI's own words (issue 21): the engine's messages are shared with the app, and the app's wording ("add it
// again") must not reach a terminal; counts read right in the singular.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createBucket, createMultipartUpload, listMultipartUploads, uniqueBucket } from '../harness/s3-check';
import { cleanupTempDirs, tempDir } from './files';
import { buildCli, hoist, jsonLines } from './run-hoist';

const endpoint = inject('s3Endpoint');
let dir: string;

beforeAll(async () => {
  buildCli();
  dir = await tempDir('wording');
});

afterAll(cleanupTempDirs);

describe('hoist says it in its own words', () => {
  it('a file it cannot take is to be renamed and uploaded again, not "added again" (plain and --json)', async () => {
    const bucket = uniqueBucket('cli-words');
    await createBucket(endpoint, bucket);
    // Read as a folder separator by Windows tools, the "\" gives the key a ".." part: refused before anything is sent.
    const file = join(dir, '..\\evil.txt');
    await writeFile(file, 'x');
    const said = `${file} cannot be uploaded: its key "..\\evil.txt" would have a ".." part once "\\" is read as a folder separator, as Windows tools do, which download tools turn into a path outside their folder. Rename it and upload it again.`;
    const plain = await hoist(['cp', file, `s3://${bucket}/`, '--endpoint-url', endpoint]);
    expect(plain.code).toBe(1);
    expect(plain.stderr.split('\n').filter(Boolean)).toEqual([
      `hoist: ${said}`,
      expect.stringMatching(/^Uploaded 0 of 1 file /),
    ]);
    const json = await hoist(['cp', file, `s3://${bucket}/`, '--endpoint-url', endpoint, '--json']);
    expect(json.code).toBe(1);
    expect(jsonLines(json.stdout)).toEqual([
      { type: 'failed', key: file, error: { code: 'InvalidKey', message: said } },
    ]);
    for (const r of [plain, json]) expect(r.stdout + r.stderr).not.toMatch(/add it again/i);
  });

  it('one incomplete upload is "it", in ls and in abort', async () => {
    const bucket = uniqueBucket('cli-one');
    await createBucket(endpoint, bucket);
    const uploadId = await createMultipartUpload(endpoint, bucket, 'one.bin');
    const state = join(dir, 'state-one');
    const opts = ['--endpoint-url', endpoint, '--state-dir', state];
    const ls = await hoist(['incomplete', 'ls', `s3://${bucket}/`, ...opts]);
    expect(ls.code).toBe(0);
    expect(ls.stderr).toBe(
      `1 incomplete upload in s3://${bucket}/, holding 0 B of parts. Remove it with \`hoist incomplete abort\`, or let a lifecycle rule (AbortIncompleteMultipartUpload) do it.\n`,
    );
    const abort = await hoist(['incomplete', 'abort', `s3://${bucket}/`, '--upload-id', uploadId, ...opts]);
    expect(abort.code).toBe(0);
    expect(abort.stderr).toBe('Aborted 1 incomplete upload, verified gone.\n');
    expect(await listMultipartUploads(endpoint, bucket)).toEqual([]);
  });
});
