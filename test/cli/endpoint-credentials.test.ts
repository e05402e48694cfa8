// An endpoint URL with user:password in it (http://alice:hunter2@host) is refused by every command before anything
// happens: exit 2, one usage line that does not repeat the user name or the password, nothing sent, nothing written to
// the journal. S3 signs requests with access keys; a password in the URL is never used, only printed and stored. A
// journal entry written with such a URL by an older Hoist is resumed at the URL without it, and never printed with it.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Journal, type JournalEntry } from '../../src/engine/journal/journal-store';
import {
  createBucket,
  createMultipartUpload,
  listMultipartUploads,
  listObjects,
  uniqueBucket,
  uploadPart,
} from '../harness/s3-check';
import { cleanupTempDirs, MiB, randomFile, tempDir } from './files';
import { journalEntries, journalFiles } from './journal-files';
import { buildCli, errorLines, hoist, type HoistResult } from './run-hoist';

const endpoint = inject('s3Endpoint');
/** The moto server, reached through a URL that carries a user name and a password. */
const withPassword = endpoint.replace('://', '://alice:hunter2@');
let dir: string;

beforeAll(async () => {
  buildCli();
  dir = await tempDir('creds');
});

afterAll(cleanupTempDirs);

/** Exit 2 with one usage line naming the problem, and neither the user nor the password anywhere in the output. */
function expectRefused(r: HoistResult): void {
  const output = r.stdout + r.stderr;
  expect(output).not.toContain('hunter2');
  expect(output).not.toContain('alice');
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(errorLines(r.stderr)).toEqual([expect.stringContaining('user name or password')]);
}

/** Every file under `root`, with its content: no journal entry or temp file may hold the password. */
async function filesUnder(root: string): Promise<{ path: string; text: string }[]> {
  const found: { path: string; text: string }[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else found.push({ path: p, text: await readFile(p, 'utf8') });
    }
  };
  await walk(root);
  return found;
}

describe('an endpoint URL with user:password', () => {
  it('hoist cp refuses it (plain and --json): exit 2, the password not echoed, nothing uploaded or journaled', async () => {
    const bucket = uniqueBucket('cli-creds-cp');
    await createBucket(endpoint, bucket);
    const file = join(dir, 'big.bin');
    await randomFile(file, 12 * MiB);
    const state = join(dir, 'state-cp');
    for (const extra of [[], ['--json']]) {
      expectRefused(
        await hoist(['cp', file, `s3://${bucket}/`, '--endpoint-url', withPassword, '--state-dir', state, ...extra]),
      );
    }
    // A forgotten --endpoint-url puts the URL where the target goes: its usage line must not echo the password either.
    const misplaced = await hoist(['cp', file, `${withPassword}/${bucket}/`]);
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).not.toContain('hunter2');
    expect(await listObjects(endpoint, bucket)).toEqual([]);
    expect(await listMultipartUploads(endpoint, bucket)).toEqual([]);
    expect(await journalFiles(state)).toEqual([]);
    expect((await filesUnder(state)).filter((f) => f.text.includes('hunter2'))).toEqual([]);
  });

  it('hoist incomplete ls and abort refuse it', async () => {
    const bucket = uniqueBucket('cli-creds-inc');
    await createBucket(endpoint, bucket);
    const uploadId = await createMultipartUpload(endpoint, bucket, 'left.bin');
    const state = join(dir, 'state-inc');
    const common = ['--endpoint-url', withPassword, '--state-dir', state];
    expectRefused(await hoist(['incomplete', 'ls', `s3://${bucket}/`, ...common]));
    expectRefused(await hoist(['incomplete', 'ls', `s3://${bucket}/`, ...common, '--json']));
    expectRefused(await hoist(['incomplete', 'abort', `s3://${bucket}/`, '--all', ...common]));
    expect((await listMultipartUploads(endpoint, bucket)).map((u) => u.uploadId)).toEqual([uploadId]);
  });

  it('hoist resume --endpoint-url refuses it, and the journal entry stays exactly as it was', async () => {
    const bucket = uniqueBucket('cli-creds-resume');
    await createBucket(endpoint, bucket);
    const file = join(dir, 'resume.bin');
    await randomFile(file, 10 * MiB);
    const st = await stat(file);
    const uploadId = await createMultipartUpload(endpoint, bucket, 'resume.bin');
    await uploadPart(endpoint, bucket, 'resume.bin', uploadId, 1, (await readFile(file)).subarray(0, 5 * MiB));
    const state = join(dir, 'state-resume');
    const entry: JournalEntry = {
      version: 1,
      path: file,
      size: st.size,
      mtimeMs: st.mtimeMs,
      endpointUrl: endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      checksum: 'auto',
      bucket,
      key: 'resume.bin',
      uploadId,
      partSize: 5 * MiB,
      parts: [],
      startedAt: Date.now(),
    };
    await new Journal(state).write(entry);
    for (const extra of [[], ['--json']]) {
      expectRefused(await hoist(['resume', '--state-dir', state, '--endpoint-url', withPassword, ...extra]));
    }
    expect(await journalEntries(state)).toEqual([entry]);
    expect((await filesUnder(state)).filter((f) => f.text.includes('hunter2'))).toEqual([]);
    expect((await listMultipartUploads(endpoint, bucket)).map((u) => u.uploadId)).toEqual([uploadId]);
  });

  it('a journal entry that holds one (an older Hoist wrote it) is never printed with it: the discard hint names the URL without it', async () => {
    const bucket = uniqueBucket('cli-creds-old');
    await createBucket(endpoint, bucket);
    const state = join(dir, 'state-old');
    const uploadId = await createMultipartUpload(endpoint, bucket, 'gone.bin');
    // The file is gone: the resume fails before touching the server, and says how to discard the upload instead.
    await new Journal(state).write({
      version: 1,
      path: join(dir, 'no-such-file.bin'),
      size: 1,
      mtimeMs: 1,
      endpointUrl: withPassword,
      region: 'us-east-1',
      forcePathStyle: true,
      checksum: 'auto',
      bucket,
      key: 'gone.bin',
      uploadId,
      partSize: 5 * MiB,
      parts: [],
      startedAt: Date.now(),
    });
    for (const extra of [[], ['--json']]) {
      const r = await hoist(['resume', '--state-dir', state, ...extra]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout + r.stderr).not.toContain('hunter2');
      expect(r.stdout + r.stderr).not.toContain('alice');
      expect(r.stderr).toContain(`--endpoint-url ${endpoint} `);
    }
  });
});
