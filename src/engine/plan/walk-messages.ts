// What the walk (expand-sources.ts) tells the user about what it did not add: a problem for what could not be added,
// the reason for what was skipped on purpose. Each names the path as the user sees it, made printable (keys.ts), and
// says what to do where there is something to do.
import type { SkippedEntry, SourceProblem } from './expand-sources';
import { printable } from './keys';

/** Why an entry was skipped: the end of the sentence "<path> …." (a SkippedEntry's message). */
export const skipWhy = {
  symlink: 'is a symbolic link; links inside a folder are not followed',
  loopBack: (real: string): string =>
    `leads back to ${printable(real)}, a folder it is inside (a loop), so it was skipped`,
  repeat: (real: string): string =>
    `points to ${printable(real)}, which another link already brought in, so it was skipped`,
  selfLoop: 'is a symbolic link that leads back to itself (a loop), so it was skipped',
  broken: 'is a symbolic link to something that does not exist, so it was skipped',
  outside: (target: string): string =>
    `points outside the folder (to ${printable(target)}); links are followed only inside it, so it was skipped`,
  fifo: 'is a FIFO (named pipe), not a regular file, so it was skipped',
  socket: 'is a socket, not a regular file, so it was skipped',
  device: 'is a device, not a regular file, so it was skipped',
};

export function skipped(path: string, code: SkippedEntry['code'], why: string): SkippedEntry {
  return { path, code, message: `${printable(path)} ${why}.` };
}

export function notAFileProblem(path: string): SourceProblem {
  return {
    path,
    code: 'NotAFile',
    message: `${printable(path)} is not a regular file or folder; only files and folders can be uploaded.`,
  };
}

export function tooManyFilesProblem(path: string, maxFiles: number): SourceProblem {
  const cap = maxFiles.toLocaleString('en-US');
  return {
    path,
    code: 'TooManyFiles',
    message: `${printable(path)} holds more than ${cap} files; Hoist lists at most ${cap} at once, so nothing from it was added. Add its subfolders one by one.`,
  };
}

export function forbiddenProblem(path: string, root: string): SourceProblem {
  return {
    path,
    code: 'Forbidden',
    message: `${printable(path)} is inside ${printable(root)}, a folder Hoist never uploads from (it holds Hoist's own data or credentials); it was not added.`,
  };
}

/** The problem with a path that could not be read, by the error's code. */
export function problemFor(path: string, err: NodeJS.ErrnoException): SourceProblem {
  const shown = printable(path);
  switch (err.code) {
    case 'ENOENT':
      return { path, code: 'FileMissing', message: `${shown} does not exist. Check the path.` };
    case 'EACCES':
    case 'EPERM':
      return {
        path,
        code: 'FileUnreadable',
        message: `${shown} cannot be read (permission denied). Fix its permissions and upload it again.`,
      };
    case 'ELOOP':
      return { path, code: 'SymlinkLoop', message: `${shown} is a symbolic link loop; it was skipped.` };
    default:
      return { path, code: err.code ?? 'FileError', message: `${shown} cannot be read (${err.code ?? err.message}).` };
  }
}
