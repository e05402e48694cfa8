// The top level: help, version, dispatch, and usage errors (exit 2, one line plus a --help hint). Nothing here
// reaches an engine: every case fails or answers before the first upload.
import { describe, expect, it } from 'vitest';
import { version } from '../../package.json';
import { COMMANDS, main } from './index';
import type { CliIo } from './report';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    env: {},
  };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('hoist', () => {
  it('prints its version', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, out: `${version}\n`, err: '' });
    expect((await run(['-V'])).out).toBe(`${version}\n`);
  });

  it('prints help on stdout for --help, and on stderr with exit 2 when run bare', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: hoist <command>');
    expect(help.out).toMatch(/^\s+cp\s+Upload files/m);
    const bare = await run([]);
    expect(bare.code).toBe(2);
    expect(bare.err).toContain('Usage: hoist <command>');
  });

  it('prints the cp help for "cp --help", "cp -h" and "help cp", even with other arguments', async () => {
    for (const argv of [
      ['cp', '--help'],
      ['cp', '-h'],
      ['help', 'cp'],
      ['cp', 'x', '--bogus', '--help'],
    ]) {
      const r = await run(argv);
      expect(r.code).toBe(0);
      expect(r.out).toContain('Usage: hoist cp <file|dir>... s3://bucket[/prefix/]');
      expect(r.out).toContain('--path-style');
    }
  });

  it.each([
    [
      ['upload', 'a', 's3://b'],
      'hoist: Unknown command "upload". Commands: cp, resume, incomplete, share, history, login.',
      'hoist --help',
    ],
    [['--json'], 'hoist: Unknown option --json.', 'hoist --help'],
    [['cp'], 'hoist: No files or target given.', 'hoist cp --help'],
    [['cp', 'a.txt'], 'hoist: Target "a.txt" is not an S3 URL.', 'hoist cp --help'],
    [['cp', 'a.txt', '/tmp/dest'], 'hoist: Target "/tmp/dest" is not an S3 URL.', 'hoist cp --help'],
    [
      ['cp', 'a.txt', 's3://b/', '--part-size', '1MiB'],
      "hoist: --part-size 1MiB is below S3's minimum part size of 5 MiB.",
      'hoist cp --help',
    ],
    [
      ['cp', 'a.txt', 's3://b/', '--endpoint-url', 'http//oops'],
      'hoist: Endpoint URL "http//oops" is not a valid URL.',
      'hoist cp --help',
    ],
    [
      ['cp', 'a.txt', 's3://b/', '--checksum', 'sha1'],
      'hoist: --checksum must be auto, crc32, md5 or off',
      'hoist cp --help',
    ],
    [['cp', 'a.txt', 's3://b/', '--files'], 'hoist: Option --files needs a value.', 'hoist cp --help'],
    [['resume', 'a.txt'], 'hoist: hoist resume takes no files or URLs (got "a.txt")', 'hoist resume --help'],
    [
      ['resume', '--endpoint-url', 'ftp://x'],
      'hoist: Endpoint URL "ftp://x" must start with http:// or https://.',
      'hoist resume --help',
    ],
    [['incomplete'], 'hoist: Say what to do: hoist incomplete ls', 'hoist incomplete --help'],
    [['incomplete', 'rm', 's3://b'], 'hoist: Unknown subcommand "rm". Use ls or abort.', 'hoist incomplete --help'],
    [['incomplete', 'ls', '/tmp/x'], 'hoist: "/tmp/x" is not an S3 URL.', 'hoist incomplete --help'],
    [
      ['incomplete', 'abort', 's3://b'],
      'hoist: Say which uploads to abort: --all, --older-than',
      'hoist incomplete --help',
    ],
    [
      ['incomplete', 'abort', 's3://b', '--all', '--upload-id', 'u'],
      'hoist: Give only one: --all, --older-than',
      'hoist incomplete --help',
    ],
    [
      ['incomplete', 'abort', 's3://b', '--older-than', '7 weeks'],
      'hoist: --older-than "7 weeks" is not a duration.',
      'hoist incomplete --help',
    ],
    [['incomplete', 'ls', 's3://b', '--all'], 'hoist: Unknown option --all.', 'hoist incomplete --help'],
    [['share'], 'hoist: No object given. Use: hoist share s3://bucket/key', 'hoist share --help'],
    [['share', 's3://b/folder/'], 'hoist: "s3://b/folder/" names no object', 'hoist share --help'],
    [['share', 'a.txt'], 'hoist: "a.txt" is not an S3 URL.', 'hoist share --help'],
    [
      ['share', 's3://b/k', '--expires', '8d'],
      'hoist: --expires 8d is too long: a signed S3 link works for 7 days (7d) at most.',
      'hoist share --help',
    ],
    [
      ['share', 's3://b/k', '--expires', '30m'],
      'hoist: --expires 30m is too short: give 1h or more',
      'hoist share --help',
    ],
    [['share', 's3://b/k', '--expires', 'soon'], 'hoist: --expires "soon" is not a duration.', 'hoist share --help'],
    [['history', '--limit', '0'], 'hoist: --limit "0" is not a whole number of 1 or more.', 'hoist history --help'],
    [['history', '--endpoint-url', 'http://x'], 'hoist: Unknown option --endpoint-url.', 'hoist history --help'],
  ])('exits 2 for %j with one line and a hint', async (argv, message, hint) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const lines = r.err.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(message);
    expect(lines[1]).toBe(`Run \`${hint}\` for usage.`);
  });

  it('prints the help of resume and incomplete, and lists them in the main help', async () => {
    const main = await run(['--help']);
    expect(main.out).toMatch(/^\s+resume\s+Continue interrupted uploads/m);
    expect(main.out).toMatch(/^\s+incomplete\s+List or abort/m);
    for (const argv of [
      ['resume', '--help'],
      ['help', 'resume'],
      ['resume', 'x', '-h'],
    ]) {
      const r = await run(argv);
      expect(r.code).toBe(0);
      expect(r.out).toContain('Usage: hoist resume [options]');
      expect(r.out).toContain('Ctrl-C (or SIGTERM) PAUSES');
    }
    for (const argv of [
      ['incomplete', '--help'],
      ['incomplete', 'abort', '-h'],
      ['help', 'incomplete'],
    ]) {
      const r = await run(argv);
      expect(r.code).toBe(0);
      expect(r.out).toContain(
        'hoist incomplete abort s3://bucket[/prefix] (--all | --older-than AGE | --upload-id ID)',
      );
      expect(r.out).toContain('AbortIncompleteMultipartUpload');
    }
  });

  it('prints the help of share and history, and lists them in the main help', async () => {
    const main = await run(['--help']);
    expect(main.out).toMatch(/^\s+share\s+print a link that downloads an object/m);
    expect(main.out).toMatch(/^\s+history\s+list finished uploads/m);
    const share = await run(['share', '--help']);
    expect(share.code).toBe(0);
    expect(share.out).toContain('Usage: hoist share s3://bucket/key [options]');
    expect(share.out).toContain('--expires TIME');
    const history = await run(['help', 'history']);
    expect(history.code).toBe(0);
    expect(history.out).toContain('Usage: hoist history [SEARCH...] [options]');
    expect(history.out).toContain('10,000');
    const login = await run(['help', 'login']);
    expect(login.code).toBe(0);
    expect(login.out).toContain('Usage: hoist login [--profile NAME] [--no-browser]');
    expect((await run(['--help'])).out).toMatch(/^\s+login\s+sign in to an AWS SSO/m);
  });

  it('refuses hoist login with arguments, or an empty --profile, as usage errors', async () => {
    const extra = await run(['login', 'dev']);
    expect(extra.code).toBe(2);
    expect(extra.err).toContain('hoist login takes no arguments (got "dev"); use --profile NAME.');
    expect(extra.err).toContain('hoist login --help');
    const empty = await run(['login', '--profile', ' ']);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('--profile is empty');
  });

  it('accepts --debug before the command', async () => {
    const r = await run(['--debug', 'cp', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: hoist cp');
  });

  it('turns an unexpected exception into one line, exit 1, with the stack only under --debug', async () => {
    COMMANDS.boom = {
      summary: 'test only',
      help: '',
      run: async () => {
        throw new Error('kaput\nmore detail');
      },
    };
    try {
      expect(await run(['boom'])).toEqual({ code: 1, out: '', err: 'hoist: kaput\n' });
      const debug = await run(['boom', '--debug']);
      expect(debug.code).toBe(1);
      expect(debug.err).toMatch(/^hoist: kaput\nError: kaput\nmore detail\n\s+at /);
    } finally {
      delete COMMANDS.boom;
    }
  });

  it('does not echo user:password from a URL in a usage error, nor a control character from what was typed', async () => {
    const misplaced = await run(['cp', 'a.txt', 'http://alice:hunter2@host/bucket/']);
    expect(misplaced.code).toBe(2);
    expect(misplaced.err).not.toMatch(/hunter2|alice/);
    expect(misplaced.err).toContain('"http://…@host/bucket/"');
    const odd = await run(['cp', 'a.txt', 'bucket\x1b[2J\nhoist: forged']);
    expect(odd.code).toBe(2);
    expect(odd.err).not.toMatch(/[\x00-\x09\x0b-\x1f]/);
    expect(odd.err.split('\n')[0]).toContain('bucket\\x1b[2J\\x0ahoist: forged');
  });
});
