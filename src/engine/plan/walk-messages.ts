// What the walk (expand-sources.ts) tells the user about what it did not add: a problem for what could not be added,
// the reason for what was skipped on purpose. Each names the path as the user sees it, made printable (keys.ts), and
// says what to do where there is something to do. The sentences are the dictionary's (shared/i18n/engine-errors.ts),
// worded in English and sent with their key and values, so that the window shows them in its own language.
import type { MessagePart } from '../../shared/upload-state';
import { worded, type EngineMessageKey } from '../s3/error-messages';
import type { SkippedEntry, SourceProblem } from './expand-sources';
import { printable } from './keys';
import { digitGroups } from '../../shared/digit-groups';

/** Why an entry was skipped: the sentence's key and its values other than the path, which skipped() adds. */
export interface SkipReason {
  key: EngineMessageKey;
  params: MessagePart['params'];
}

const reason = (key: EngineMessageKey, params: MessagePart['params'] = {}): SkipReason => ({ key, params });

export const skipWhy = {
  symlink: reason('engineError.skip.symlink'),
  loopBack: (real: string): SkipReason => reason('engineError.skip.loopBack', { real: printable(real) }),
  repeat: (real: string): SkipReason => reason('engineError.skip.repeat', { real: printable(real) }),
  selfLoop: reason('engineError.skip.selfLoop'),
  broken: reason('engineError.skip.broken'),
  outside: (target: string): SkipReason => reason('engineError.skip.outside', { target: printable(target) }),
  fifo: reason('engineError.skip.fifo'),
  socket: reason('engineError.skip.socket'),
  device: reason('engineError.skip.device'),
};

export function skipped(path: string, code: SkippedEntry['code'], why: SkipReason): SkippedEntry {
  return { path, code, ...worded(why.key, { path: printable(path), ...why.params }) };
}

export function notAFileProblem(path: string): SourceProblem {
  return { path, code: 'NotAFile', ...worded('engineError.walk.notAFile', { path: printable(path) }) };
}

export function tooManyFilesProblem(path: string, maxFiles: number): SourceProblem {
  const cap = digitGroups(maxFiles);
  return { path, code: 'TooManyFiles', ...worded('engineError.walk.tooManyFiles', { path: printable(path), cap }) };
}

export function forbiddenProblem(path: string, root: string): SourceProblem {
  const params = { path: printable(path), root: printable(root) };
  return { path, code: 'Forbidden', ...worded('engineError.walk.forbidden', params) };
}

/** The problem with a path that could not be read, by the error's code. */
export function problemFor(path: string, err: NodeJS.ErrnoException): SourceProblem {
  const shown = printable(path);
  switch (err.code) {
    case 'ENOENT':
      return { path, code: 'FileMissing', ...worded('engineError.walk.missing', { path: shown }) };
    case 'EACCES':
    case 'EPERM':
      return { path, code: 'FileUnreadable', ...worded('engineError.walk.unreadable', { path: shown }) };
    case 'ELOOP':
      return { path, code: 'SymlinkLoop', ...worded('engineError.walk.loop', { path: shown }) };
    default: {
      const detail = err.code ?? err.message;
      return { path, code: err.code ?? 'FileError', ...worded('engineError.walk.error', { path: shown, detail }) };
    }
  }
}
