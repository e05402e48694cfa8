// The walk: turns what the user dropped or named (files and folders) into the regular files inside, with their
// names. A folder keeps its own name and its relative paths, as dragging it into a file manager would.
//
// Safety rules, each from a reproduced problem (issue 15):
// - Links inside a folder are not followed by default: each is reported once as skipped. A link named on its own
//   (the dropped item itself) is followed, as `cp` does with the links on its command line.
// - With followSymlinks, a link is followed only when its real target is inside the dropped folder's real path, so a
//   link cannot carry files from elsewhere (~/.ssh, ~/.aws) into the bucket. A link to a folder on its own path (a
//   loop, `ln -s .. up`) is skipped once. A link inside the folder uploads its target again under the link's name
//   (as `cp -L` does), but each folder is entered through a link at most once, so a chain of links to links cannot
//   multiply files without end; the real tree is listed first, so real names win.
// - Every file and folder is checked against the forbidden roots by its real path: links are resolved with realpath,
//   and below that the real path is the real folder's path plus the entry name, since no link is crossed.
// - FIFOs, sockets and devices are skipped with one reason each (reading a FIFO would block the upload forever).
// - The walk stops on the signal, reports how many files it has found for big trees, and refuses a folder past a
//   cap (a million files by default), naming it, rather than filling memory.
// The sentences it reports for what it left out are in walk-messages.ts.
import { constants, type BigIntStats } from 'node:fs';
import { access, lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import { readableByMode } from './read-permission';
import type { MessageText } from '../../shared/upload-state';
import {
  forbiddenProblem,
  notAFileProblem,
  problemFor,
  skipped,
  skipWhy,
  tooManyFilesProblem,
  type SkipReason,
} from './walk-messages';

export interface SourceFile {
  /** The source this file came from, as it was given (the CLI names files the way the user typed them). */
  source: string;
  /** The path that is read: the real path, so that a link swapped after the walk cannot redirect the upload. */
  path: string;
  /** Relative name with '/' separators: "photo.jpg" or "album/2024/photo.jpg" (through a followed link, its name). */
  name: string;
  size: number;
  mtimeMs: number;
}

/** Something that could not be added: a missing or unreadable file, a forbidden folder, a folder over the cap. */
export interface SourceProblem {
  path: string;
  key?: string;
  code: string;
  message: string;
  /** The message as keys, for the window's language. */
  text?: MessageText;
}

/** Something left out on purpose, with the reason. Not an error: the rest of the folder goes. */
export interface SkippedEntry {
  path: string;
  code: 'Symlink' | 'SymlinkOutside' | 'SymlinkLoop' | 'SymlinkRepeat' | 'SymlinkBroken' | 'Fifo' | 'Socket' | 'Device';
  message: string;
  /** The message as keys, for the window's language. */
  text?: MessageText;
}

export interface WalkOptions {
  /** Follow links inside a folder when their target is inside that folder too. Default false. */
  followSymlinks?: boolean;
  /** Folders never uploaded from (main's userData), matched by real path. */
  forbiddenRoots?: readonly string[];
  /** Stops the walk: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Files found so far, at most every progressIntervalMs, and only for a walk that lasts that long. */
  onProgress?: (filesFound: number) => void;
  progressIntervalMs?: number;
  /** Files listed at most, over all sources. Default 1,000,000. */
  maxFiles?: number;
}

export interface Expanded {
  files: SourceFile[];
  skipped: SkippedEntry[];
  problems: SourceProblem[];
}

export const DEFAULT_MAX_FILES = 1_000_000;
/** Entries stat'ed at once: a folder of 100,000 files is listed in seconds, not minutes. */
const STAT_BATCH = 64;

/** A folder being walked: where it looks to the user, where it really is, and its name in keys. */
interface Place {
  path: string;
  real: string;
  name: string;
  /** The real folders on the way here (by device and inode), for loops. */
  up: Chain | undefined;
}
interface Chain {
  id: string;
  parent: Chain | undefined;
}
/** What the folder's walk ran into: links to follow once the real tree is done, so real names come first. */
interface Walk {
  source: string;
  rootReal: string;
  links: Place[];
}

class CapReached extends Error {}

export async function expandSources(paths: readonly string[], options: WalkOptions = {}): Promise<Expanded> {
  const walker = new Walker(options, await realRoots(options.forbiddenRoots ?? []));
  for (const raw of paths) await walker.source(raw);
  walker.finish();
  return walker.out;
}

async function realRoots(roots: readonly string[]): Promise<string[]> {
  const all = await Promise.all(roots.map(async (r) => [resolve(r), await realpath(r).catch(() => resolve(r))]));
  return [...new Set(all.flat())];
}

const idOf = (st: BigIntStats): string => `${st.dev}:${st.ino}`;
const inside = (path: string, root: string): boolean =>
  path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

class Walker {
  readonly out: Expanded = { files: [], skipped: [], problems: [] };
  /** Folders entered through a link: a second link to one is skipped. */
  private readonly viaLink = new Set<string>();
  private readonly maxFiles: number;
  private readonly started = Date.now();
  private lastProgress: number;

  constructor(
    private readonly opts: WalkOptions,
    private readonly roots: string[],
  ) {
    this.maxFiles = opts.maxFiles ?? DEFAULT_MAX_FILES;
    this.lastProgress = this.started;
  }

  async source(raw: string): Promise<void> {
    this.opts.signal?.throwIfAborted();
    const path = resolve(raw);
    const st = await stat(path, { bigint: true }).catch((err: NodeJS.ErrnoException) => err);
    if (st instanceof Error) return this.problem(path, st);
    const real = await realpath(path).catch((err: NodeJS.ErrnoException) => err);
    if (real instanceof Error) return this.problem(path, real);
    if (this.forbidden(path, real)) return;
    if (!st.isFile() && !st.isDirectory()) {
      this.out.problems.push(notAFileProblem(path));
      return;
    }
    const before = {
      files: this.out.files.length,
      skipped: this.out.skipped.length,
      problems: this.out.problems.length,
    };
    try {
      if (st.isFile()) {
        const unreadable = await this.unreadable(path);
        if (unreadable) this.out.problems.push(unreadable);
        else this.addFile(raw, path, real, basename(path), st);
        return;
      }
      const walk: Walk = { source: raw, rootReal: real, links: [] };
      await this.folder(walk, { path, real, name: basename(path), up: { id: idOf(st), parent: undefined } });
      // Links last: a real folder is always listed under its real name first.
      for (let i = 0; i < walk.links.length; i++) await this.follow(walk, walk.links[i]!);
    } catch (err) {
      if (!(err instanceof CapReached)) throw err;
      // Half a folder is worse than none: the user would not know what is missing.
      this.out.files.length = before.files;
      this.out.skipped.length = before.skipped;
      this.out.problems.length = before.problems;
      this.out.problems.push(tooManyFilesProblem(path, this.maxFiles));
    }
  }

  finish(): void {
    if (this.lastProgress !== this.started) this.opts.onProgress?.(this.out.files.length);
  }

  private async folder(walk: Walk, at: Place): Promise<void> {
    this.opts.signal?.throwIfAborted();
    let names: string[];
    try {
      names = await readdir(at.real);
    } catch (err) {
      return this.problem(at.path, err as NodeJS.ErrnoException);
    }
    names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (let i = 0; i < names.length; i += STAT_BATCH) {
      this.opts.signal?.throwIfAborted();
      const batch = names.slice(i, i + STAT_BATCH);
      const stats = await Promise.all(
        batch.map((n) => lstat(join(at.real, n), { bigint: true }).catch((err: NodeJS.ErrnoException) => err)),
      );
      const readable = await Promise.all(
        stats.map((st, j) =>
          st instanceof Error || !st.isFile() || readableByMode(st)
            ? undefined
            : this.unreadable(join(at.real, batch[j]!), join(at.path, batch[j]!)),
        ),
      );
      for (const [j, n] of batch.entries()) {
        const st = stats[j]!;
        const entry: Place = { path: join(at.path, n), real: join(at.real, n), name: `${at.name}/${n}`, up: at.up };
        if (st instanceof Error) this.problem(entry.path, st);
        else if (st.isSymbolicLink()) {
          if (this.opts.followSymlinks) walk.links.push(entry);
          else this.skip(entry.path, 'Symlink', skipWhy.symlink);
        } else if (st.isDirectory()) await this.enter(walk, entry, st);
        else if (readable[j]) this.out.problems.push(readable[j]!);
        else this.entry(walk.source, entry, entry.real, st);
      }
    }
  }

  /** A folder reached by its real path or through a followed link. */
  private async enter(walk: Walk, at: Place, st: BigIntStats, link = false): Promise<void> {
    if (this.forbidden(at.path, at.real)) return;
    const id = idOf(st);
    for (let c = at.up; c; c = c.parent) {
      if (c.id === id) return this.skip(at.path, 'SymlinkLoop', skipWhy.loopBack(at.real));
    }
    if (link && this.viaLink.has(id)) return this.skip(at.path, 'SymlinkRepeat', skipWhy.repeat(at.real));
    if (link) this.viaLink.add(id);
    await this.folder(walk, { ...at, up: { id, parent: at.up } });
  }

  private async follow(walk: Walk, link: Place): Promise<void> {
    this.opts.signal?.throwIfAborted();
    const target = await realpath(link.real).catch((err: NodeJS.ErrnoException) => err);
    if (target instanceof Error) {
      if (target.code === 'ELOOP') return this.skip(link.path, 'SymlinkLoop', skipWhy.selfLoop);
      if (target.code === 'ENOENT') return this.skip(link.path, 'SymlinkBroken', skipWhy.broken);
      return this.problem(link.path, target);
    }
    if (!inside(target, walk.rootReal)) return this.skip(link.path, 'SymlinkOutside', skipWhy.outside(target));
    const st = await stat(target, { bigint: true }).catch((err: NodeJS.ErrnoException) => err);
    if (st instanceof Error) return this.problem(link.path, st);
    const at: Place = { ...link, real: target };
    if (st.isDirectory()) return this.enter(walk, at, st, true);
    if (st.isFile()) {
      const unreadable = await this.unreadable(target, link.path);
      if (unreadable) this.out.problems.push(unreadable);
      else this.entry(walk.source, at, target, st);
      return;
    }
    this.entry(walk.source, at, target, st);
  }

  /** A regular file, FIFO, socket or device found inside a folder. */
  private entry(source: string, at: Place, real: string, st: BigIntStats): void {
    if (st.isFile()) return this.addFile(source, at.path, real, at.name, st);
    if (st.isFIFO()) return this.skip(at.path, 'Fifo', skipWhy.fifo);
    if (st.isSocket()) return this.skip(at.path, 'Socket', skipWhy.socket);
    this.skip(at.path, 'Device', skipWhy.device);
  }

  private addFile(source: string, path: string, real: string, name: string, st: BigIntStats): void {
    if (this.forbidden(path, real)) return;
    if (this.out.files.length >= this.maxFiles) throw new CapReached();
    this.out.files.push({ source, path: real, name, size: Number(st.size), mtimeMs: Number(st.mtimeNs) / 1e6 });
    const now = Date.now();
    if (this.opts.onProgress && now - this.lastProgress >= (this.opts.progressIntervalMs ?? 250)) {
      this.lastProgress = now;
      this.opts.onProgress(this.out.files.length);
    }
  }

  /** True (and a problem recorded) when the path or its real path is inside a forbidden root. */
  private forbidden(path: string, real: string): boolean {
    const root = this.roots.find((r) => inside(real, r) || inside(resolve(path), r));
    if (!root) return false;
    this.out.problems.push(forbiddenProblem(path, root));
    return true;
  }

  /** A problem naming `shown` (the path as the user sees it) when `path` cannot be read. */
  private async unreadable(path: string, shown = path): Promise<SourceProblem | undefined> {
    try {
      await access(path, constants.R_OK);
      return undefined;
    } catch (err) {
      return problemFor(shown, err as NodeJS.ErrnoException);
    }
  }

  private skip(path: string, code: SkippedEntry['code'], why: SkipReason): void {
    this.out.skipped.push(skipped(path, code, why));
  }

  private problem(path: string, err: NodeJS.ErrnoException): void {
    this.out.problems.push(problemFor(path, err));
  }
}
