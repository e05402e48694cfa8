// The bench's small steps that touch the machine: looking up a command, measuring one tool's run, making a sparse file.
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../harness/python';
import type { Sample } from './report';

export function has(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Runs cmd under test/bench/measure.py, which reports its wall time, CPU (children included) and peak RSS. */
export async function measure(python: string, cmd: string[], env: NodeJS.ProcessEnv): Promise<Sample> {
  const out = join(repoRoot, '.cache', `measure-${process.pid}.json`);
  await mkdir(join(repoRoot, '.cache'), { recursive: true });
  // Not execFileSync: the sink servers of the sparse and keep-alive workloads live in this process and must keep answering.
  await new Promise<void>((resolve, reject) => {
    const child = spawn(python, [join(repoRoot, 'test', 'bench', 'measure.py'), out, '--', ...cmd], {
      env,
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('close', () => resolve());
  });
  const result = JSON.parse(await readFile(out, 'utf8'));
  await rm(out, { force: true });
  return result;
}

export async function sparseFile(path: string, size: number): Promise<string> {
  const fh = await open(path, 'w');
  try {
    await fh.truncate(size);
  } finally {
    await fh.close();
  }
  return path;
}
