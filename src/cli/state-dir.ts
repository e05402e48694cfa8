// --state-dir: where the journal of unfinished multipart uploads lives, so that `hoist resume` can continue them
// after a crash or a kill. Shared by cp (which writes it), resume (which reads it) and incomplete (which marks and
// forgets the uploads Hoist started).
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { defaultStateDir } from '../engine';
import { UsageError, type OptionSpecs } from './args';
import { safeText } from './format';
import type { Output } from './report';

export const STATE_DIR_OPTIONS: OptionSpecs = {
  'state-dir': { type: 'string' },
};

export interface StateDir {
  /** Absolute, so that the journal found does not depend on the working folder. */
  dir: string;
  /** Given with --state-dir, rather than the default. */
  explicit: boolean;
}

export function stateDirFrom(
  values: Record<string, string | boolean | undefined>,
  env: NodeJS.ProcessEnv,
  command: string,
): StateDir {
  const given = values['state-dir'] as string | undefined;
  if (given === undefined) return { dir: resolve(defaultStateDir(env)), explicit: false };
  if (!given.trim())
    throw new UsageError('--state-dir is empty. Give a folder, as in --state-dir ~/.local/state/hoist.', command);
  return { dir: resolve(given), explicit: true };
}

/**
 * Makes sure the journal can be written before any upload starts, since an upload whose journal cannot be written
 * fails. A --state-dir the user named must work (exit 2 otherwise); when the default cannot be used (say, a read-only
 * home), uploads still go, without the journal, and one line says so.
 */
export async function prepareStateDir(state: StateDir, command: string, err: Output): Promise<string | undefined> {
  const uploads = join(state.dir, 'uploads');
  try {
    await mkdir(uploads, { recursive: true });
    await access(uploads, constants.W_OK);
    return state.dir;
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? 'error';
    if (state.explicit)
      throw new UsageError(
        `--state-dir "${state.dir}" cannot be written (${why}). Give a folder you can write to.`,
        command,
      );
    err.write(
      `hoist: note: cannot keep the upload journal in ${safeText(state.dir)} (${safeText(why)}), so interrupted uploads cannot be resumed. Use --state-dir to choose a folder.\n`,
    );
    return undefined;
  }
}

/** The resume command to suggest: with --state-dir when one was named. */
export function resumeCommand(state: StateDir): string {
  return state.explicit ? `hoist resume --state-dir ${shellQuote(state.dir)}` : 'hoist resume';
}

export function shellQuote(text: string): string {
  return /^[\w./:@%+=,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
