import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultStateDir, type JournalEntry } from '../engine';
import { DEFAULT_OBJECT_OPTIONS } from '../shared/object-options';
import { endpointUrlFor, resolveResume, targetFor } from './resume-options';

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
