// Local files for the CLI tests, on top of the harness fixtures: a temp folder that the unprivileged user "nobody"
// can read too (the permission tests drop root), and files with their SHA-256.
import { chmod, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { makeFile, makeTempDir, sha256File } from '../harness/fixtures';

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

export { cleanupTempDirs, sha256File } from '../harness/fixtures';

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
