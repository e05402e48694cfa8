import { describe, expect, it } from 'vitest';
import { parseArgs, parseCount, UsageError, type OptionSpecs } from './args';

const specs: OptionSpecs = {
  region: { type: 'string' },
  json: { type: 'boolean' },
  'path-style': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

describe('parseArgs', () => {
  it('reads values, booleans and positionals in any order', () => {
    expect(parseArgs(['a', '--region', 'eu-west-1', 'b', '--json'], specs)).toEqual({
      positionals: ['a', 'b'],
      values: { region: 'eu-west-1', json: true },
      repeated: {},
    });
  });
  it('reads --name=value, --no-<boolean> and -h', () => {
    expect(parseArgs(['--region=us-west-2', '--no-path-style', '-h'], specs).values).toEqual({
      region: 'us-west-2',
      'path-style': false,
      help: true,
    });
  });
  it('lets the last of a repeated option win', () => {
    expect(parseArgs(['--region', 'a', '--region', 'b'], specs).values.region).toBe('b');
  });
  it('takes everything after -- as positionals', () => {
    expect(parseArgs(['--', '--json', '-h'], specs)).toEqual({
      positionals: ['--json', '-h'],
      values: {},
      repeated: {},
    });
  });
  it('keeps a lone "-" as a positional', () => {
    expect(parseArgs(['-'], specs).positionals).toEqual(['-']);
  });
  it('refuses unknown options, missing values and values on booleans', () => {
    expect(() => parseArgs(['--bogus'], specs, 'cp')).toThrow('Unknown option --bogus.');
    expect(() => parseArgs(['-x'], specs)).toThrow('Unknown option -x.');
    expect(() => parseArgs(['--region'], specs)).toThrow('Option --region needs a value.');
    expect(() => parseArgs(['--region', '--json'], specs)).toThrow('Option --region needs a value.');
    expect(() => parseArgs(['--json=yes'], specs)).toThrow('Option --json takes no value (got "yes").');
    expect(() => parseArgs(['--no-region'], specs)).toThrow('Unknown option --no-region.');
  });
  it('remembers the command for the --help hint', () => {
    try {
      parseArgs(['--bogus'], specs, 'cp');
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError);
      expect((err as UsageError).command).toBe('cp');
    }
  });
});

describe('parseCount', () => {
  it('accepts whole numbers in range', () => {
    expect(parseCount('4', 'files', 1, 10)).toBe(4);
  });
  it.each(['0', '11', '-1', '2.5', 'four', ''])('refuses %j', (raw) => {
    expect(() => parseCount(raw, 'files', 1, 10)).toThrow(
      `--files must be a whole number from 1 to 10 (got "${raw}").`,
    );
  });
});

describe('repeatable options', () => {
  it('keeps every value of a multiple option in order, and the last in values', () => {
    const specs = { tag: { type: 'string', multiple: true }, name: { type: 'string' } } as const;
    const parsed = parseArgs(['--tag', 'a=1', '--tag=b=2', '--name', 'x', '--name', 'y', 'file'], specs);
    expect(parsed.repeated).toEqual({ tag: ['a=1', 'b=2'] });
    expect(parsed.values['tag']).toBe('b=2');
    expect(parsed.values['name']).toBe('y');
    expect(parsed.positionals).toEqual(['file']);
  });
});
