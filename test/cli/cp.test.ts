// `hoist cp` end to end: the built CLI, run as a child process, against the moto server from the global setup.
// What arrived is checked independently, with boto3 and the AWS CLI.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  awsCli,
  createBucket,
  listMultipartUploads,
  listObjects,
  objectSha256,
  uniqueBucket,
} from '../harness/s3-check';
import { cleanupTempDirs, MiB, randomFile, sha256File, tempDir } from './files';
import { buildCli, hoist, hoistBin, jsonLines } from './run-hoist';

const endpoint = inject('s3Endpoint');
let dir: string;

beforeAll(async () => {
  buildCli();
  dir = await tempDir('cp');
});

afterAll(cleanupTempDirs);

describe('hoist cp', () => {
  it('uploads files of 0 B, 1 MiB and 41 MiB byte-identical, the 41 MiB one as 6 parts of 8 MiB', async () => {
    const bucket = uniqueBucket('cli-basic');
    await createBucket(endpoint, bucket);
    const files = { 'empty.bin': 0, 'one MiB é.bin': MiB, 'big.bin': 41 * MiB };
    const hashes: Record<string, string> = {};
    for (const [name, size] of Object.entries(files)) hashes[name] = await randomFile(join(dir, 'basic', name), size);

    const paths = Object.keys(files).map((n) => join(dir, 'basic', n));
    const r = await hoist(['cp', ...paths, `s3://${bucket}/up/`, '--endpoint-url', endpoint]);
    expect(r.stderr).not.toMatch(/^hoist: /m);
    expect(r.code).toBe(0);
    // Plain lines (stderr is not a terminal here): one per state change, then the summary.
    expect(r.stderr).toMatch(/^done {8}\S.*big\.bin {2}41\.0 MiB$/m);
    expect(r.stderr).toMatch(/^Uploaded 3 of 3 files \(42\.0 MiB in /m);
    expect(r.stdout).toBe('');

    const objects = await listObjects(endpoint, bucket);
    expect(objects.map((o) => [o.key, o.size]).sort()).toEqual([
      ['up/big.bin', 41 * MiB],
      ['up/empty.bin', 0],
      ['up/one MiB é.bin', MiB],
    ]);
    expect(objects.find((o) => o.key === 'up/big.bin')!.etag).toMatch(/-6$/);
    for (const name of Object.keys(files)) {
      // Downloaded with the AWS CLI and compared byte for byte (by hash), and once more through boto3.
      const local = join(dir, 'basic-download', name);
      await mkdir(join(dir, 'basic-download'), { recursive: true });
      await awsCli(endpoint, ['s3', 'cp', `s3://${bucket}/up/${name}`, local]);
      expect(await sha256File(local), name).toBe(hashes[name]);
      expect(await objectSha256(endpoint, bucket, `up/${name}`), name).toBe(hashes[name]);
    }
    expect(await listMultipartUploads(endpoint, bucket)).toEqual([]);
  });

  it('--json: every stdout line is an object with a type; progress, then one final line per file; folders keep their names', async () => {
    const bucket = uniqueBucket('cli-json');
    await createBucket(endpoint, bucket);
    const album = join(dir, 'json', 'album');
    const small = await randomFile(join(album, 'a.txt'), 1000);
    const big = await randomFile(join(album, '2024', 'b.bin'), 20 * MiB);

    const r = await hoist([
      'cp',
      album,
      `s3://${bucket}`,
      '--endpoint-url',
      endpoint,
      '--json',
      '--part-size',
      '5MiB',
      '--concurrency',
      '2',
      '--files',
      '1',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = jsonLines(r.stdout);
    for (const l of lines) expect(['progress', 'done', 'failed', 'cancelled']).toContain(l.type);

    const progress = lines.filter((l) => l.type === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    for (const p of progress) {
      expect(Object.keys(p).sort()).toEqual(['bytesPerSecond', 'file', 'key', 'loaded', 'total', 'type']);
      expect(typeof p.loaded).toBe('number');
      expect(typeof p.bytesPerSecond).toBe('number');
      expect(p.loaded as number).toBeLessThanOrEqual(p.total as number);
    }
    const bigProgress = progress.filter((p) => p.key === 'album/2024/b.bin');
    expect(bigProgress.at(0)!.file).toBe(join(album, '2024', 'b.bin'));
    expect(bigProgress.at(-1)!.loaded).toBe(20 * MiB);

    const finals = lines.filter((l) => l.type !== 'progress');
    expect(finals.map((f) => f.key).sort()).toEqual(['album/2024/b.bin', 'album/a.txt']);
    for (const f of finals) {
      expect(f.type).toBe('done');
      expect(Object.keys(f).sort()).toEqual(['bytesSent', 'etag', 'key', 'type']);
    }
    const bigDone = finals.find((f) => f.key === 'album/2024/b.bin')!;
    expect(bigDone.etag).toMatch(/-4"?$/);
    expect(bigDone.bytesSent).toBe(20 * MiB);
    // No progress line for a file after its final line.
    const lastIndex = (key: string, type: string) => lines.findLastIndex((l) => l.key === key && l.type === type);
    expect(lastIndex('album/2024/b.bin', 'progress')).toBeLessThan(lastIndex('album/2024/b.bin', 'done'));

    expect(await objectSha256(endpoint, bucket, 'album/a.txt')).toBe(small);
    expect(await objectSha256(endpoint, bucket, 'album/2024/b.bin')).toBe(big);
  });

  it('uploads a single file to an exact key when the target has no trailing slash', async () => {
    const bucket = uniqueBucket('cli-key');
    await createBucket(endpoint, bucket);
    const hash = await randomFile(join(dir, 'key', 'report.pdf'), 4096);
    const r = await hoist([
      'cp',
      join(dir, 'key', 'report.pdf'),
      `s3://${bucket}/reports/2024.pdf`,
      '--endpoint-url',
      endpoint,
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout).at(-1)).toMatchObject({ type: 'done', key: 'reports/2024.pdf' });
    expect(await objectSha256(endpoint, bucket, 'reports/2024.pdf')).toBe(hash);
  });

  it('prints --help, --version, and exits 2 on a usage error with one line and a hint', async () => {
    const help = await hoist(['cp', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: hoist cp <file|dir>... s3://bucket[/prefix/]');
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const version = await hoist(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const usage = await hoist(['cp', 'a', 's3://b', '--concurrency', 'lots']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe(
      'hoist: --concurrency must be a whole number from 1 to 1000 (got "lots").\nRun `hoist cp --help` for usage.\n',
    );
  });

  it('says to build first when the bundle is missing', async () => {
    // A copy of the bin in a folder with no out/cli/hoist.mjs next to it.
    const bin = join(dir, 'unbuilt', 'bin', 'hoist.cjs');
    await mkdir(join(dir, 'unbuilt', 'bin'), { recursive: true });
    await copyFile(hoistBin, bin);
    await writeFile(join(dir, 'unbuilt', 'package.json'), '{"type":"module"}');
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('hoist: the CLI is not built yet; run npm run build first (or npm run build:cli).');
  });
});
