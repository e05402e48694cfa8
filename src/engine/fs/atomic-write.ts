// Replacing a small state file so that a kill at any moment leaves either the old file or the new one, never half of
// one: the body goes to a temp file beside it, is fsynced, and is renamed over the file (rename is atomic within one
// folder). The journal and the history both keep their files this way.
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** The ending of every temp file this module writes, so that a reader can skip (or clear out) what a kill left. */
export const TEMP_SUFFIX = '.tmp';

let tempCounter = 0;

/** Writes `body` to `dir/name` atomically, creating `dir` if needed; the file is readable by its owner only. */
export async function writeFileAtomically(dir: string, name: string, body: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  // Unique per write, not per file: two writers on one state folder (two engines in one process, or a CLI beside the
  // app) must not write through the same temp file and rename it from under each other.
  const tmp = join(dir, `.${name}.${process.pid}.${++tempCounter}${TEMP_SUFFIX}`);
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(body);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, join(dir, name));
  } catch (err) {
    // The rename did not happen, so nobody else will ever use this temp file.
    await rm(tmp, { force: true });
    throw err;
  }
}
