// `hoist cp` of folders that once hung, multiplied uploads or leaked a file from outside the folder (issue 15): a
// link loop, two self-links, a link escaping to a folder with a secret, a FIFO, a socket, and odd names. Checked on
// the bucket itself: each real file once, under a key inside the destination, and every skip named once.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createBucket, listObjects, uniqueBucket } from '../harness/s3-check';
import {
  CONTROL_NAME,
  EVIL_NAME,
  makeFifo,
  makeSocket,
  makeTrickyFolder,
  type TrickyFolder,
} from '../harness/tricky-folder';
import { cleanupTempDirs, tempDir } from './files';
import { buildCli, errorLines, hoist, jsonLines } from './run-hoist';

const endpoint = inject('s3Endpoint');
let dir: string;
let t: TrickyFolder;
const KEYS = ['in/album/Caf\u00e9.txt', 'in/album/a', 'in/album/sub/b.txt'];

beforeAll(async () => {
  buildCli();
  dir = await tempDir('tricky');
  t = await makeTrickyFolder(dir);
});

afterAll(cleanupTempDirs);

async function freshBucket(label: string): Promise<string> {
  const bucket = uniqueBucket(label);
  await createBucket(endpoint, bucket);
  return bucket;
}

const skipLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('skipped '));
const at = (name: string) => join(t.album, name);

describe('hoist cp of a folder with loops, escaping links and odd names', () => {
  it('finishes in seconds, uploads each real file once inside the destination, and names what it skipped', async () => {
    const bucket = await freshBucket('cli-tricky');
    const r = await hoist(['cp', t.album, `s3://${bucket}/in/`, '--endpoint-url', endpoint], { timeoutMs: 20_000 });
    expect(r.ms).toBeLessThan(15_000);
    expect((await listObjects(endpoint, bucket)).map((o) => o.key).sort()).toEqual(KEYS);
    // The two names that cannot be keys are refused, each with one line naming it: exit 1.
    expect(r.code).toBe(1);
    const errors = errorLines(r.stderr);
    expect(errors).toHaveLength(2);
    expect(errors.find((l) => l.includes('evil.txt'))).toContain(`${at(EVIL_NAME)} cannot be uploaded`);
    expect(errors.find((l) => l.includes('bad'))).toContain(`${at('bad\\x1b[31mname.txt')} cannot be uploaded`);
    expect(r.stderr).not.toContain('\u001b[31m');
    const skipped = skipLines(r.stderr);
    expect(skipped.sort()).toEqual(
      [
        `skipped     ${at('escape')} is a symbolic link; links inside a folder are not followed.`,
        `skipped     ${at('inner/up')} is a symbolic link; links inside a folder are not followed.`,
        `skipped     ${at('x')} is a symbolic link; links inside a folder are not followed.`,
        `skipped     ${at('y')} is a symbolic link; links inside a folder are not followed.`,
        `skipped     ${t.fifo} is a FIFO (named pipe), not a regular file, so it was skipped.`,
        `skipped     ${t.socket} is a socket, not a regular file, so it was skipped.`,
      ].sort(),
    );
    expect(r.stderr).toContain('--follow-symlinks follows those that stay inside the folder.');
    expect(r.stderr).toMatch(/^Uploaded 3 of 5 files .*; 2 failed\.$/m);
  });

  it('--follow-symlinks: the loop and the self-links are named once each, the escaping link is refused, nothing doubles', async () => {
    const bucket = await freshBucket('cli-follow');
    const r = await hoist(['cp', t.album, `s3://${bucket}/in/`, '--endpoint-url', endpoint, '--follow-symlinks'], {
      timeoutMs: 20_000,
    });
    expect(r.ms).toBeLessThan(15_000);
    const keys = (await listObjects(endpoint, bucket)).map((o) => o.key).sort();
    expect(keys).toEqual(KEYS);
    expect(keys.some((k) => k.includes('id_rsa'))).toBe(false);
    const skipped = skipLines(r.stderr);
    expect(skipped).toHaveLength(6);
    for (const loop of ['inner/up', 'x', 'y']) {
      expect(skipped.filter((l) => l.includes(`${at(loop)} `))).toEqual([
        expect.stringMatching(/leads back to .*\(a loop\), so it was skipped\.$/),
      ]);
    }
    expect(skipped.filter((l) => l.includes(at('escape')))).toEqual([
      `skipped     ${at('escape')} points outside the folder (to ${t.outside}); links are followed only inside it, so it was skipped.`,
    ]);
    expect(r.stderr).not.toContain('--follow-symlinks follows');
  });

  it('--json: a "skipped" line per entry on stdout, and the refusals as failed lines', async () => {
    const bucket = await freshBucket('cli-tricky-json');
    const r = await hoist(['cp', t.album, `s3://${bucket}/in/`, '--endpoint-url', endpoint, '--json'], {
      timeoutMs: 20_000,
    });
    const lines = jsonLines(r.stdout);
    expect(
      lines
        .filter((l) => l.type === 'skipped')
        .map((l) => `${l.code} ${l.file}`)
        .sort(),
    ).toEqual(
      [
        `Fifo ${t.fifo}`,
        `Socket ${t.socket}`,
        ...['escape', 'inner/up', 'x', 'y'].map((n) => `Symlink ${at(n)}`),
      ].sort(),
    );
    expect(
      lines
        .filter((l) => l.type === 'done')
        .map((l) => l.key)
        .sort(),
    ).toEqual(KEYS);
    expect(
      lines
        .filter((l) => l.type === 'failed')
        .map((l) => l.key)
        .sort(),
    ).toEqual([at(CONTROL_NAME), at(EVIL_NAME)].sort());
  });
});

describe('hoist cp of folders with nothing to upload or special files', () => {
  it('an empty folder exits 1 with "Nothing to upload", as plain text and with --json', async () => {
    const bucket = await freshBucket('cli-empty');
    const empty = join(dir, 'empty');
    await mkdir(empty);
    const r = await hoist(['cp', empty, `s3://${bucket}/`, '--endpoint-url', endpoint]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Nothing to upload: the folders given hold no files.\n');
    const j = await hoist(['cp', empty, `s3://${bucket}/`, '--endpoint-url', endpoint, '--json']);
    expect(j.code).toBe(1);
    expect(j.stdout).toBe('');
    expect(errorLines(j.stderr)).toEqual(['hoist: Nothing to upload: the folders given hold no files.']);
  });

  it('FIFOs and sockets are skipped with one line each naming them; the rest arrives and the exit is 0', async () => {
    const bucket = await freshBucket('cli-specials');
    const specials = join(dir, 'specials');
    await mkdir(specials);
    await writeFile(join(specials, 'ok.txt'), 'ok');
    makeFifo(join(specials, 'pipe'));
    makeSocket(join(specials, 'sock'));
    const r = await hoist(['cp', specials, `s3://${bucket}/`, '--endpoint-url', endpoint]);
    expect(r.code).toBe(0);
    expect(errorLines(r.stderr)).toEqual([]);
    expect(skipLines(r.stderr)).toEqual([
      `skipped     ${join(specials, 'pipe')} is a FIFO (named pipe), not a regular file, so it was skipped.`,
      `skipped     ${join(specials, 'sock')} is a socket, not a regular file, so it was skipped.`,
    ]);
    expect((await listObjects(endpoint, bucket)).map((o) => o.key)).toEqual(['specials/ok.txt']);
    // Named on its own, a FIFO is refused (it is not a file), with one line.
    const alone = await hoist(['cp', join(specials, 'pipe'), `s3://${bucket}/`, '--endpoint-url', endpoint]);
    expect(alone.code).toBe(1);
    expect(errorLines(alone.stderr)).toEqual([
      `hoist: ${join(specials, 'pipe')} is not a regular file or folder; only files and folders can be uploaded.`,
    ]);
  });
});
