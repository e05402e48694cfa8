// Which keys a set of dropped paths will be uploaded to, so that main can ask about existing keys before the engine
// starts. The rule must match the engine's (src/engine): a file goes to prefix + its base name; a folder's files go
// to prefix + folder name + "/" + their path inside it, with "/" separators. The prefix is '' or ends in '/'.
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';

export interface PlannedFile {
  /** The dropped path this file came from (itself, or the folder holding it). */
  source: string;
  path: string;
  /** Display name: base name, or folder-relative path with "/". */
  name: string;
  key: string;
}

export interface Plan {
  files: PlannedFile[];
  /** Paths that could not be read; the engine reports them properly when it is given them. */
  unreadable: string[];
}

async function walk(root: string, relative: string, out: { path: string; rel: string }[]): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(join(root, relative), { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const rel = relative ? `${relative}${sep}${entry.name}` : entry.name;
    if (entry.isDirectory()) await walk(root, rel, out);
    else if (entry.isFile()) out.push({ path: join(root, rel), rel });
  }
}

export async function planUploads(paths: readonly string[], prefix: string): Promise<Plan> {
  const files: PlannedFile[] = [];
  const unreadable: string[] = [];
  for (const source of paths) {
    try {
      const info = await stat(source);
      if (info.isFile()) {
        const name = basename(source);
        files.push({ source, path: source, name, key: prefix + name });
      } else if (info.isDirectory()) {
        const found: { path: string; rel: string }[] = [];
        await walk(source, '', found);
        const folder = basename(source);
        for (const f of found) {
          const name = `${folder}/${f.rel.split(sep).join('/')}`;
          files.push({ source, path: f.path, name, key: prefix + name });
        }
      } else {
        unreadable.push(source);
      }
    } catch {
      unreadable.push(source);
    }
  }
  return { files, unreadable };
}

/** "dir/photo.jpg" → "dir/photo (2).jpg"; "dir/README" → "dir/README (2)"; dot-files keep their dot. */
export function withSuffix(key: string, n: number): string {
  const slash = key.lastIndexOf('/');
  const dir = key.slice(0, slash + 1);
  const base = key.slice(slash + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return `${dir}${base} (${n})`;
  return `${dir}${base.slice(0, dot)} (${n})${base.slice(dot)}`;
}
