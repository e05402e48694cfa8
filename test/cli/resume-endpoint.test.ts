// `hoist resume --endpoint-url` when the journal holds uploads started on different endpoints. An UploadId exists only
// on the server that created it, so sending every upload to the one URL would resume some against a server that does
// not know them (and could drop their journal entries while their parts stay on their own server). The journal here
// is made for real: two `hoist cp` runs killed part-way, each through its own fault proxy in front of the same moto
// server, so that the journal records two endpoints (the proxies) while the test can still see every upload on moto.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../harness/fault-proxy';
import {
  abortMultipartUpload,
  createBucket,
  listMultipartUploads,
  objectSha256,
  uniqueBucket,
} from '../harness/s3-check';
import { cleanupTempDirs, MiB, randomFile, tempDir } from './files';
import { journalEntries } from './journal-files';
import { buildCli, hoist, jsonLines, stopAt } from './run-hoist';

const endpoint = inject('s3Endpoint');
let dir: string;
let proxies: FaultProxy[] = [];

beforeAll(async () => {
  buildCli();
  dir = await tempDir('resume-endpoint');
});

afterEach(async () => {
  await Promise.all(proxies.map((p) => p.close()));
  proxies = [];
});

afterAll(cleanupTempDirs);

interface Started {
  file: string;
  hash: string;
  proxy: FaultProxy;
  uploadId: string;
}

/** A journal holding two interrupted uploads into `bucket`, one started through each of two proxies. */
async function twoEndpoints(label: string, bucket: string, state: string): Promise<[Started, Started]> {
  const started: Started[] = [];
  for (const name of ['a', 'b']) {
    const proxy = await startFaultProxy(endpoint);
    proxies.push(proxy);
    const file = join(dir, `${label}-${name}.bin`);
    const hash = await randomFile(file, 40 * MiB);
    proxy.throttle(32 * MiB);
    const args = ['cp', file, `s3://${bucket}/`, '--endpoint-url', proxy.endpoint, '--state-dir', state];
    const killed = await stopAt([...args, '--concurrency', '1'], 0.3, 'SIGKILL');
    proxy.throttle(null);
    expect(killed.signal).toBe('SIGKILL');
    const entry = (await journalEntries(state)).find((e) => e.path === file);
    expect(entry?.endpointUrl).toBe(proxy.endpoint);
    started.push({ file, hash, proxy, uploadId: entry!.uploadId });
  }
  return started as [Started, Started];
}

const uploadIds = async (bucket: string) =>
  (await listMultipartUploads(endpoint, bucket)).map((u) => u.uploadId).sort();
const journalIds = async (state: string) => (await journalEntries(state)).map((e) => e.uploadId).sort();

describe('hoist resume --endpoint-url with uploads started on two endpoints', () => {
  it('is refused before anything is sent (exit 2), naming each endpoint and its uploads; the journal and the server keep every upload', async () => {
    const bucket = uniqueBucket('cli-two-ends');
    await createBucket(endpoint, bucket);
    const state = join(dir, 'state-refused');
    const [a, b] = await twoEndpoints('refused', bucket, state);
    const both = [a.uploadId, b.uploadId].sort();
    expect(await uploadIds(bucket)).toEqual(both);

    const r = await hoist(['resume', '--state-dir', state, '--endpoint-url', endpoint, '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const [line, help, ...rest] = r.stderr.split('\n');
    expect(rest).toEqual(['']);
    expect(help).toBe('Run `hoist resume --help` for usage.');
    expect(line).toContain(`1 upload on ${a.proxy.endpoint}`);
    expect(line).toContain(`1 upload on ${b.proxy.endpoint}`);
    expect(line).toContain(`hoist resume --state-dir ${state}\` without --endpoint-url`);
    expect(line).toContain('--from-endpoint');
    // Nothing was resumed: both uploads, their parts and their journal entries are as the kills left them.
    expect(await uploadIds(bucket)).toEqual(both);
    expect(await journalIds(state)).toEqual(both);
    expect(await objectSha256(endpoint, bucket, `refused-a.bin`)).toBeNull();

    // Without --endpoint-url, each goes back to the endpoint it was started on.
    const plain = await hoist(['resume', '--state-dir', state, '--json']);
    expect(plain.code).toBe(0);
    expect(await objectSha256(endpoint, bucket, 'refused-a.bin')).toBe(a.hash);
    expect(await objectSha256(endpoint, bucket, 'refused-b.bin')).toBe(b.hash);
    expect(await uploadIds(bucket)).toEqual([]);
    expect(await journalIds(state)).toEqual([]);
  });

  it('--from-endpoint moves only the uploads started there; the others stay in the journal and on the server for another run', async () => {
    const bucket = uniqueBucket('cli-from-end');
    await createBucket(endpoint, bucket);
    const state = join(dir, 'state-from');
    const [a, b] = await twoEndpoints('from', bucket, state);
    // The proxy of the first run is gone: its uploads are reached straight at moto.
    await a.proxy.close();
    b.proxy.resetCounters();

    const args = ['resume', '--state-dir', state, '--endpoint-url', endpoint, '--from-endpoint', a.proxy.endpoint];
    const r = await hoist([...args, '--json']);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout).filter((l) => l.type !== 'progress')).toEqual([
      { type: 'done', key: 'from-a.bin', etag: expect.any(String), bytesSent: expect.any(Number) },
    ]);
    expect(r.stderr).toBe(
      `hoist: 1 upload left in the journal for another run, as it was not started on --from-endpoint: 1 on ${b.proxy.endpoint}. Run \`hoist resume --state-dir ${state}\` to resume it where it was started.\n`,
    );
    expect(b.proxy.requests).toEqual([]);
    expect(await objectSha256(endpoint, bucket, 'from-a.bin')).toBe(a.hash);
    expect(await uploadIds(bucket)).toEqual([b.uploadId]);
    expect(await journalIds(state)).toEqual([b.uploadId]);

    const rest = await hoist(['resume', '--state-dir', state, '--json']);
    expect(rest.code).toBe(0);
    expect(b.proxy.requests.length).toBeGreaterThan(0);
    expect(await objectSha256(endpoint, bucket, 'from-b.bin')).toBe(b.hash);
    expect(await uploadIds(bucket)).toEqual([]);
    expect(await journalIds(state)).toEqual([]);
  });
});

describe('hoist resume --endpoint-url to a server that does not have the upload', () => {
  it('refuses it there, naming where it was started: nothing is sent or created there, and the journal keeps it', async () => {
    const bucket = uniqueBucket('elsewhere');
    await createBucket(endpoint, bucket);
    const state = join(dir, 'state-elsewhere');
    const proxy = await startFaultProxy(endpoint);
    proxies.push(proxy);
    const file = join(dir, 'elsewhere.bin');
    await randomFile(file, 40 * MiB);
    proxy.throttle(32 * MiB);
    const args = ['cp', file, `s3://${bucket}/`, '--endpoint-url', proxy.endpoint, '--state-dir', state];
    await stopAt([...args, '--concurrency', '1'], 0.3, 'SIGKILL');
    proxy.throttle(null);
    const [entry] = await journalEntries(state);
    // The server the resume is sent to does not list the upload (as a wrong URL's server would not).
    await abortMultipartUpload(endpoint, bucket, 'elsewhere.bin', entry!.uploadId);

    const r = await hoist(['resume', '--state-dir', state, '--endpoint-url', endpoint, '--json']);
    expect(r.code).toBe(1);
    expect(jsonLines(r.stdout).filter((l) => l.type !== 'progress')).toEqual([
      {
        type: 'failed',
        key: 'elsewhere.bin',
        error: { code: 'UploadElsewhere', message: expect.stringContaining(`was started on ${proxy.endpoint}`) },
      },
    ]);
    // Not started over on the wrong server: no new upload, no object; the entry stays for a resume where it began.
    expect(await listMultipartUploads(endpoint, bucket)).toEqual([]);
    expect(await objectSha256(endpoint, bucket, 'elsewhere.bin')).toBeNull();
    expect(await journalIds(state)).toEqual([entry!.uploadId]);
    // Its commands name the server the journal recorded, not the one that lacked it.
    expect(r.stderr).toContain(`is kept for a later \`hoist resume --state-dir ${state}\``);
    expect(r.stderr).toMatch(
      new RegExp(`to discard it instead: hoist incomplete abort .*--endpoint-url ${proxy.endpoint} `),
    );
  });
});
