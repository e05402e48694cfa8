// `hoist incomplete ls|abort` end to end against moto. The leftovers are made with boto3 (createMultipartUpload plus a
// 5 MiB part), as another tool or a crashed run would leave them; one is also put in the journal, as Hoist's own.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Journal } from '../../src/engine/journal/journal-store';
import {
  createBucket,
  createMultipartUpload,
  listMultipartUploads,
  uniqueBucket,
  uploadPart,
} from '../harness/s3-check';
import { cleanupTempDirs, MiB, tempDir } from './files';
import { journalEntries } from './journal-files';
import { startMinioLikeProxy, type MinioLikeProxy } from './minio-like-proxy';
import { buildCli, errorLines, hoist, jsonLines } from './run-hoist';

const endpoint = inject('s3Endpoint');
let bucket: string;
let state: string;
const ids: Record<string, string> = {};
const part = Buffer.alloc(5 * MiB, 'x');

beforeAll(async () => {
  buildCli();
  state = join(await tempDir('incomplete'), 'state');
  bucket = uniqueBucket('cli-incomplete');
  await createBucket(endpoint, bucket);
  for (const key of ['docs/a.bin', 'docs/b.bin', 'img/c.bin'])
    ids[key] = await createMultipartUpload(endpoint, bucket, key);
  await uploadPart(endpoint, bucket, 'docs/a.bin', ids['docs/a.bin']!, 1, part);
  await uploadPart(endpoint, bucket, 'docs/a.bin', ids['docs/a.bin']!, 2, part);
  await uploadPart(endpoint, bucket, 'img/c.bin', ids['img/c.bin']!, 1, part);
  // docs/a.bin is "ours": Hoist started it on this machine and could resume it.
  await new Journal(state).write({
    version: 1,
    path: '/nowhere/a.bin',
    size: 20 * MiB,
    mtimeMs: 1,
    endpointUrl: endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    checksum: 'auto',
    bucket,
    key: 'docs/a.bin',
    uploadId: ids['docs/a.bin']!,
    partSize: 5 * MiB,
    parts: [],
    startedAt: 1,
  });
});

afterAll(cleanupTempDirs);

const s3 = (path = '') => `s3://${bucket}/${path}`;
const opts = () => ['--endpoint-url', endpoint, '--state-dir', state];

async function leftKeys(): Promise<string[]> {
  return (await listMultipartUploads(endpoint, bucket)).map((u) => u.key).sort();
}

describe('hoist incomplete', () => {
  it('ls --json: one object per upload with key, uploadId, initiated, parts, bytes and startedByHoist', async () => {
    const r = await hoist(['incomplete', 'ls', s3(), ...opts(), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = jsonLines(r.stdout).sort((x, y) => String(x.key).localeCompare(String(y.key)));
    expect(lines).toEqual([
      {
        type: 'incomplete',
        key: 'docs/a.bin',
        uploadId: ids['docs/a.bin'],
        initiated: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        parts: 2,
        bytes: 10 * MiB,
        startedByHoist: true,
      },
      {
        type: 'incomplete',
        key: 'docs/b.bin',
        uploadId: ids['docs/b.bin'],
        initiated: expect.any(String),
        parts: 0,
        bytes: 0,
        startedByHoist: false,
      },
      {
        type: 'incomplete',
        key: 'img/c.bin',
        uploadId: ids['img/c.bin'],
        initiated: expect.any(String),
        parts: 1,
        bytes: 5 * MiB,
        startedByHoist: false,
      },
    ]);
  });

  it('ls: a table on stdout, a summary with the lifecycle hint on stderr; a prefix filters by key', async () => {
    const r = await hoist(['incomplete', 'ls', s3('docs/'), ...opts()]);
    expect(r.code).toBe(0);
    const rows = r.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^KEY\s+INITIATED\s+PARTS\s+SIZE\s+HOIST\s+UPLOAD ID$/);
    expect(rows.slice(1).sort()).toEqual([
      expect.stringMatching(
        new RegExp(`^docs/a\\.bin\\s+\\S+\\s+2\\s+10\\.0 MiB\\s+yes\\s+${escape(ids['docs/a.bin']!)}$`),
      ),
      expect.stringMatching(new RegExp(`^docs/b\\.bin\\s+\\S+\\s+0\\s+0 B\\s+no\\s+${escape(ids['docs/b.bin']!)}$`)),
    ]);
    expect(r.stderr).toBe(
      `2 incomplete uploads in ${s3('docs/')}, holding 10.0 MiB of parts. Remove them with \`hoist incomplete abort\`, or let a lifecycle rule (AbortIncompleteMultipartUpload) do it.\n`,
    );

    const none = await hoist(['incomplete', 'ls', s3('nothing-here/'), ...opts(), '--json']);
    expect(none).toMatchObject({ code: 0, stdout: '', stderr: `No incomplete uploads in ${s3('nothing-here/')}.\n` });
  });

  it('abort --upload-id removes that one upload, verified, and its journal entry', async () => {
    const r = await hoist(['incomplete', 'abort', s3(), '--upload-id', ids['docs/a.bin']!, ...opts(), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)).toEqual([
      { type: 'aborted', key: 'docs/a.bin', uploadId: ids['docs/a.bin'], cleanup: 'verified' },
    ]);
    expect(await leftKeys()).toEqual(['docs/b.bin', 'img/c.bin']);
    expect(await journalEntries(state)).toEqual([]);

    const again = await hoist(['incomplete', 'abort', s3(), '--upload-id', ids['docs/a.bin']!, ...opts()]);
    expect(again.code).toBe(1);
    expect(errorLines(again.stderr)).toEqual([
      `hoist: no incomplete upload with ID ${ids['docs/a.bin']} in ${s3()}. List them with \`hoist incomplete ls ${s3()}\`.`,
    ]);
  });

  it('abort --older-than 7d takes those started before (moto says 2010) under the prefix only', async () => {
    const young = await hoist(['incomplete', 'abort', s3('img/'), '--older-than', '100000d', ...opts()]);
    expect(young).toMatchObject({
      code: 0,
      stdout: '',
      stderr: `No incomplete uploads older than 100000d in ${s3('img/')}.\n`,
    });
    const r = await hoist(['incomplete', 'abort', s3('img/'), '--older-than', '7d', ...opts(), '--json']);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)).toEqual([
      { type: 'aborted', key: 'img/c.bin', uploadId: ids['img/c.bin'], cleanup: 'verified' },
    ]);
    expect(await leftKeys()).toEqual(['docs/b.bin']);
  });

  it('abort --all removes the rest; plain output says each was verified', async () => {
    const extra = await createMultipartUpload(endpoint, bucket, 'z/last.bin');
    const r = await hoist(['incomplete', 'abort', s3(), '--all', ...opts()]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').sort()).toEqual([
      `aborted  docs/b.bin  (upload ID ${ids['docs/b.bin']}, 0 B), verified`,
      `aborted  z/last.bin  (upload ID ${extra}, 0 B), verified`,
    ]);
    expect(r.stderr).toBe('Aborted 2 incomplete uploads, each verified gone.\n');
    expect(await leftKeys()).toEqual([]);
  });

  it.each([
    [['abort', 's3://b'], 'Say which uploads to abort'],
    [['abort', 's3://b', '--all', '--older-than', '7d'], 'Give only one'],
    [['abort', 's3://b', '--older-than', 'soon'], '--older-than "soon" is not a duration'],
    [['ls', 'b/prefix'], '"b/prefix" is not an S3 URL'],
    [['ls'], 'No bucket given'],
    [['purge', 's3://b'], 'Unknown subcommand "purge"'],
  ])('usage error for %j: exit 2, one line and the help hint', async (argv, message) => {
    const r = await hoist(['incomplete', ...argv, '--endpoint-url', endpoint]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      expect.stringContaining(`hoist: ${message}`),
      'Run `hoist incomplete --help` for usage.',
    ]);
  });

  it('a missing bucket: exit 1 and one line naming it', async () => {
    const missing = uniqueBucket('cli-no-such');
    const r = await hoist(['incomplete', 'ls', `s3://${missing}`, ...opts()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`hoist: Bucket "${missing}" does not exist at ${endpoint}. Check the bucket name.\n`);
  });
});

// MinIO answers ListMultipartUploads with a Prefix only when the prefix is a whole key: under a folder prefix it lists
// nothing. Hoist must then look at the whole bucket rather than report "none" (and abort nothing).
describe('hoist incomplete against a server that lists a folder prefix as empty (MinIO)', () => {
  let proxy: MinioLikeProxy;
  let minioBucket: string;
  const folder: Record<string, string> = {};
  let elsewhere: string;

  beforeAll(async () => {
    proxy = await startMinioLikeProxy(endpoint);
    minioBucket = uniqueBucket('cli-minio-prefix');
    await createBucket(endpoint, minioBucket);
    for (const key of ['folder/a.bin', 'folder/sub/b.bin'])
      folder[key] = await createMultipartUpload(endpoint, minioBucket, key);
    elsewhere = await createMultipartUpload(endpoint, minioBucket, 'other/c.bin');
  });

  afterAll(async () => {
    await proxy?.close();
  });

  const url = (path = '') => `s3://${minioBucket}/${path}`;
  const via = () => ['--endpoint-url', proxy.endpoint, '--state-dir', state];

  it('ls lists the uploads under the folder although the server answered the prefix with none', async () => {
    const r = await hoist(['incomplete', 'ls', url('folder/'), ...via(), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(
      jsonLines(r.stdout)
        .map((l) => [l.key, l.uploadId])
        .sort(),
    ).toEqual([
      ['folder/a.bin', folder['folder/a.bin']],
      ['folder/sub/b.bin', folder['folder/sub/b.bin']],
    ]);
    // The proxy did hide them: the folder's listing came back empty, and the whole bucket was asked.
    expect(proxy.emptied).toContain('folder/');
    expect(proxy.wholeBucketListings).toBeGreaterThan(0);
  });

  it('says plainly that it cannot tell when the whole bucket cannot be listed either, instead of "none"', async () => {
    proxy.refuseWholeBucket(true);
    try {
      const r = await hoist(['incomplete', 'ls', url('folder/'), ...via()]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toContain('No incomplete uploads');
      expect(errorLines(r.stderr)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^hoist: ${escape(proxy.endpoint)} listed no incomplete uploads under "folder/" in bucket "${minioBucket}", and listing the whole bucket to make sure failed \\(AccessDenied.*\\), so Hoist cannot tell whether there are any\\.`,
          ),
        ),
      ]);
      const abort = await hoist(['incomplete', 'abort', url('folder/'), '--all', ...via()]);
      expect(abort.code).toBe(1);
      expect(abort.stderr).toContain('cannot tell whether there are any');
    } finally {
      proxy.refuseWholeBucket(false);
    }
  });

  it('abort --all aborts the uploads under the folder, verified, and leaves the others', async () => {
    const r = await hoist(['incomplete', 'abort', url('folder/'), '--all', ...via(), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout).sort((x, y) => String(x.key).localeCompare(String(y.key)))).toEqual([
      { type: 'aborted', key: 'folder/a.bin', uploadId: folder['folder/a.bin'], cleanup: 'verified' },
      { type: 'aborted', key: 'folder/sub/b.bin', uploadId: folder['folder/sub/b.bin'], cleanup: 'verified' },
    ]);
    expect(await listMultipartUploads(endpoint, minioBucket)).toEqual([
      { key: 'other/c.bin', uploadId: elsewhere, initiated: expect.any(String) },
    ]);

    const none = await hoist(['incomplete', 'ls', url('folder/'), ...via()]);
    expect(none).toMatchObject({ code: 0, stdout: '', stderr: `No incomplete uploads in ${url('folder/')}.\n` });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
