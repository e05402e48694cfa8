// Finds (or builds, once) a Python interpreter that has moto's server, boto3 and the AWS CLI.
//
// Order: $HOIST_MOTO_PYTHON (set by the global setup so test workers skip the probe), then `python3` on the PATH
// if it already imports everything, then a venv in <repo>/.cache/moto-venv (created with pip on first use).
// HOIST_MOTO_VENV=1 skips the PATH python and always uses the venv.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const venvDir = join(repoRoot, '.cache', 'moto-venv');

const MODULES = 'moto.server, boto3, awscli';
const PIP_PACKAGES = ['moto[server]', 'boto3', 'awscli'];
const INSTALL_HINT = 'Install Python 3 with venv support, e.g. `apt-get install python3 python3-venv` (Debian/Ubuntu).';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The spawn itself failed (e.g. ENOENT: the program does not exist). */
  spawnError?: NodeJS.ErrnoException;
}

/** Runs a program to completion, collecting its output. Never rejects. */
export function run(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; input?: Buffer | string; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      env: opts.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: opts.timeoutMs,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => {}); // the program may exit without reading its input
    child.stdin.end(opts.input ?? '');
    let spawnError: NodeJS.ErrnoException | undefined;
    child.on('error', (e: NodeJS.ErrnoException) => (spawnError = e));
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        spawnError,
      }),
    );
  });
}

/** Returns the real interpreter path (resolving shims such as pyenv's) if `python` imports everything, else null. */
async function probe(python: string): Promise<{ exe: string | null; missing: boolean }> {
  const r = await run(python, ['-c', `import ${MODULES}, sys; print(sys.executable)`], { timeoutMs: 120_000 });
  if (r.spawnError) return { exe: null, missing: r.spawnError.code === 'ENOENT' };
  const exe = r.stdout.trim().split('\n').pop();
  return { exe: r.code === 0 && exe ? exe : null, missing: false };
}

function venvPython(dir: string): string {
  return process.platform === 'win32' ? join(dir, 'Scripts', 'python.exe') : join(dir, 'bin', 'python');
}

async function buildVenv(basePython: string): Promise<string> {
  // Build in a private directory and rename it into place, so two processes racing here cannot see a half-built venv.
  // A venv survives the rename as long as we only ever run `<venv>/bin/python -m ...` (script shebangs would not).
  const tmp = `${venvDir}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(join(repoRoot, '.cache'), { recursive: true });
  process.stderr.write(`[harness] creating ${venvDir} and installing ${PIP_PACKAGES.join(' ')} (one-time)...\n`);
  try {
    const mk = await run(basePython, ['-m', 'venv', tmp], { timeoutMs: 300_000 });
    if (mk.code !== 0) throw new Error(`\`${basePython} -m venv\` failed. ${INSTALL_HINT}\n${mk.stderr}${mk.stdout}`);
    const pip = await run(
      venvPython(tmp),
      ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '-q', ...PIP_PACKAGES],
      { timeoutMs: 900_000 },
    );
    if (pip.code !== 0) throw new Error(`pip install ${PIP_PACKAGES.join(' ')} failed:\n${pip.stderr.slice(-4000)}`);
    if (!(await probe(venvPython(tmp))).exe) throw new Error(`the new venv cannot import ${MODULES}`);
    if (existsSync(venvDir) && !(await probe(venvPython(venvDir))).exe)
      await rm(venvDir, { recursive: true, force: true });
    try {
      await rename(tmp, venvDir);
    } catch {
      // Another process finished first: use theirs.
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  if (!(await probe(venvPython(venvDir))).exe) throw new Error(`${venvDir} exists but cannot import ${MODULES}`);
  return venvPython(venvDir);
}

async function resolvePython(): Promise<string> {
  const fromEnv = process.env.HOIST_MOTO_PYTHON;
  if (fromEnv) return fromEnv;
  const base = process.platform === 'win32' ? 'python' : 'python3';
  const sys = await probe(base);
  if (sys.missing)
    throw new Error(`python3 was not found on the PATH; the S3 test server (moto) needs it. ${INSTALL_HINT}`);
  if (sys.exe && process.env.HOIST_MOTO_VENV !== '1') return sys.exe;
  if (existsSync(venvPython(venvDir)) && (await probe(venvPython(venvDir))).exe) return venvPython(venvDir);
  return buildVenv(base);
}

let cached: Promise<string> | undefined;

/** The Python executable that runs moto and the boto3/AWS CLI checkers. Resolved once per process. */
export function motoPython(): Promise<string> {
  cached ??= resolvePython().catch((e: unknown) => {
    cached = undefined;
    throw e;
  });
  return cached;
}
