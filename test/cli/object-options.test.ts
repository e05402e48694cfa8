// `hoist cp` with the upload options (--content-type, --no-guess-mime-type, --cache-control, --content-disposition,
// --metadata, --tag, --storage-class, --sse, --sse-kms-key-id, --acl), end to end with the built CLI on moto and
// versitygw: what each flag sets is read back from the server. A bad value is exit 2 with a message naming the flag.
// And `hoist resume` after a kill -9 keeps the options (and the speed limit) the journal recorded.
//
// versitygw v1.8.0 (posix) accepts --storage-class, --sse and --acl and ignores them: HeadObject answers STANDARD and
// no encryption, GetObjectAcl 501 NotImplemented. The tests assert exactly that there.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnvFor, describeEachBackend, freshBucketOn, type S3Backend } from '../harness/backends';
import { abortMultipartUpload, listMultipartUploads, objectSha256 } from '../harness/s3-check';
import { objectExtras } from '../protocol/helpers';
import { cleanupTempDirs, MiB, randomFile, tempDir } from './files';
import { journalEntries } from './journal-files';
import { buildCli, hoist, jsonLines, stopAt } from './run-hoist';

let dir: string;
beforeAll(async () => {
  buildCli();
  dir = await tempDir('object-options');
});
afterAll(cleanupTempDirs);

const plainHttp = (b: S3Backend) => b.endpoint.startsWith('http:');
const keepsEverything = (b: S3Backend) => b.name === 'moto';

describeEachBackend(
  'hoist cp upload options',
  (backend: S3Backend) => {
    const cp = (args: string[]) =>
      hoist(['cp', ...args, '--endpoint-url', backend.endpoint, '--part-size', '5MiB'], { env: cliEnvFor(backend) });

    it('each flag shows on the server, for a single PUT and a multipart upload', async () => {
      const bucket = await freshBucketOn(backend, 'cli-opts');
      const files = [join(dir, backend.name, 'index.html'), join(dir, backend.name, 'movie.mp4')];
      await randomFile(files[0]!, 2000);
      await randomFile(files[1]!, 11 * MiB);
      const r = await cp([
        ...files,
        `s3://${bucket}/site/`,
        '--cache-control',
        'max-age=86400',
        '--content-disposition',
        'inline',
        '--metadata',
        'Owner=ada',
        '--metadata',
        'build=42',
        '--tag',
        'env=prod',
        '--tag',
        'team=web ops',
        '--storage-class',
        'STANDARD_IA',
        '--sse',
        'AES256',
        '--acl',
        'public-read',
      ]);
      expect(r.stderr).not.toMatch(/^hoist: /m);
      expect(r.code).toBe(0);
      for (const [name, type] of [
        ['index.html', 'text/html'],
        ['movie.mp4', 'video/mp4'],
      ] as const) {
        const got = await objectExtras(backend, bucket, `site/${name}`);
        expect(got, name).toMatchObject({
          contentType: type,
          cacheControl: 'max-age=86400',
          contentDisposition: 'inline',
          metadata: { owner: 'ada', build: '42' },
          tags: [
            { key: 'env', value: 'prod' },
            { key: 'team', value: 'web ops' },
          ],
        });
        if (keepsEverything(backend)) {
          expect(got, name).toMatchObject({ storageClass: 'STANDARD_IA', sse: 'AES256' });
          expect(got.acl, name).toContain('AllUsers:READ');
        } else {
          expect(got, name).toMatchObject({ storageClass: 'STANDARD', acl: { refused: 'NotImplemented' } });
          expect(got.sse, name).toBeUndefined();
        }
      }
      expect(await listMultipartUploads(backend.endpoint, bucket)).toEqual([]);
    });

    it('--content-type TYPE for every file, --no-guess-mime-type for none, --sse aws:kms with a key', async () => {
      const bucket = await freshBucketOn(backend, 'cli-ctype');
      const file = join(dir, backend.name, 'notes.md');
      await randomFile(file, 500);
      expect((await cp([file, `s3://${bucket}/fixed/`, '--content-type', 'text/x-notes'])).code).toBe(0);
      expect((await cp([file, `s3://${bucket}/none/`, '--no-guess-mime-type'])).code).toBe(0);
      expect((await cp([file, `s3://${bucket}/auto/`])).code).toBe(0);
      const kms = await cp([file, `s3://${bucket}/kms/`, '--sse', 'aws:kms', '--sse-kms-key-id', 'alias/hoist']);
      expect(kms.code).toBe(0);
      expect((await objectExtras(backend, bucket, 'fixed/notes.md')).contentType).toBe('text/x-notes');
      expect((await objectExtras(backend, bucket, 'none/notes.md')).contentType).toBe('application/octet-stream');
      expect((await objectExtras(backend, bucket, 'auto/notes.md')).contentType).toBe('text/markdown');
      const encrypted = await objectExtras(backend, bucket, 'kms/notes.md');
      if (keepsEverything(backend)) expect(encrypted).toMatchObject({ sse: 'aws:kms', kmsKeyId: 'alias/hoist' });
      else expect(encrypted.sse).toBeUndefined();
    });

    it('hoist resume after a kill -9 sets the options the journal recorded, even when it has to start over', async () => {
      const bucket = await freshBucketOn(backend, 'cli-resume');
      const file = join(dir, backend.name, 'resume.csv');
      const hash = await randomFile(file, 24 * MiB);
      const state = join(dir, `state-${backend.name}`);
      const common = ['--endpoint-url', backend.endpoint, '--state-dir', state];
      const killed = await stopAt(
        [
          'cp',
          file,
          `s3://${bucket}/`,
          ...common,
          '--part-size',
          '5MiB',
          '--concurrency',
          '1',
          '--speed-limit',
          '8MiB/s',
          '--cache-control',
          'no-store',
          '--metadata',
          'origin=resume-test',
          '--tag',
          'stage=raw',
        ],
        0.3,
        'SIGKILL',
        { env: cliEnvFor(backend) },
      );
      expect(killed.signal).toBe('SIGKILL');
      const [entry] = await journalEntries(state);
      expect(entry).toMatchObject({
        bytesPerSecond: 8 * MiB,
        partsPerFile: 1,
        objectOptions: { cacheControl: 'no-store', tags: [{ key: 'stage', value: 'raw' }] },
      });
      // The server lost the upload meanwhile: the resume creates it again, with the journal's options.
      await abortMultipartUpload(backend.endpoint, bucket, entry!.key, entry!.uploadId);
      const r = await hoist(['resume', ...common, '--speed-limit', '64MiB/s', '--json'], {
        env: cliEnvFor(backend),
        timeoutMs: 120_000,
      });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(jsonLines(r.stdout).filter((l) => l.type === 'done')).toHaveLength(1);
      expect(await objectSha256(backend.endpoint, bucket, 'resume.csv')).toBe(hash);
      expect(await objectExtras(backend, bucket, 'resume.csv')).toMatchObject({
        contentType: 'text/csv',
        cacheControl: 'no-store',
        metadata: { origin: 'resume-test' },
        tags: [{ key: 'stage', value: 'raw' }],
      });
      expect(await journalEntries(state)).toEqual([]);
    }, 120_000);
  },
  plainHttp,
);

describe('hoist cp upload options: bad values', () => {
  const cases: [string[], string][] = [
    [['--content-type', 'html'], 'hoist: --content-type: Content-Type "html" is not a media type.'],
    [['--no-guess-mime-type', '--content-type', 'text/plain'], 'Give one or the other.'],
    [['--metadata', 'owner'], 'hoist: --metadata: "owner" is not key=value.'],
    [['--metadata', 'a b=1'], 'hoist: --metadata: Metadata key "a b" is not allowed.'],
    [['--tag', 'aws:x=1'], 'hoist: --tag: Tag key "aws:x" starts with "aws:"'],
    [['--tag', 'k=a&b'], 'hoist: --tag: Tag "k": tag keys and values may hold letters, digits, spaces'],
    [['--storage-class', 'HOT'], 'hoist: --storage-class must be one of STANDARD, STANDARD_IA,'],
    [['--sse', 'yes'], 'hoist: --sse must be one of AES256, aws:kms (got "yes").'],
    [['--sse-kms-key-id', 'alias/k'], 'hoist: --sse-kms-key-id needs --sse aws:kms'],
    [['--acl', 'authenticated-read'], 'hoist: --acl must be one of private, public-read, bucket-owner-full-control'],
  ];
  for (const [flags, says] of cases) {
    it(`${flags.join(' ')}: exit 2, naming the flag`, async () => {
      const r = await hoist(['cp', 'a.bin', 's3://b/', ...flags]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(says);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }
});
