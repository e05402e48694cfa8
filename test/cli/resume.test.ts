// `hoist resume` end to end. The crash test: `hoist cp` of 128 MiB is killed with SIGKILL at 50% through a throttled
// proxy, and `hoist resume` (straight to moto: the proxy plays a server that moved) must send at most ~60% of the file
// and leave a byte-identical object, no multipart upload and no journal entry. Also: nothing to resume, a file that
// changed since, and Ctrl-C during a resume, which pauses (parts and journal kept) so that a second resume finishes.
//
// Why --concurrency 1 for the killed cp: the part requests in flight at the kill are lost, so the resume resends them.
// With 4 parts of 8 MiB in flight (the default), up to 32 MiB of the 64 MiB counted at 50% may be mid-air, and the
// resume may have to send 96 MiB (75%): the 60% bound could not be promised. With one part in flight, the progress
// reaching 64 MiB means parts 1-7 were acknowledged before part 8 was even read, so at most 72 MiB (56%) is left.
import { appendFile, chmod, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../harness/fault-proxy';
import {
  createBucket,
  listMultipartUploads,
  listObjects,
  listParts,
  objectSha256,
  uniqueBucket,
} from '../harness/s3-check';
import { cleanupTempDirs, MiB, randomFile, sha256File, tempDir } from './files';
import { journalEntries, journalFiles } from './journal-files';
import { buildCli, dropRootPrefix, errorLines, hoist, jsonLines, spawnHoist, stopAt, type Stopped } from './run-hoist';

const endpoint = inject('s3Endpoint');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let dir: string;
let proxy: FaultProxy;

beforeAll(async () => {
  buildCli();
  dir = await tempDir('resume');
  proxy = await startFaultProxy(endpoint);
});

afterEach(() => proxy.throttle(null));

afterAll(async () => {
  await proxy?.close();
  await cleanupTempDirs();
});

/** `hoist cp` through the throttled proxy, killed with SIGKILL at `atFraction`: what a crash leaves. */
async function crashedCp(file: string, bucket: string, stateDir: string, atFraction: number): Promise<Stopped> {
  proxy.throttle(32 * MiB);
  const r = await stopAt(
    ['cp', file, `s3://${bucket}/`, '--endpoint-url', proxy.endpoint, '--state-dir', stateDir, '--concurrency', '1'],
    atFraction,
    'SIGKILL',
  );
  proxy.throttle(null);
  expect(r.signal).toBe('SIGKILL');
  return r;
}

async function serverBytes(bucket: string, key: string, uploadId: string): Promise<number> {
  const parts = await listParts(endpoint, bucket, key, uploadId);
  return parts === 'NoSuchUpload' ? -1 : parts.reduce((sum, p) => sum + p.size, 0);
}

async function expectNoJournal(stateDir: string): Promise<void> {
  expect(await journalEntries(stateDir)).toEqual([]);
  expect((await journalFiles(stateDir)).filter((f) => f.endsWith('.json'))).toEqual([]);
}

describe('hoist resume', () => {
  it('the crash test: kill -9 at 50% of 128 MiB, then resume sends at most ~60% and the object is byte-identical', async () => {
    const bucket = uniqueBucket('cli-crash');
    await createBucket(endpoint, bucket);
    const size = 128 * MiB;
    const file = join(dir, 'crash-128.bin');
    const hash = await randomFile(file, size);
    const state = join(dir, 'state-crash');

    const killed = await crashedCp(file, bucket, state, 0.5);
    const [entry, ...others] = await journalEntries(state);
    expect(others).toEqual([]);
    expect(entry).toMatchObject({
      path: file,
      size,
      bucket,
      key: 'crash-128.bin',
      partSize: 8 * MiB,
      endpointUrl: proxy.endpoint,
    });
    expect((await listMultipartUploads(endpoint, bucket)).map((u) => u.uploadId)).toEqual([entry!.uploadId]);
    const kept = await serverBytes(bucket, 'crash-128.bin', entry!.uploadId);

    const r = await hoist(['resume', '--state-dir', state, '--endpoint-url', endpoint, '--json'], {
      timeoutMs: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const finals = jsonLines(r.stdout).filter((l) => l.type !== 'progress');
    expect(finals).toEqual([
      { type: 'done', key: 'crash-128.bin', etag: expect.stringMatching(/-16"?$/), bytesSent: expect.any(Number) },
    ]);
    const bytesSent = finals[0]!.bytesSent as number;
    console.log(
      `crash test: killed at ${(killed.loadedAtSignal / MiB).toFixed(1)} MiB of 128 (${((100 * killed.loadedAtSignal) / size).toFixed(1)}%); ` +
        `${kept / MiB} MiB of parts on the server; resume sent ${bytesSent / MiB} MiB (${((100 * bytesSent) / size).toFixed(1)}%)`,
    );
    expect(bytesSent).toBeLessThanOrEqual(0.6 * size);
    // Only what the server lacked: nothing it held after the kill is sent again (a part moto was still storing when
    // we listed may be found by the resume, hence <=), and nothing the killed run had not even read can be there.
    expect(bytesSent).toBeLessThanOrEqual(size - kept);
    expect(bytesSent).toBeGreaterThanOrEqual(size - killed.loadedAtSignal);
    expect(await objectSha256(endpoint, bucket, 'crash-128.bin')).toBe(hash);
    expect(await sha256File(file)).toBe(hash);
    expect(await listMultipartUploads(endpoint, bucket)).toEqual([]);
    await expectNoJournal(state);
  }, 180_000);

  it('with nothing to resume: one line on stderr, exit 0', async () => {
    const state = join(dir, 'state-empty');
    const r = await hoist(['resume', '--state-dir', state, '--json']);
    expect(r).toMatchObject({
      code: 0,
      stdout: '',
      stderr: `Nothing to resume: no interrupted uploads in ${state}.\n`,
    });
    const plain = await hoist(['resume', '--state-dir', state]);
    expect(plain).toMatchObject({
      code: 0,
      stdout: '',
      stderr: `Nothing to resume: no interrupted uploads in ${state}.\n`,
    });
  });

  it('a journal entry that cannot be read is named, not silently left out', async () => {
    const state = join(dir, 'state-damaged');
    await mkdir(join(state, 'uploads'), { recursive: true });
    const damaged = join(state, 'uploads', '0123456789abcdef0123456789abcdef.json');
    await writeFile(damaged, '{"version":1,"bucket":"b","key":"k","uploadId":"u1","pa');
    const r = await hoist(['resume', '--state-dir', state]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `hoist: 1 journal entry could not be read and is not resumed: "${damaged}". A partial upload it recorded may ` +
        "still be on its server: list the bucket's with `hoist incomplete ls s3://BUCKET`, then move the file out of " +
        `the journal folder.\nNothing to resume: no interrupted uploads in ${state}.\n`,
    );
  });

  it('a --state-dir that is a file: one line naming it and what to do, exit 2, not "nothing to resume"', async () => {
    const file = join(dir, 'state-is-a-file');
    await writeFile(file, 'not a folder\n');
    const r = await hoist(['resume', '--state-dir', file]);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(
      `hoist: --state-dir "${file}" cannot be read: it is not a folder (ENOTDIR). Give the folder hoist cp kept its journal in, with --state-dir.\n` +
        'Run `hoist resume --help` for usage.\n',
    );
  });

  it('a --state-dir whose journal folder cannot be listed: one line naming that folder and why, exit 2', async () => {
    // uploads/ a file (ENOTDIR) and a link to itself (ELOOP): errors root meets too.
    for (const [label, make, why] of [
      ['file', (p: string) => writeFile(p, 'x'), 'not a folder'],
      ['loop', (p: string) => symlink(p, p), 'ELOOP'],
    ] as const) {
      const state = join(dir, `state-bad-${label}`);
      await mkdir(state);
      await make(join(state, 'uploads'));
      const r = await hoist(['resume', '--state-dir', state, '--json']);
      expect(r).toMatchObject({ code: 2, stdout: '' });
      expect(errorLines(r.stderr)).toEqual([
        `hoist: --state-dir "${state}" cannot be read: its journal folder "${join(state, 'uploads')}" cannot be listed (${why}). Make it a folder you can read, or give another --state-dir.`,
      ]);
    }
  });

  it('a --state-dir the user may not read: one line saying so, exit 2', async (ctx) => {
    const drop = dropRootPrefix();
    if ('skip' in drop) return ctx.skip(drop.skip);
    const state = join(dir, 'state-private');
    await mkdir(join(state, 'uploads'), { recursive: true });
    await writeFile(join(state, 'uploads', 'kept.json'), '{}');
    // No permission for anyone but root: as root the test runs hoist as nobody; as another user, as that user.
    await chmod(state, 0o000);
    try {
      const r = await hoist(['resume', '--state-dir', state], { asNobody: true });
      expect(r).toMatchObject({ code: 2, stdout: '' });
      expect(errorLines(r.stderr)).toEqual([
        `hoist: --state-dir "${state}" cannot be read: its journal folder "${join(state, 'uploads')}" cannot be listed (permission denied). Run hoist resume as the user who ran hoist cp, or give another --state-dir.`,
      ]);
    } finally {
      await chmod(state, 0o755);
    }
  });

  it('a file that changed since: failed FileChanged, its partial upload removed (verified), the journal emptied', async () => {
    const bucket = uniqueBucket('cli-changed');
    await createBucket(endpoint, bucket);
    const file = join(dir, 'changed.bin');
    await randomFile(file, 40 * MiB);
    const state = join(dir, 'state-changed');
    await crashedCp(file, bucket, state, 0.3);
    expect(await listMultipartUploads(endpoint, bucket)).toHaveLength(1);
    await appendFile(file, 'one more line\n');

    const r = await hoist(['resume', '--state-dir', state, '--endpoint-url', endpoint, '--json']);
    expect(r.code).toBe(1);
    expect(jsonLines(r.stdout).filter((l) => l.type !== 'progress')).toEqual([
      { type: 'failed', key: 'changed.bin', error: { code: 'FileChanged', message: expect.stringContaining(file) } },
    ]);
    expect(errorLines(r.stderr)).toEqual([expect.stringContaining('changed since its upload was interrupted')]);
    expect(await listMultipartUploads(endpoint, bucket)).toEqual([]);
    expect(await listObjects(endpoint, bucket)).toEqual([]);
    await expectNoJournal(state);
  });

  it('a file that is gone: failed FileMissing, the upload kept for later, and the way to discard it works', async () => {
    const bucket = uniqueBucket('cli-gone');
    await createBucket(endpoint, bucket);
    const file = join(dir, 'gone.bin');
    await randomFile(file, 40 * MiB);
    const state = join(dir, 'state-gone');
    await crashedCp(file, bucket, state, 0.3);
    const [entry] = await journalEntries(state);
    await rm(file);

    const r = await hoist(['resume', '--state-dir', state, '--endpoint-url', endpoint, '--json']);
    expect(r.code).toBe(1);
    // In the CLI's words: "upload it again", never the app's "add it again".
    expect(jsonLines(r.stdout).filter((l) => l.type !== 'progress')).toEqual([
      {
        type: 'failed',
        key: 'gone.bin',
        error: { code: 'FileMissing', message: `${file} no longer exists; upload it again once it is back.` },
      },
    ]);
    expect(errorLines(r.stderr)[0]).toBe(`hoist: ${file} no longer exists; upload it again once it is back.`);
    expect(r.stderr).not.toMatch(/add it again/i);
    // Kept: the drive may come back. The last line says how to throw it away instead.
    expect((await listMultipartUploads(endpoint, bucket)).map((u) => u.uploadId)).toEqual([entry!.uploadId]);
    expect((await journalEntries(state)).map((e) => e.uploadId)).toEqual([entry!.uploadId]);
    const discard = /to discard it instead: hoist (incomplete abort .*)$/m.exec(r.stderr)?.[1];
    expect(discard).toBe(
      `incomplete abort s3://${bucket}/gone.bin --upload-id ${entry!.uploadId} --endpoint-url ${endpoint} --region ${entry!.region} --path-style --state-dir ${state}`,
    );

    const d = await hoist(discard!.split(' '));
    expect(d.code).toBe(0);
    expect(await listMultipartUploads(endpoint, bucket)).toEqual([]);
    await expectNoJournal(state);
  });

  it('Ctrl-C during a resume pauses: the upload and its journal entry stay, and a second resume finishes it', async () => {
    const bucket = uniqueBucket('cli-pause');
    await createBucket(endpoint, bucket);
    const size = 64 * MiB;
    const file = join(dir, 'pause.bin');
    const hash = await randomFile(file, size);
    const state = join(dir, 'state-pause');
    await crashedCp(file, bucket, state, 0.2);
    const [entry] = await journalEntries(state);
    const before = await serverBytes(bucket, 'pause.bin', entry!.uploadId);

    // Through the throttled proxy again, so that the resume is still going when Ctrl-C comes. At most 2 of the 8 parts
    // were on the server; with 4 parts in flight, progress past 6 parts (75%) means one of this run's parts was
    // acknowledged (its worker has moved on to part 7 or 8), so the pause has something new to keep.
    proxy.throttle(32 * MiB);
    const paused = await stopAt(['resume', '--state-dir', state, '--endpoint-url', proxy.endpoint], 0.8, 'SIGINT');
    proxy.throttle(null);
    console.log(`Ctrl-C during resume -> exit: ${paused.exitMs.toFixed(0)} ms`);
    expect(paused.code).toBe(130);
    expect(paused.exitMs).toBeLessThan(2000);
    expect(paused.lines.filter((l) => l.type !== 'progress')).toEqual([
      { type: 'paused', key: 'pause.bin', loaded: expect.any(Number), total: size },
    ]);
    // The command to go on repeats --endpoint-url: the upload goes on where this run sent it.
    expect(paused.stderr).toBe(
      `Paused 1 upload; run \`hoist resume --endpoint-url ${proxy.endpoint} --state-dir ${state}\` to continue.\n`,
    );
    // Kept: the same multipart upload, with more parts than before, and its journal entry.
    expect((await listMultipartUploads(endpoint, bucket)).map((u) => u.uploadId)).toEqual([entry!.uploadId]);
    const after = await serverBytes(bucket, 'pause.bin', entry!.uploadId);
    expect(after).toBeGreaterThan(before);
    expect((await journalEntries(state)).map((e) => e.uploadId)).toEqual([entry!.uploadId]);

    const r = await hoist(['resume', '--state-dir', state, '--endpoint-url', endpoint, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout).at(-1)).toEqual({
      type: 'done',
      key: 'pause.bin',
      etag: expect.any(String),
      bytesSent: expect.any(Number),
    });
    // A part whose last bytes the proxy was still forwarding at the pause may have landed after we listed: hence <=.
    expect(jsonLines(r.stdout).at(-1)!.bytesSent).toBeLessThanOrEqual(size - after);
    expect(await objectSha256(endpoint, bucket, 'pause.bin')).toBe(hash);
    expect(await listMultipartUploads(endpoint, bucket)).toEqual([]);
    await expectNoJournal(state);
  });

  it('Ctrl-C that comes when everything is arriving anyway (the last Complete on its way): exit 0, and says what was resumed', async () => {
    const bucket = uniqueBucket('cli-late-int');
    await createBucket(endpoint, bucket);
    const file = join(dir, 'late.bin');
    const hash = await randomFile(file, 24 * MiB);
    const state = join(dir, 'state-late');
    await crashedCp(file, bucket, state, 0.3);

    // The Complete's answer is held, so that the Ctrl-C lands while it is in flight: a pause lets it finish.
    proxy.resetCounters();
    proxy.delayRequests(/^POST [^ ]*\?uploadId=/, 1500, 'response');
    try {
      const child = spawnHoist(['resume', '--state-dir', state, '--endpoint-url', proxy.endpoint]);
      let stderr = '';
      child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      const exited = new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      await proxy.waitForRequest(/^POST [^ ]*\?uploadId=/, 30_000);
      child.kill('SIGINT');
      expect(await exited, stderr).toBe(0);
      const lines = stderr.split('\n').filter(Boolean);
      expect(lines.at(-1)).toMatch(/^Resumed 1 of 1 upload \(24\.0 MiB; sent .* now, in .*\)\.$/);
      expect(stderr).not.toMatch(/Paused|Stopped|nothing was left/);
    } finally {
      proxy.clearDelays();
    }
    expect(await objectSha256(endpoint, bucket, 'late.bin')).toBe(hash);
    expect(await listMultipartUploads(endpoint, bucket)).toEqual([]);
    await expectNoJournal(state);
  });

  it('hoist cp journals a multipart upload while it runs and forgets it once done or cancelled', async () => {
    const bucket = uniqueBucket('cli-journal');
    await createBucket(endpoint, bucket);
    const file = join(dir, 'journaled.bin');
    await writeFile(file, Buffer.alloc(9 * MiB, 7));
    const state = join(dir, 'state-journal');
    const r = await hoist(['cp', file, `s3://${bucket}/`, '--endpoint-url', endpoint, '--state-dir', state, '--json']);
    expect(r.code).toBe(0);
    await expectNoJournal(state);

    proxy.throttle(16 * MiB);
    const big = join(dir, 'cancelled.bin');
    await randomFile(big, 48 * MiB);
    const cancelled = await stopAt(
      ['cp', big, `s3://${bucket}/`, '--endpoint-url', proxy.endpoint, '--state-dir', state],
      0.3,
      'SIGINT',
    );
    expect(cancelled.code).toBe(130);
    expect(cancelled.lines.at(-1)).toEqual({ type: 'cancelled', key: 'cancelled.bin', cleanup: 'verified' });
    expect(await listMultipartUploads(endpoint, bucket)).toEqual([]);
    await expectNoJournal(state);
  });

  it("a resume while a cp still runs leaves that cp's upload alone; once the cp is killed, it resumes it", async () => {
    const bucket = uniqueBucket('cli-live');
    await createBucket(endpoint, bucket);
    const file = join(dir, 'live.bin');
    const hash = await randomFile(file, 48 * MiB);
    const state = join(dir, 'state-live');
    proxy.throttle(4 * MiB);
    const args = ['cp', file, `s3://${bucket}/`, '--endpoint-url', proxy.endpoint, '--state-dir', state];
    const cp = spawnHoist([...args, '--concurrency', '1']);
    const closed = new Promise((resolve) => cp.on('close', resolve));
    try {
      for (let i = 0; i < 200 && (await journalEntries(state)).length === 0; i++) await sleep(50);
      expect(await journalEntries(state)).toHaveLength(1);
      const meanwhile = await hoist(['resume', '--state-dir', state]);
      expect(meanwhile.code).toBe(0);
      expect(meanwhile.stderr).toMatch(/Nothing to resume/);
    } finally {
      cp.kill('SIGKILL');
      await closed;
    }
    proxy.throttle(null);
    const r = await hoist(['resume', '--state-dir', state, '--json']);
    expect(r.code).toBe(0);
    expect(await objectSha256(endpoint, bucket, 'live.bin')).toBe(hash);
    await expectNoJournal(state);
  });
});
