// `hoist cp` leaves out the desktop's bookkeeping files by default, and what --exclude names; --include brings files
// back. Checked on each server by what the bucket holds, and by the lines and counts the run reports.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliEnvFor, describeEachBackend, freshBucketOn, type S3Backend } from '../harness/backends';
import { listObjects } from '../harness/s3-check';
import { cleanupTempDirs, tempDir } from './files';
import { buildCli, hoist, jsonLines } from './run-hoist';

beforeAll(() => buildCli());
afterAll(cleanupTempDirs);

/** A folder as a Mac, a Windows share and a build leave it. */
async function messyFolder(): Promise<string> {
  const dir = join(await tempDir('excl'), 'site');
  const files = [
    '.DS_Store',
    'index.html',
    'img/.DS_Store',
    'img/Thumbs.db',
    'img/logo.png',
    'img/desktop.ini',
    'draft.tmp',
    'keep.tmp',
    'build/out.js',
    'src/build/mod.js',
  ];
  for (const f of files) {
    await mkdir(join(dir, f, '..'), { recursive: true });
    await writeFile(join(dir, f), f);
  }
  return dir;
}

/** The endpoint options for the backend, with its CA for https. */
const endpointOpts = (backend: S3Backend): string[] => [
  '--endpoint-url',
  backend.endpoint,
  ...(backend.caFile ? ['--ca-bundle', backend.caFile] : []),
];

describeEachBackend('hoist cp excludes', (backend) => {
  const env = cliEnvFor(backend);
  const keysIn = async (bucket: string) => (await listObjects(backend.endpoint, bucket)).map((o) => o.key).sort();

  it('leaves .DS_Store, Thumbs.db and desktop.ini out by default, at any depth, and counts them', async () => {
    const dir = await messyFolder();
    const bucket = await freshBucketOn(backend, 'cli-excl');
    const r = await hoist(['cp', dir, `s3://${bucket}/`, ...endpointOpts(backend)], { env });
    expect(r.code).toBe(0);
    expect(await keysIn(bucket)).toEqual([
      'site/build/out.js',
      'site/draft.tmp',
      'site/img/logo.png',
      'site/index.html',
      'site/keep.tmp',
      'site/src/build/mod.js',
    ]);
    expect(r.stderr).toMatch(/^excluded {4}\S*site\/img\/Thumbs\.db {2}\(matches "Thumbs\.db"\)$/m);
    expect(r.stderr).toMatch(/^Uploaded 6 of 6 files .*\n4 files excluded\.$/m);
  });

  it('--exclude adds patterns (a name at any depth, a folder, a path inside the folder); --include wins', async () => {
    const dir = await messyFolder();
    const bucket = await freshBucketOn(backend, 'cli-excl2');
    const r = await hoist(
      [
        'cp',
        dir,
        `s3://${bucket}/`,
        ...endpointOpts(backend),
        '--exclude',
        '*.tmp',
        '--exclude',
        '/build/',
        '--include',
        'keep.tmp',
        '--json',
      ],
      { env },
    );
    expect(r.code).toBe(0);
    expect(await keysIn(bucket)).toEqual([
      'site/img/logo.png',
      'site/index.html',
      'site/keep.tmp',
      'site/src/build/mod.js',
    ]);
    const excluded = jsonLines(r.stdout).filter((l) => l.type === 'excluded');
    expect(excluded.map((l) => [String(l.file).slice(dir.length - 4), l.pattern])).toEqual([
      ['site/.DS_Store', '.DS_Store'],
      ['site/build/out.js', '/build/'],
      ['site/draft.tmp', '*.tmp'],
      ['site/img/.DS_Store', '.DS_Store'],
      ['site/img/Thumbs.db', 'Thumbs.db'],
      ['site/img/desktop.ini', 'desktop.ini'],
    ]);
  });

  it('a .DS_Store named on the command line is left out too, and the run says why and how to send it', async () => {
    const dir = await messyFolder();
    const bucket = await freshBucketOn(backend, 'cli-excl3');
    const named = join(dir, '.DS_Store');
    const r = await hoist(['cp', named, `s3://${bucket}/x/`, ...endpointOpts(backend)], { env });
    expect(r.stderr).toContain(
      `excluded    ${named}  (named on the command line, but it matches ".DS_Store"; --include '.DS_Store' sends it)`,
    );
    expect(r.stderr).toMatch(/^Nothing to upload: 1 file excluded \(--include brings files back\)\.$/m);
    expect(r.code).toBe(1);
    expect(await keysIn(bucket)).toEqual([]);

    const sent = await hoist(['cp', named, `s3://${bucket}/x/`, ...endpointOpts(backend), '--include', '.DS_Store'], {
      env,
    });
    expect(sent.code).toBe(0);
    expect(await keysIn(bucket)).toEqual(['x/.DS_Store']);
  });
});

it('a pattern Hoist cannot use is a usage error naming it, before anything is listed or sent', async () => {
  const r = await hoist(['cp', '/nonexistent', 's3://b/', '--endpoint-url', 'http://127.0.0.1:9', '--exclude', '']);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^hoist: An empty exclude pattern was given\. .*\nRun `hoist cp --help` for usage\.\n$/);
  const bad = await hoist([
    'cp',
    '/nonexistent',
    's3://b/',
    '--endpoint-url',
    'http://127.0.0.1:9',
    '--include',
    'a\tb',
  ]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('The include pattern "a\\x09b" is not a glob Hoist can use.');
});
