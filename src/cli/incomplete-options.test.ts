import { describe, expect, it } from 'vitest';
import { resolveIncomplete, selects, type Selection } from './incomplete-options';

const DAY = 86_400_000;

describe('resolveIncomplete', () => {
  it('ls: the bucket, the prefix (or the whole bucket), the endpoint as cp would make it', () => {
    const plan = resolveIncomplete(['ls', 's3://b/photos/', '--endpoint-url', 'http://127.0.0.1:9000', '--json'], {
      AWS_REGION: 'eu-west-1',
    });
    expect(plan).toMatchObject({
      action: 'ls',
      bucket: 'b',
      prefix: 'photos/',
      json: true,
      debug: false,
      endpoint: {
        endpointUrl: 'http://127.0.0.1:9000',
        region: 'eu-west-1',
        forcePathStyle: true,
        checksum: 'auto',
        credentials: undefined,
      },
    });
    expect(plan.selection).toBeUndefined();
    expect(resolveIncomplete(['ls', 's3://b'], {})).toMatchObject({
      bucket: 'b',
      prefix: '',
      endpoint: { region: 'us-east-1', forcePathStyle: false },
    });
  });

  it('abort: exactly one of --all, --older-than and --upload-id', () => {
    expect(resolveIncomplete(['abort', 's3://b', '--all'], {}).selection).toEqual({ kind: 'all' });
    expect(resolveIncomplete(['abort', 's3://b/x', '--older-than', '7d'], {}).selection).toEqual({
      kind: 'older-than',
      ms: 7 * DAY,
      text: '7d',
    });
    expect(resolveIncomplete(['abort', '--upload-id=abc', 's3://b/x/key.bin'], {})).toMatchObject({
      prefix: 'x/key.bin',
      selection: { kind: 'upload-id', uploadId: 'abc' },
    });
  });

  it.each([
    [[], 'Say what to do'],
    [['list', 's3://b'], 'Unknown subcommand "list". Use ls or abort.'],
    [['ls'], 'No bucket given. Use: hoist incomplete ls s3://bucket[/prefix]'],
    [['ls', 's3://a', 's3://b'], 'Give one s3://bucket[/prefix] (got 2 arguments).'],
    [['ls', 'bucket/prefix'], '"bucket/prefix" is not an S3 URL.'],
    [['ls', 's3:///x'], 'names no bucket'],
    [['ls', 's3://b', '--older-than', '7d'], 'Unknown option --older-than.'],
    [['abort', 's3://b'], 'Say which uploads to abort: --all, --older-than DURATION (e.g. 7d) or --upload-id ID.'],
    [['abort', 's3://b', '--all', '--older-than', '7d'], 'Give only one: --all'],
    [['abort', 's3://b', '--older-than', '7'], '--older-than "7" is not a duration.'],
    [['abort', 's3://b', '--older-than', 'a week'], '--older-than "a week" is not a duration.'],
    [['abort', 's3://b', '--upload-id', ' '], '--upload-id is empty.'],
    [['abort', 's3://b', '--upload-id'], 'Option --upload-id needs a value.'],
    [['abort', 's3://b', '--all', '--endpoint-url', 'nope'], 'Endpoint URL "nope" is not a valid URL.'],
    [
      ['ls', 's3://b', '--endpoint-url', 'http://alice:hunter2@h:9000'],
      'Endpoint URL http://h:9000 holds a user name or password',
    ],
  ])('refuses %j (usage error, for `hoist incomplete --help`)', (argv, message) => {
    try {
      resolveIncomplete(argv, {});
      expect.unreachable();
    } catch (err) {
      expect((err as Error).name).toBe('UsageError');
      expect((err as Error).message).toContain(message);
      expect((err as { command?: string }).command).toBe('incomplete');
    }
  });
});

describe('selects', () => {
  const now = Date.parse('2025-06-10T12:00:00Z');
  const upload = (initiated: string) => ({ uploadId: 'u1', initiated });
  it('--all takes everything', () => {
    expect(selects({ kind: 'all' }, upload(''), now)).toBe(true);
  });
  it('--upload-id takes that one', () => {
    expect(selects({ kind: 'upload-id', uploadId: 'u1' }, upload(''), now)).toBe(true);
    expect(selects({ kind: 'upload-id', uploadId: 'u2' }, upload(''), now)).toBe(false);
  });
  it('--older-than compares the initiation time, and never takes an upload of unknown age', () => {
    const week: Selection = { kind: 'older-than', ms: 7 * DAY, text: '7d' };
    expect(selects(week, upload('2025-06-01T12:00:00Z'), now)).toBe(true);
    expect(selects(week, upload('2025-06-05T12:00:00Z'), now)).toBe(false);
    expect(selects(week, upload('2010-11-10T20:48:33.000Z'), now)).toBe(true);
    expect(selects(week, upload(''), now)).toBe(false);
  });
});
