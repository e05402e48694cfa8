// Runs the built `hoist` CLI (bin/hoist.cjs → out/cli/hoist.mjs) as a child process, the way a user would.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const hoistBin = fileURLToPath(new URL('../../bin/hoist.cjs', import.meta.url));

export interface HoistResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface HoistOptions {
  /** Run as the unprivileged user "nobody", so that file permissions apply even when the tests run as root. */
  asNobody?: boolean;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  cwd?: string;
}

/** Builds out/cli/hoist.mjs with the project's own build script. */
export function buildCli(): void {
  const r = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node scripts/build-cli.mjs failed (${r.status}):\n${r.stderr}${r.stdout}`);
}

const stateHomes = new Map<'self' | 'nobody', string>();

/**
 * The XDG_STATE_HOME the CLI gets, one per test process: the journal that cp keeps by default must not land in the
 * developer's home. The unprivileged user gets its own, writable by it, since it cannot write into root's.
 */
export function stateHome(forNobody = false): string {
  const who = forNobody ? 'nobody' : 'self';
  let dir = stateHomes.get(who);
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), `hoist-cli-state-${who}-`));
    if (forNobody) chmodSync(dir, 0o777);
    stateHomes.set(who, dir);
  }
  return dir;
}

/** Removes the state folders made by stateHome(); called by cleanupTempDirs() in files.ts. */
export async function cleanupStateHomes(): Promise<void> {
  const dirs = [...stateHomes.values()];
  stateHomes.clear();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
}

/** The environment the CLI runs with: the test credentials, and nothing from the developer's own AWS setup. */
export function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    XDG_STATE_HOME: stateHome(),
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
  return env;
}

let dropRoot: { prefix: string[] } | { skip: string } | undefined;

/**
 * How to run the CLI as the unprivileged user "nobody" when the tests run as root (root reads any file, so
 * permission errors could not happen), or why we cannot. Checked once: the tool exists, and nobody can run the CLI.
 */
export function dropRootPrefix(): { prefix: string[] } | { skip: string } {
  dropRoot ??= findDropRoot();
  return dropRoot;
}

function findDropRoot(): { prefix: string[] } | { skip: string } {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return { prefix: [] };
  const candidates = [
    ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'],
    ['runuser', '-u', 'nobody', '--'],
  ];
  const tool = candidates.find((c) => spawnSync(c[0]!, ['--help']).status === 0);
  if (!tool)
    return {
      skip: 'the tests run as root and neither setpriv nor runuser is available to drop privileges, so file permissions cannot be tested',
    };
  const probe = spawnSync(tool[0]!, [...tool.slice(1), process.execPath, hoistBin, '--version'], {
    cwd: '/',
    encoding: 'utf8',
  });
  if (probe.status !== 0) {
    return {
      skip: `the user "nobody" cannot run ${hoistBin} (${(probe.stderr || probe.error?.message || '').trim().split('\n')[0]}); make the repository and node readable by others to run this test`,
    };
  }
  return { prefix: tool };
}

export function spawnHoist(args: string[], opts: HoistOptions = {}): ChildProcess {
  let cmd = process.execPath;
  let argv = [hoistBin, ...args];
  let env = opts.env;
  if (opts.asNobody) {
    env = { XDG_STATE_HOME: stateHome(true), ...opts.env };
    const drop = dropRootPrefix();
    if ('skip' in drop) throw new Error(drop.skip);
    if (drop.prefix.length) {
      cmd = drop.prefix[0]!;
      argv = [...drop.prefix.slice(1), process.execPath, hoistBin, ...args];
    }
  }
  return spawn(cmd, argv, { cwd: opts.cwd ?? repoRoot, env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}

export function hoist(args: string[], opts: HoistOptions = {}): Promise<HoistResult> {
  const started = performance.now();
  const child = spawnHoist(args, opts);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started });
    });
  });
}

export type JsonLine = Record<string, unknown> & { type: string };

/** Every stdout line as JSON; throws naming the line that is not. */
export function jsonLines(stdout: string): JsonLine[] {
  return stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => {
      try {
        return JSON.parse(l) as JsonLine;
      } catch {
        throw new Error(`stdout line is not JSON: ${l}`);
      }
    });
}

/** The error lines on stderr (each starts with "hoist: "). */
export function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('hoist: '));
}

export interface Stopped {
  lines: JsonLine[];
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The progress (bytes) of the last line seen when the signal was sent. */
  loadedAtSignal: number;
  /** ms from the signal to the exit. */
  exitMs: number;
}

/** Runs the CLI with --json and sends `signal` once a progress line reaches `atFraction` of the file. */
export async function stopAt(
  args: string[],
  atFraction: number,
  signal: NodeJS.Signals,
  opts: HoistOptions = {},
): Promise<Stopped> {
  const child = spawnHoist([...args, '--json'], opts);
  let out = '';
  let parsed = 0;
  let stderr = '';
  let loadedAtSignal = -1;
  let signalledAt = 0;
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  child.stdout!.setEncoding('utf8').on('data', (s: string) => {
    out += s;
    const complete = out.lastIndexOf('\n') + 1;
    const fresh = jsonLines(out.slice(parsed, complete));
    parsed = complete;
    if (loadedAtSignal >= 0) return;
    const last = fresh.filter((l) => l.type === 'progress').at(-1);
    if (last && (last.loaded as number) >= atFraction * (last.total as number)) {
      loadedAtSignal = last.loaded as number;
      signalledAt = performance.now();
      child.kill(signal);
    }
  });
  const [code, sig] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s])),
  );
  if (loadedAtSignal < 0) throw new Error(`never reached ${atFraction * 100}%; stderr: ${stderr}`);
  return { lines: jsonLines(out), stderr, code, signal: sig, loadedAtSignal, exitMs: performance.now() - signalledAt };
}
