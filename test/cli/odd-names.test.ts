// Names that hold terminal control: an ANSI escape sequence, a newline, a C1 CSI, a right-to-left override. Linux
// allows them all in a file name, and S3 in a key. The human output shows them escaped (\x1b, \x0a, \x9b, \u202e), so
// a name can neither recolour or clear the terminal nor forge a line of its own; --json keeps the exact name, which
// JSON.parse gives back.
//
// The uploads here give an explicit key, so the file's own name is what the output must escape, whatever the key
// rules (src/engine/keys.ts) decide about control characters in keys; the last cp case takes the name into the key
// and checks only the output, clean whether that key is uploaded or refused.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CreateMultipartUploadCommand, ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { backendNamed, cliEnvFor, s3ClientFor } from '../harness/backends';
import { createBucket, objectSha256, uniqueBucket } from '../harness/s3-check';
import { cleanupTempDirs, sha256File, tempDir } from './files';
import { buildCli, errorLines, hoist, jsonLines } from './run-hoist';

const endpoint = inject('s3Endpoint');
const NAME = 'red\x1b[31m\nuploading   forged.txt\u202etxt.exe';
const SHOWN = 'red\\x1b[31m\\x0auploading   forged.txt\\u202etxt.exe';
let dir: string;
let file: string;
let hash: string;

beforeAll(async () => {
  buildCli();
  dir = await tempDir('odd');
  file = join(dir, NAME);
  await writeFile(file, 'odd name\n');
  hash = await sha256File(file);
});

afterAll(cleanupTempDirs);

/** No control character but '\n' ending Hoist's own lines, no bidi control; returns the lines. */
function expectClean(text: string): string[] {
  expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  return text.split('\n').filter(Boolean);
}

describe('a file name with an escape sequence, a newline and a bidi override', () => {
  it('hoist cp prints it escaped, one line per event, and uploads the file', async () => {
    const bucket = uniqueBucket('cli-odd');
    await createBucket(endpoint, bucket);
    const r = await hoist(['cp', file, `s3://${bucket}/exact.txt`, '--endpoint-url', endpoint]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    // A "completing" line comes too when the upload is slow enough to be seen completing.
    expect(expectClean(r.stderr).filter((l) => !l.startsWith('completing  '))).toEqual([
      `uploading   ${join(dir, SHOWN)}  9 B → s3://${bucket}/exact.txt`,
      `done        ${join(dir, SHOWN)}  9 B`,
      expect.stringMatching(/^Uploaded 1 of 1 file \(9 B in /),
    ]);
    expect(await objectSha256(endpoint, bucket, 'exact.txt')).toBe(hash);
  });

  it('hoist cp --json gives the exact name back through JSON.parse', async () => {
    const bucket = uniqueBucket('cli-odd-json');
    await createBucket(endpoint, bucket);
    const r = await hoist(['cp', file, `s3://${bucket}/exact.txt`, '--endpoint-url', endpoint, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expectClean(r.stdout);
    const lines = jsonLines(r.stdout);
    expect(lines.filter((l) => l.type === 'progress').map((l) => l.file)).toContain(file);
    expect(lines.filter((l) => l.type !== 'progress')).toEqual([
      { type: 'done', key: 'exact.txt', etag: expect.any(String), bytesSent: 9 },
    ]);
    expect(await objectSha256(endpoint, bucket, 'exact.txt')).toBe(hash);
  });

  it('an error that names the file shows it escaped on stderr, and exactly in --json', async () => {
    const bucket = uniqueBucket('cli-odd-missing');
    await createBucket(endpoint, bucket);
    const missing = join(dir, `missing\x1b[2J\x9b1m${NAME}`);
    const plain = await hoist(['cp', missing, `s3://${bucket}/`, '--endpoint-url', endpoint]);
    expect(plain.code).toBe(1);
    expect(expectClean(plain.stderr)).toHaveLength(2);
    expect(errorLines(plain.stderr)).toEqual([expect.stringContaining(`missing\\x1b[2J\\x9b1m${SHOWN}`)]);

    const json = await hoist(['cp', missing, `s3://${bucket}/`, '--endpoint-url', endpoint, '--json']);
    expect(json.code).toBe(1);
    expectClean(json.stdout);
    expect(expectClean(json.stderr)).toHaveLength(1);
    expect(jsonLines(json.stdout)).toEqual([
      { type: 'failed', key: missing, error: { code: 'FileMissing', message: expect.any(String) } },
    ]);
  });

  it('taken into the key: the output is clean whether the key is uploaded or refused', async () => {
    // versitygw stores a key with a newline; moto cannot route one (it answers 404), which would test only a failure.
    const server = backendNamed('versitygw') ?? { endpoint, name: 'moto' as const, checksSignatures: false };
    const bucket = uniqueBucket('cli-odd-key');
    await createBucket(server.endpoint, bucket);
    const args = ['cp', file, `s3://${bucket}/in/`, '--endpoint-url', server.endpoint];
    const plain = await hoist(args, { env: cliEnvFor(server) });
    for (const line of expectClean(plain.stderr)) expect(line).toMatch(/^(uploading|completing|done|hoist:|Uploaded) /);
    expect(plain.stderr).toContain(SHOWN);
    const json = await hoist([...args, '--json'], { env: cliEnvFor(server) });
    expectClean(json.stdout);
    expectClean(json.stderr);
    const final = jsonLines(json.stdout).find((l) => l.type !== 'progress');
    if (final?.type === 'done') {
      expect(final.key).toBe(`in/${NAME}`);
      expect(await objectSha256(server.endpoint, bucket, `in/${NAME}`)).toBe(hash);
    } else {
      expect([`in/${NAME}`, file]).toContain(final?.key);
    }
  });
});

describe('hoist incomplete with a key that holds an escape sequence, a CSI and a bidi override', () => {
  const KEY = 'left\x1b]0;owned\x07\x9b2J\u202egpj.exe';
  const KEY_SHOWN = 'left\\x1b]0;owned\\x07\\x9b2J\\u202egpj.exe';

  // Through the JS SDK: boto3 cannot read moto's answer for such a key (an XML document may not hold ESC or BEL).
  const s3 = () => s3ClientFor(backendNamed('moto')!);

  it('ls and abort print the key escaped; ls --json gives the exact key back', async () => {
    const bucket = uniqueBucket('cli-odd-inc');
    await createBucket(endpoint, bucket);
    const { UploadId: uploadId } = await s3().send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: KEY }));
    const state = join(dir, 'state-inc');
    const opts = ['--endpoint-url', endpoint, '--state-dir', state];

    const ls = await hoist(['incomplete', 'ls', `s3://${bucket}/`, ...opts]);
    expect(ls.code, ls.stderr).toBe(0);
    const rows = expectClean(ls.stdout);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(new RegExp(`^${KEY_SHOWN.replace(/[\\[\]]/g, '\\$&')}\\s+\\d{4}-`));
    expectClean(ls.stderr);

    const json = await hoist(['incomplete', 'ls', `s3://${bucket}/`, ...opts, '--json']);
    expectClean(json.stdout);
    expect(jsonLines(json.stdout).map((l) => [l.key, l.uploadId])).toEqual([[KEY, uploadId]]);

    const abort = await hoist(['incomplete', 'abort', `s3://${bucket}/`, '--all', ...opts]);
    expect(abort.code, abort.stderr).toBe(0);
    expect(expectClean(abort.stdout)).toEqual([
      expect.stringMatching(/^aborted {2}left\\x1b\]0;owned\\x07\\x9b2J\\u202egpj\.exe {2}\(upload ID /),
    ]);
    expectClean(abort.stderr);
    expect((await s3().send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? []).toEqual([]);
  });
});
