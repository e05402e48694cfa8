import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from './args';
import { resolveCp, UNREACHABLE_AT_START_MS, wantsHelp } from './cp-options';
import { defaultStateDir } from '../engine';
import { fileFor, reportSkipped } from './cp-command';
import { DEFAULT_OBJECT_OPTIONS } from '../shared/object-options';

const MiB = 1024 * 1024;

describe('resolveCp', () => {
  it('fills in the defaults: AWS, us-east-1, virtual-hosted style, auto checksums, engine defaults', () => {
    const plan = resolveCp(['a.txt', 's3://bucket/docs/'], { HOME: '/home/ada' });
    expect(plan).toEqual({
      sources: ['a.txt'],
      target: {
        endpointUrl: undefined,
        region: 'us-east-1',
        forcePathStyle: false,
        checksum: 'auto',
        credentials: undefined,
        bucket: 'bucket',
        prefix: 'docs/',
        objectOptions: DEFAULT_OBJECT_OPTIONS,
      },
      engine: { unreachableAtStartMs: UNREACHABLE_AT_START_MS },
      stateDir: { dir: defaultStateDir({ HOME: '/home/ada' }), explicit: false },
      endpointArgs: {},
      waitNetwork: false,
      followSymlinks: false,
      selection: { skipUnchanged: false, exclude: [], include: [] },
      json: false,
      debug: false,
    });
  });

  it('takes --state-dir as an absolute folder, and refuses an empty one', () => {
    expect(resolveCp(['a', 's3://b', '--state-dir', '/var/hoist'], {}).stateDir).toEqual({
      dir: '/var/hoist',
      explicit: true,
    });
    expect(resolveCp(['a', 's3://b', '--state-dir=rel/state'], {}).stateDir).toEqual({
      dir: resolve('rel/state'),
      explicit: true,
    });
    if (process.platform === 'linux')
      expect(resolveCp(['a', 's3://b'], { XDG_STATE_HOME: '/xdg' }).stateDir.dir).toBe('/xdg/hoist');
    expect(() => resolveCp(['a', 's3://b', '--state-dir', ' '], {})).toThrow('--state-dir is empty.');
  });

  it('maps every option', () => {
    const plan = resolveCp(
      [
        'a',
        'dir',
        's3://b',
        '--endpoint-url',
        'http://127.0.0.1:9000',
        '--region',
        'eu-west-3',
        '--part-size',
        '16MiB',
        '--concurrency',
        '8',
        '--files',
        '2',
        '--speed-limit',
        '20MiB/s',
        '--checksum',
        'off',
        '--json',
        '--debug',
      ],
      {},
    );
    expect(plan.sources).toEqual(['a', 'dir']);
    expect(plan.target).toMatchObject({
      endpointUrl: 'http://127.0.0.1:9000',
      region: 'eu-west-3',
      forcePathStyle: true,
      checksum: 'off',
      bucket: 'b',
      prefix: '',
    });
    expect(plan.engine).toEqual({
      partSize: 16 * MiB,
      partsPerFile: 8,
      filesInParallel: 2,
      bytesPerSecond: 20 * MiB,
      unreachableAtStartMs: UNREACHABLE_AT_START_MS,
    });
    expect(plan.endpointArgs).toEqual({ endpointUrl: 'http://127.0.0.1:9000', region: 'eu-west-3' });
    expect(resolveCp(['a', 's3://b', '--speed-limit', '500KiB'], {}).engine.bytesPerSecond).toBe(500 * 1024);
    // --data-path: the engine's default (lean) unless given.
    expect(resolveCp(['a', 's3://b'], {}).engine.dataPath).toBeUndefined();
    expect(resolveCp(['a', 's3://b', '--data-path', 'sdk'], {}).engine.dataPath).toBe('sdk');
    expect(resolveCp(['a', 's3://b', '--data-path', 'lean'], {}).engine.dataPath).toBe('lean');
    // An unreachable endpoint is waited out for the engine's bounded time (a few seconds while it has never answered),
    // or for as long as it lasts.
    expect(resolveCp(['a', 's3://b'], {}).engine.unreachableBudgetMs).toBeUndefined();
    expect(resolveCp(['a', 's3://b'], {}).engine.unreachableAtStartMs).toBe(3000);
    const waiting = resolveCp(['a', 's3://b', '--wait-network'], {});
    expect(waiting.engine.unreachableBudgetMs).toBe(Number.POSITIVE_INFINITY);
    expect(waiting.engine.unreachableAtStartMs).toBeUndefined();
    expect(waiting.waitNetwork).toBe(true);
    expect(plan.json).toBe(true);
    expect(plan.debug).toBe(true);
  });

  it('takes the region from AWS_REGION, then AWS_DEFAULT_REGION', () => {
    expect(resolveCp(['a', 's3://b'], { AWS_REGION: 'ap-south-1', AWS_DEFAULT_REGION: 'x' }).target.region).toBe(
      'ap-south-1',
    );
    expect(resolveCp(['a', 's3://b'], { AWS_DEFAULT_REGION: 'sa-east-1' }).target.region).toBe('sa-east-1');
    expect(resolveCp(['a', 's3://b', '--region', 'eu-north-1'], { AWS_REGION: 'ap-south-1' }).target.region).toBe(
      'eu-north-1',
    );
  });

  it('defaults to path-style only with a custom endpoint, and lets either be overridden', () => {
    expect(resolveCp(['a', 's3://b', '--path-style'], {}).target.forcePathStyle).toBe(true);
    expect(
      resolveCp(['a', 's3://b', '--endpoint-url', 'http://h:1', '--no-path-style'], {}).target.forcePathStyle,
    ).toBe(false);
  });

  it.each([
    [['s3://b/'], 'No files or folders given to upload to s3://b/.'],
    [[], 'No files or target given.'],
    [['a.txt', 'b.txt'], 'Target "b.txt" is not an S3 URL.'],
    [['s3://b/', 'a.txt'], 'The s3:// target must come last.'],
    [['a', 's3://'], 'names no bucket'],
    [['s3://other/x', 's3://b/'], 'is an S3 URL; hoist cp uploads local files and folders only'],
    // The size as it was typed, not rounded to MiB ("1KiB" once read "0 MiB", and 5242879 bytes "5 MiB").
    [
      ['a', 's3://b', '--part-size', '4MiB'],
      "--part-size 4MiB is below S3's minimum part size of 5 MiB. Use --part-size 5MiB or more.",
    ],
    [['a', 's3://b', '--part-size', '1KiB'], "--part-size 1KiB is below S3's minimum part size of 5 MiB."],
    [['a', 's3://b', '--part-size', '5242879'], "--part-size 5242879 is below S3's minimum part size of 5 MiB."],
    [
      ['a', 's3://b', '--part-size', '6GiB'],
      "--part-size 6GiB is above S3's maximum part size of 5 GiB. Use --part-size 5GiB or less.",
    ],
    [['a', 's3://b', '--part-size', 'big'], '--part-size "big" is not a size.'],
    [['a', 's3://b', '--endpoint-url', 'not a url'], 'Endpoint URL "not a url" is not a valid URL.'],
    [['a', 's3://b', '--endpoint-url', 'ftp://h'], 'must start with http:// or https://'],
    [['a', 's3://b', '--endpoint-url', ''], '--endpoint-url is empty.'],
    [['a', 's3://b', '--checksum', 'sha1'], '--checksum must be auto, crc32, md5 or off (got "sha1").'],
    [['a', 's3://b', '--data-path', 'fast'], '--data-path must be lean or sdk (got "fast").'],
    [['a', 's3://b', '--concurrency', '0'], '--concurrency must be a whole number'],
    [['a', 's3://b', '--files', 'many'], '--files must be a whole number'],
    [['a', 's3://b', '--speed-limit', 'fast'], '--speed-limit "fast" is not a rate of 1KiB/s or more.'],
    [['a', 's3://b', '--speed-limit', '10'], '--speed-limit "10" is not a rate of 1KiB/s or more.'],
    [['a', 's3://b', '--nope'], 'Unknown option --nope.'],
  ])('refuses %j', (argv, message) => {
    let error: unknown;
    try {
      resolveCp(argv, {});
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain(message);
    expect((error as UsageError).command).toBe('cp');
  });

  it('--follow-symlinks turns following on; a prefix with a ".." part is a usage error', () => {
    expect(resolveCp(['d', 's3://b/p/', '--follow-symlinks'], {}).followSymlinks).toBe(true);
    expect(() => resolveCp(['d', 's3://b/in/../out/'], {})).toThrow(/prefix "in\/\.\.\/out\/" has a "\.\." part/);
  });

  it('finds --help before "--" only', () => {
    expect(wantsHelp(['x', '--help'])).toBe(true);
    expect(wantsHelp(['-h'])).toBe(true);
    expect(wantsHelp(['--', '--help'])).toBe(false);
  });
});

describe('fileFor', () => {
  it('names a file as the user wrote it', () => {
    expect(fileFor({ source: './photos/a.jpg', name: 'a.jpg' })).toBe('./photos/a.jpg');
  });
  it('names a file inside a folder by the folder as written plus its relative path', () => {
    expect(fileFor({ source: 'album', name: 'album/2024/b.jpg' })).toBe('album/2024/b.jpg');
    expect(fileFor({ source: '.', name: 'work/x.txt' })).toBe('x.txt');
    expect(fileFor({ source: '/data/set/', name: 'set/x.txt' })).toBe('/data/set/x.txt');
  });
});

describe('reportSkipped', () => {
  const out = () => {
    const text = { stdout: '', stderr: '' };
    return {
      text,
      io: {
        stdout: { write: (s: string) => (text.stdout += s) },
        stderr: { write: (s: string) => (text.stderr += s) },
      },
    };
  };
  const link = (i: number) => ({
    path: `/d/l${i}`,
    code: 'Symlink' as const,
    message: `/d/l${i} is a symbolic link; links inside a folder are not followed.`,
  });

  it('names each entry once, up to 10 per reason, then a count; one hint about --follow-symlinks', () => {
    const { text, io } = out();
    const fifo = {
      path: '/d/p\x1b',
      code: 'Fifo' as const,
      message: '/d/p\u001b[2J is a FIFO (named pipe), not a regular file, so it was skipped.',
    };
    reportSkipped([...Array.from({ length: 12 }, (_, i) => link(i)), fifo], { json: false, followSymlinks: false }, io);
    const lines = text.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(13);
    expect(lines[0]).toBe('skipped     /d/l0 is a symbolic link; links inside a folder are not followed.');
    expect(lines[10]).toBe('skipped     … and 2 more for the same reason (Symlink).');
    expect(lines[11]).toBe('skipped     /d/p\\x1b[2J is a FIFO (named pipe), not a regular file, so it was skipped.');
    expect(lines[12]).toMatch(
      /^ +Links were not followed; --follow-symlinks follows those that stay inside the folder\.$/,
    );
    expect(text.stdout).toBe('');
  });

  it('--json: one "skipped" line per entry on stdout, nothing on stderr', () => {
    const { text, io } = out();
    reportSkipped([link(1), link(2)], { json: true, followSymlinks: false }, io);
    expect(text.stderr).toBe('');
    expect(
      text.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { type: 'skipped', file: '/d/l1', code: 'Symlink', message: link(1).message },
      { type: 'skipped', file: '/d/l2', code: 'Symlink', message: link(2).message },
    ]);
  });
});
