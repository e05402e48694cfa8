// Local files for the CLI tests, on top of the harness fixtures: a temp folder that the unprivileged user "nobody"
// can read too (the permission tests drop root), and files with their SHA-256.
import { chmod, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { cleanupTempDirs as cleanupHarnessDirs, makeFile, makeTempDir, sha256File } from '../harness/fixtures';
import { cleanupStateHomes } from './run-hoist';

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

export { sha256File } from '../harness/fixtures';

/** Removes this process's temp folders, and the state folders the CLI was given (see stateHome in run-hoist.ts). */
export async function cleanupTempDirs(): Promise<void> {
  await Promise.all([cleanupHarnessDirs(), cleanupStateHomes()]);
}

/** A fresh folder, mode 755. */
export async function tempDir(label: string): Promise<string> {
  const dir = await makeTempDir(`hoist-cli-${label}-`);
  await chmod(dir, 0o755);
  return dir;
}

let seed = 100;

/** Writes `size` pseudo-random bytes (a new seed each call) to `path` and returns their SHA-256. */
export async function randomFile(path: string, size: number): Promise<string> {
  await mkdir(dirname(path), { recursive: true, mode: 0o755 });
  await makeFile(dirname(path), path.slice(dirname(path).length + 1), size, seed++);
  return sha256File(path);
}
