import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultStateDir, type JournalEntry } from '../engine';
import { DEFAULT_OBJECT_OPTIONS } from '../shared/object-options';
import { chooseEntries, endpointUrlFor, leftBehindLine, resolveResume, resumeHint, targetFor } from './resume-options';

const entry: JournalEntry = {
  version: 1,
  path: '/data/big.bin',
  size: 1,
  mtimeMs: 1,
  endpointUrl: 'http://127.0.0.1:9000',
  region: 'eu-west-3',
  forcePathStyle: true,
  checksum: 'off',
  bucket: 'b',
  key: 'k/big.bin',
  uploadId: 'U',
  partSize: 8,
  parts: [],
  startedAt: 1,
};
const awsEntry: JournalEntry = { ...entry, endpointUrl: undefined, forcePathStyle: false, checksum: 'auto' };

describe('resolveResume', () => {
  it('defaults: the default state folder, no endpoint override, plain output', () => {
    expect(resolveResume([], { HOME: '/home/ada' })).toEqual({
      stateDir: { dir: resolve(defaultStateDir({ HOME: '/home/ada' })), explicit: false },
      override: {},
      waitNetwork: false,
      json: false,
      debug: false,
    });
  });

  it('--data-path: sdk or lean for the engine; anything else is a usage error naming the flag', () => {
    expect(resolveResume(['--data-path', 'sdk'], { HOME: '/home/ada' }).dataPath).toBe('sdk');
    expect(resolveResume(['--data-path', 'lean'], { HOME: '/home/ada' }).dataPath).toBe('lean');
    expect(() => resolveResume(['--data-path', 'fast'], { HOME: '/home/ada' })).toThrow(
      '--data-path must be lean or sdk (got "fast").',
    );
  });

  it('reads every option', () => {
    const plan = resolveResume(
      [
        '--state-dir',
        'st',
        '--endpoint-url',
        'http://10.0.0.5:9000',
        '--region',
        'us-west-2',
        '--no-path-style',
        '--wait-network',
        '--json',
        '--debug',
      ],
      {},
    );
    expect(plan).toEqual({
      stateDir: { dir: resolve('st'), explicit: true },
      override: { endpointUrl: 'http://10.0.0.5:9000', region: 'us-west-2', pathStyle: false },
      waitNetwork: true,
      json: true,
      debug: true,
    });
  });

  it.each([
    [['file.bin'], 'hoist resume takes no files or URLs (got "file.bin")'],
    [['--endpoint-url', ''], '--endpoint-url is empty.'],
    [['--endpoint-url', 'localhost:9000'], 'Endpoint URL "localhost:9000" must start with http:// or https://.'],
    [['--state-dir', ''], '--state-dir is empty.'],
    [['--concurrency', '2'], 'Unknown option --concurrency.'],
    [['--endpoint-url', 'http://alice:hunter2@h:9000'], 'Endpoint URL http://h:9000 holds a user name or password'],
    [['--from-endpoint', 'http://h:9000'], '--from-endpoint needs --endpoint-url'],
    [['--endpoint-url', 'http://n:9000', '--from-endpoint', ''], '--from-endpoint is empty.'],
    [
      ['--endpoint-url', 'http://n:9000', '--from-endpoint', 'h:9000'],
      '--from-endpoint: Endpoint URL "h:9000" must start with http:// or https://.',
    ],
  ])('refuses %j', (argv, message) => {
    expect(() => resolveResume(argv, {})).toThrow(message);
  });
});

describe('targetFor', () => {
  it("keeps the journal's endpoint, region, style and checksum; credentials from the standard chain", () => {
    expect(targetFor(entry, {})).toEqual({
      endpointUrl: 'http://127.0.0.1:9000',
      region: 'eu-west-3',
      forcePathStyle: true,
      checksum: 'off',
      credentials: undefined,
      bucket: 'b',
      prefix: '',
    });
  });

  it('lets the command line move the upload to another server or region', () => {
    expect(targetFor(entry, { endpointUrl: 'http://10.0.0.5:9000', region: 'us-east-1' })).toMatchObject({
      endpointUrl: 'http://10.0.0.5:9000',
      region: 'us-east-1',
      forcePathStyle: true,
    });
    expect(targetFor(entry, { pathStyle: false }).forcePathStyle).toBe(false);
  });

  it('gives an AWS upload sent to another endpoint path-style, as cp would, unless told otherwise', () => {
    expect(targetFor(awsEntry, {}).forcePathStyle).toBe(false);
    expect(targetFor(awsEntry, { endpointUrl: 'http://127.0.0.1:9000' }).forcePathStyle).toBe(true);
    expect(targetFor(awsEntry, { endpointUrl: 'http://127.0.0.1:9000', pathStyle: false }).forcePathStyle).toBe(false);
  });

  it('keeps the app profile that started the upload', () => {
    expect(targetFor({ ...entry, profileId: 'p1' }, {}).profileId).toBe('p1');
  });

  it('sends an entry an older Hoist journaled with user:password in its URL to that URL without them', () => {
    const old = { ...entry, endpointUrl: 'http://alice:hunter2@127.0.0.1:9000' };
    expect(targetFor(old, {}).endpointUrl).toBe('http://127.0.0.1:9000');
    expect(endpointUrlFor(old, {})).toBe('http://127.0.0.1:9000');
    expect(endpointUrlFor(old, { endpointUrl: 'http://10.0.0.5:9000' })).toBe('http://10.0.0.5:9000');
  });

  it("keeps the journal's object options, parts per file and speed limit; --speed-limit replaces the limit", () => {
    const objectOptions = { ...DEFAULT_OBJECT_OPTIONS, cacheControl: 'no-cache', tags: [{ key: 'k', value: 'v' }] };
    const recorded = { ...entry, objectOptions, partsPerFile: 2, bytesPerSecond: 1024 * 1024 };
    expect(targetFor(recorded, {})).toMatchObject({ objectOptions, partsPerFile: 2, bytesPerSecond: 1024 * 1024 });
    const plan = resolveResume(['--speed-limit', '5MiB/s'], { HOME: '/home/ada' });
    expect(plan.override.bytesPerSecond).toBe(5 * 1024 * 1024);
    expect(targetFor(recorded, plan.override).bytesPerSecond).toBe(5 * 1024 * 1024);
    // An entry from before these were recorded: the engine's defaults, and no options (the default ones apply).
    const old = targetFor(entry, {});
    expect(old.objectOptions).toBeUndefined();
    expect(old.partsPerFile).toBeUndefined();
    expect(old.bytesPerSecond).toBeUndefined();
  });

  it('refuses a --speed-limit that is not a rate, naming it', () => {
    expect(() => resolveResume(['--speed-limit', 'fast'], {})).toThrow(
      '--speed-limit "fast" is not a rate of 1KiB/s or more.',
    );
  });
});

describe('chooseEntries', () => {
  const state = { dir: '/st', explicit: true };
  const at = (uploadId: string, endpointUrl: string | undefined, region = 'us-east-1'): JournalEntry => ({
    ...entry,
    uploadId,
    endpointUrl,
    region,
  });
  const moved = { override: { endpointUrl: 'http://new:9000' }, stateDir: state };

  it('with one recorded endpoint (credentials and a trailing slash aside), --endpoint-url takes every upload, as before', () => {
    const entries = [at('1', 'http://old:9000'), at('2', 'http://alice:pw@old:9000/'), at('3', 'http://OLD:9000')];
    expect(chooseEntries(entries, moved)).toEqual({ resumed: entries, left: [] });
    const aws = [at('1', undefined), at('2', undefined)];
    expect(chooseEntries(aws, moved)).toEqual({ resumed: aws, left: [] });
  });

  it('without --endpoint-url, every upload goes back where it was started, whatever the endpoints', () => {
    const entries = [at('1', 'http://a:9000'), at('2', undefined)];
    expect(chooseEntries(entries, { override: {}, stateDir: state })).toEqual({ resumed: entries, left: [] });
  });

  it('refuses --endpoint-url over uploads started on different endpoints, naming each and its count, and what to do', () => {
    const entries = [at('1', 'http://a:9000'), at('2', 'http://b:9000'), at('3', 'http://a:9000'), at('4', undefined)];
    expect(() => chooseEntries(entries, moved)).toThrow(
      'hoist resume --endpoint-url http://new:9000 would send every interrupted upload there, but they were started on 3 ' +
        'endpoints: 2 uploads on http://a:9000, 1 upload on http://b:9000, 1 upload on AWS S3 (us-east-1). An upload ' +
        'can only go on at the server it was started on. Add --from-endpoint OLD_URL to send only those started on ' +
        'OLD_URL to http://new:9000, or run `hoist resume --state-dir /st` without --endpoint-url to resume every ' +
        'upload where it was started.',
    );
  });

  it('tells AWS uploads apart by region, and never names the credentials an old entry holds', () => {
    const entries = [at('1', undefined, 'us-east-1'), at('2', undefined, 'eu-west-3')];
    expect(() => chooseEntries(entries, moved)).toThrow(
      '1 upload on AWS S3 (us-east-1), 1 upload on AWS S3 (eu-west-3)',
    );
    let message = '';
    try {
      chooseEntries([at('1', 'http://alice:hunter2@a:9000'), at('2', 'http://b:9000')], moved);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('1 upload on http://a:9000, 1 upload on http://b:9000');
    expect(message).not.toMatch(/alice|hunter2/);
  });

  it('--from-endpoint moves only the uploads started there and leaves the others, with the line that says so', () => {
    const entries = [at('1', 'http://a:9000'), at('2', 'http://b:9000'), at('3', 'http://a:9000'), at('4', undefined)];
    const chosen = chooseEntries(entries, { ...moved, fromEndpoint: 'http://a:9000/' });
    expect(chosen.resumed.map((e) => e.uploadId)).toEqual(['1', '3']);
    expect(chosen.left.map((e) => e.uploadId)).toEqual(['2', '4']);
    expect(leftBehindLine(chosen.left, state)).toBe(
      'hoist: 2 uploads left in the journal for another run, as they were not started on --from-endpoint: 1 on ' +
        'http://b:9000, 1 on AWS S3 (us-east-1). Run `hoist resume --state-dir /st` to resume them where they were started.',
    );
    expect(chooseEntries(entries.slice(0, 1), { ...moved, fromEndpoint: 'http://a:9000' }).left).toEqual([]);
  });

  it('refuses a --from-endpoint that matches no upload, naming the endpoints the journal holds', () => {
    const entries = [at('1', 'http://a:9000'), at('2', undefined)];
    expect(() => chooseEntries(entries, { ...moved, fromEndpoint: 'http://c:9000' })).toThrow(
      '--from-endpoint http://c:9000 matches no interrupted upload; the journal holds 1 upload on http://a:9000, ' +
        '1 upload on AWS S3 (us-east-1). Give the URL of one of these (uploads started on AWS S3 itself have none: ' +
        '`hoist resume --state-dir /st` without --endpoint-url resumes them there).',
    );
  });

  it('with --from-endpoint, the uploads at the new URL go too; without it, they count as one more endpoint', () => {
    // After a paused run moved uploads from old to new: the ones it started are recorded at new, the rest at old.
    const entries = [at('1', 'http://old:9000'), at('2', 'http://new:9000/'), at('3', 'http://old:9000')];
    const chosen = chooseEntries(entries, { ...moved, fromEndpoint: 'http://old:9000' });
    expect(chosen).toEqual({ resumed: entries, left: [] });
    // Uploads started at new beside one started on AWS S3: nothing tells them from moved ones, and the AWS one must
    // never go to new.
    expect(() => chooseEntries([at('1', 'http://new:9000'), at('2', undefined)], moved)).toThrow(
      'started on 2 endpoints: 1 upload on http://new:9000, 1 upload on AWS S3 (us-east-1)',
    );
    const mixed = [...entries, at('4', 'http://b:9000')];
    const some = chooseEntries(mixed, { ...moved, fromEndpoint: 'http://old:9000' });
    expect(some.resumed.map((e) => e.uploadId)).toEqual(['1', '2', '3']);
    expect(some.left.map((e) => e.uploadId)).toEqual(['4']);
  });

  it('the command that goes on after a pause repeats the place flags, and names the endpoint the uploads came from', () => {
    const override = {
      endpointUrl: 'http://new:9000',
      region: 'eu-west-3',
      caBundle: '/ca dir/ca.pem',
      pathStyle: true,
    };
    // Moved from one other endpoint: named, so that the next run takes both the moved and the unmoved ones.
    expect(resumeHint({ override, stateDir: state }, [at('1', 'http://old:9000/'), at('2', 'http://new:9000')])).toBe(
      "hoist resume --endpoint-url http://new:9000 --region eu-west-3 --path-style --ca-bundle '/ca dir/ca.pem' " +
        '--state-dir /st --from-endpoint http://old:9000/',
    );
    // Nothing moved (every upload was at the new URL already), or from AWS S3 itself (no URL to name): no --from-endpoint.
    expect(resumeHint({ ...moved }, [at('1', 'http://new:9000')])).toBe(
      'hoist resume --endpoint-url http://new:9000 --state-dir /st',
    );
    expect(resumeHint({ ...moved }, [at('1', undefined)])).toBe(
      'hoist resume --endpoint-url http://new:9000 --state-dir /st',
    );
    expect(resumeHint({ ...moved, fromEndpoint: 'http://old:9000' })).toBe(
      'hoist resume --endpoint-url http://new:9000 --state-dir /st --from-endpoint http://old:9000',
    );
    expect(resumeHint({ override: {}, stateDir: { dir: '/home/u/.local/state/hoist', explicit: false } })).toBe(
      'hoist resume',
    );
  });
});
