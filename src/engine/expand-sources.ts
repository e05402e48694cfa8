// Turns what the user dropped or named (files and folders) into the list of files to upload, with their keys.
// A folder keeps its own name and its relative paths, as dragging it into a file manager would.
import { access, constants, readdir, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';

export interface SourceFile {
  path: string;
  /** Relative name with '/' separators: "photo.jpg" or "album/2024/photo.jpg". */
  name: string;
  size: number;
  mtimeMs: number;
}

export interface SourceProblem {
  path: string;
  code: string;
  message: string;
}

export async function expandSources(paths: string[]): Promise<{ files: SourceFile[]; problems: SourceProblem[] }> {
  const files: SourceFile[] = [];
  const problems: SourceProblem[] = [];
  for (const raw of paths) {
    const path = resolve(raw);
    const st = await stat(path).catch((err: NodeJS.ErrnoException) => err);
    if (st instanceof Error) {
      problems.push(problemFor(path, st));
      continue;
    }
    if (st.isDirectory()) {
      await walk(path, dirnameOf(path), files, problems);
    } else if (st.isFile()) {
      const readable = await checkReadable(path);
      if (readable) problems.push(readable);
      else files.push({ path, name: basename(path), size: st.size, mtimeMs: st.mtimeMs });
    } else {
      problems.push({ path, code: 'NotAFile', message: `${path} is not a regular file or folder; only files and folders can be uploaded.` });
    }
  }
  return { files, problems };
}

function dirnameOf(path: string): string {
  return resolve(path, '..');
}

async function walk(dir: string, root: string, files: SourceFile[], problems: SourceProblem[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    problems.push(problemFor(dir, err as NodeJS.ErrnoException));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    // Follow symlinks to files and folders the way a file manager's copy does.
    const st = await stat(path).catch((err: NodeJS.ErrnoException) => err);
    if (st instanceof Error) {
      problems.push(problemFor(path, st));
    } else if (st.isDirectory()) {
      await walk(path, root, files, problems);
    } else if (st.isFile()) {
      const readable = await checkReadable(path);
      if (readable) problems.push(readable);
      else files.push({ path, name: relative(root, path).split(sep).join('/'), size: st.size, mtimeMs: st.mtimeMs });
    }
  }
}

async function checkReadable(path: string): Promise<SourceProblem | undefined> {
  try {
    await access(path, constants.R_OK);
    return undefined;
  } catch (err) {
    return problemFor(path, err as NodeJS.ErrnoException);
  }
}

function problemFor(path: string, err: NodeJS.ErrnoException): SourceProblem {
  switch (err.code) {
    case 'ENOENT':
      return { path, code: 'FileMissing', message: `${path} does not exist. Check the path.` };
    case 'EACCES':
    case 'EPERM':
      return { path, code: 'FileUnreadable', message: `${path} cannot be read (permission denied). Fix its permissions and add it again.` };
    case 'ELOOP':
      return { path, code: 'SymlinkLoop', message: `${path} is a symbolic link loop; it was skipped.` };
    default:
      return { path, code: err.code ?? 'FileError', message: `${path} cannot be read (${err.code ?? err.message}).` };
  }
}
