// `kill -9` of `hoist cp` mid-upload, then `hoist resume`, on every server and with and without an integrity check.
//
// What this guards: versitygw keeps a part whose sender died mid-body, at full length and zero-filled at the end.
// With no checksum on the parts (--checksum off), such a part is listed by ListParts like any other; a resume that
// trusted the list completed a corrupt object (4 of 4 runs before the fix). Now a listed part the journal does not
// know is checked against the file (its ETag is the MD5 of the bytes), and by default every part carries a CRC32 that
// the server verifies, so a cut-off body is refused in the first place.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliEnvFor, describeEachBackend, freshBucketOn, type S3Backend } from '../harness/backends';
import { listMultipartUploads, listParts, objectSha256 } from '../harness/s3-check';
import { cleanupTempDirs, randomFile, tempDir } from '../cli/files';
import { journalEntries } from '../cli/journal-files';
import { buildCli, hoist, jsonLines, stopAt } from '../cli/run-hoist';
import { cliEnvTrusting, describeEachBackendAndPath, MiB, proxyable, privateCa, useProxyTo } from './helpers';

let dir: string;
beforeAll(async () => {
  buildCli();
  dir = await tempDir('crash-resume');
});
afterAll(cleanupTempDirs);

const size = 64 * MiB;

/** Resumes the journal straight to the server; the object must be the file, and nothing may be left. */
async function resumeAndCheck(
  backend: S3Backend,
  bucket: string,
  state: string,
  file: string,
  hash: string,
  extra: string[] = [],
): Promise<void> {
  const r = await hoist(['resume', '--state-dir', state, '--endpoint-url', backend.endpoint, ...extra, '--json'], {
    env: cliEnvTrusting(backend),
    timeoutMs: 120_000,
  });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(
    jsonLines(r.stdout)
      .filter((l) => l.type !== 'progress')
      .map((l) => l.type),
  ).toEqual(['done']);
  expect(await objectSha256(backend.endpoint, bucket, file.split('/').pop()!)).toBe(hash);
  expect(await listMultipartUploads(backend.endpoint, bucket)).toEqual([]);
  expect(await journalEntries(state)).toEqual([]);
}

describeEachBackendAndPath(
  'crash and resume through a proxy',
  (backend: S3Backend, dataPath) => {
    const proxy = useProxyTo(backend);

    for (const checksum of ['off', 'auto'] as const) {
      it(`--checksum ${checksum}: kill -9 at 40% with 4 parts in flight, then resume: the object is byte-identical`, async () => {
        const bucket = await freshBucketOn(backend, `crash-${checksum}`);
        const file = join(dir, `${backend.name}-${dataPath}-${checksum}.bin`);
        const hash = await randomFile(file, size);
        const state = join(dir, `state-${backend.name}-${dataPath}-${checksum}`);
        proxy().throttle(24 * MiB);
        const killed = await stopAt(
          [
            'cp',
            file,
            `s3://${bucket}/`,
            '--endpoint-url',
            proxy().endpoint,
            '--state-dir',
            state,
            '--checksum',
            checksum,
            '--data-path',
            dataPath,
          ],
          0.4,
          'SIGKILL',
          { env: cliEnvTrusting(backend) },
        );
        expect(killed.signal).toBe('SIGKILL');
        // The throttled proxy still holds bytes of the parts that were in flight, and goes on delivering them after
        // the kill. versitygw links a part into its upload's folder when the body ends, making the folder again if it
        // is gone (backend/posix/with_otmpfile.go, tmpfile.link: MkdirAll), so a part that began before the resume's
        // Complete and ended after it can bring the completed upload back: the likely cause of the upload one CI run
        // listed after a resume over TLS, where the proxy's backlog is several times larger (not reproduced here, in
        // 10 runs alone, under CPU load and beside other files). A user's resume comes after the dead process's
        // requests are over: so does this one.
        await expect.poll(() => proxy().connections, { timeout: 30_000 }).toBe(0);
        const [entry] = await journalEntries(state);
        const listed = await listParts(backend.endpoint, bucket, entry!.key, entry!.uploadId);
        const unknown =
          listed === 'NoSuchUpload'
            ? []
            : listed.filter((p) => !entry!.parts.some((j) => j.partNumber === p.partNumber));
        console.log(
          `[${backend.name}] --checksum ${checksum}: journal knew ${entry!.parts.length} parts; the server listed ${unknown.length} more (in flight at the kill)`,
        );
        await resumeAndCheck(backend, bucket, state, file, hash, ['--data-path', dataPath]);
      }, 180_000);
    }
  },
  proxyable,
);

describeEachBackend(
  'crash and resume over HTTPS',
  (backend: S3Backend) => {
    it('kill -9 under a speed limit, then resume with the CA from AWS_CA_BUNDLE: byte-identical', async () => {
      const bucket = await freshBucketOn(backend, 'crash-tls');
      const file = join(dir, 'tls.bin');
      const hash = await randomFile(file, size);
      const state = join(dir, 'state-tls');
      const killed = await stopAt(
        [
          'cp',
          file,
          `s3://${bucket}/`,
          '--endpoint-url',
          backend.endpoint,
          '--state-dir',
          state,
          '--ca-bundle',
          backend.caFile!,
          '--speed-limit',
          '24MiB/s',
        ],
        0.4,
        'SIGKILL',
        { env: cliEnvFor(backend) },
      );
      expect(killed.signal).toBe('SIGKILL');
      const r = await hoist(['resume', '--state-dir', state, '--json'], {
        env: cliEnvTrusting(backend),
        timeoutMs: 120_000,
      });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(await objectSha256(backend.endpoint, bucket, 'tls.bin')).toBe(hash);
      expect(await listMultipartUploads(backend.endpoint, bucket)).toEqual([]);
    }, 180_000);

    it('without the CA: one line that names the endpoint and the option that fixes it, exit 1', async () => {
      const bucket = await freshBucketOn(backend, 'untrusted');
      const file = join(dir, 'untrusted.txt');
      await randomFile(file, 1024);
      const r = await hoist(['cp', file, `s3://${bucket}/`, '--endpoint-url', backend.endpoint], {
        env: cliEnvFor(backend),
      });
      expect(r.code).toBe(1);
      // Besides the file's own line and the summary, the error is one line.
      const lines = r.stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('hoist:'));
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toContain(backend.endpoint);
      expect(lines[0]).toContain('--ca-bundle');
    });

    it('--ca-bundle naming a file that is not there: a usage error naming it, exit 2', async () => {
      const r = await hoist([
        'cp',
        join(dir, 'tls.bin'),
        's3://b/',
        '--endpoint-url',
        backend.endpoint,
        '--ca-bundle',
        '/nonexistent/ca.pem',
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('/nonexistent/ca.pem');
    });
  },
  privateCa,
);

describeEachBackend(
  'the CLI on a batch-wide failure',
  (backend: S3Backend) => {
    // versitygw takes "ab" for a bucket name Hoist lets through (S3-compatible servers differ) and refuses it.
    for (const [what, bucketName, env, code] of [
      ['a wrong secret', undefined, { AWS_SECRET_ACCESS_KEY: 'wrong' }, 'SignatureDoesNotMatch'],
      ['an unknown access key', undefined, { AWS_ACCESS_KEY_ID: 'nobody-knows-me' }, 'InvalidAccessKeyId'],
      ['an invalid bucket name', 'ab', {}, 'InvalidBucketName'],
    ] as const) {
      it(`${what} on a folder of 20 files: one error line and a count, exit 1`, async () => {
        const bucket = bucketName ?? (await freshBucketOn(backend, 'cli-batch'));
        const folder = join(dir, `batch-${code}`);
        for (let i = 0; i < 20; i++) await randomFile(join(folder, `f${i}.txt`), 100);
        const r = await hoist(['cp', folder, `s3://${bucket}/`, '--endpoint-url', backend.endpoint], { env });
        expect(r.code).toBe(1);
        const errors = r.stderr.split('\n').filter((l) => l.startsWith('hoist:'));
        expect(errors, r.stderr).toHaveLength(1);
        if (bucketName) expect(errors[0]).toContain(`"${bucketName}"`);
        expect(r.stderr).toContain(`… and 19 more files failed for the same reason (${code})`);
      });
    }
  },
  (b) => b.name === 'versitygw',
);
