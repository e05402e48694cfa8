// One planning path: sources and a destination prefix become the list of files, each with the key it will be
// uploaded to, plus what was skipped on purpose and what cannot go. Main's "already exists" question, the app's
// queue and the CLI all use this one list, and add() takes it as it is: nothing is walked twice and no key is made
// twice, so the question sees every key the engine will write.
import { join, resolve } from 'node:path';
import { HoistError } from '../s3/errors';
import { worded } from '../s3/error-messages';
import {
  expandSources,
  type SkippedEntry,
  type SourceFile,
  type SourceProblem,
  type WalkOptions,
} from './expand-sources';
import { fileFilter, type ExcludedFile } from './file-filter';
import { keyFor, printable, validatePrefix } from './keys';
import { asFolder } from './target-rules';

export type { SkippedEntry, SourceFile, SourceProblem } from './expand-sources';
export type { ExcludedFile } from './file-filter';

export interface PlannedFile extends SourceFile {
  key: string;
}

export interface UploadPlan {
  /** Distinct keys, in walk order (sources in the order given, names sorted within each folder). */
  files: PlannedFile[];
  /** Links, FIFOs, sockets and devices left out, each once with its reason. */
  skipped: SkippedEntry[];
  /** What cannot be uploaded, each with a message naming it and what to do. */
  problems: SourceProblem[];
  /** Files left out by an exclude pattern (file-filter.ts), each with the pattern; absent when none was. */
  excluded?: ExcludedFile[];
}

export interface PlanOptions extends WalkOptions {
  /**
   * Glob patterns of files left out (file-filter.ts). Absent: the defaults (.DS_Store, Thumbs.db, desktop.ini);
   * [] leaves nothing out. A profile's list is the whole list; the CLI passes the defaults plus its --exclude.
   */
  excludes?: readonly string[];
  /** Glob patterns of files kept even when an exclude pattern matches them (--include). */
  includes?: readonly string[];
}

/**
 * The prefix rule, in one place: a prefix that is neither '' nor ends in '/' is the exact key of a single file named
 * on its own; with several sources or a folder it can only mean a folder ("backup" becomes "backup/").
 */
export function prefixFor(prefix: string, sources: readonly string[], files: readonly SourceFile[]): string {
  const loneFile = sources.length === 1 && files.length === 1 && !files[0]!.name.includes('/');
  return loneFile ? prefix : asFolder(prefix);
}

/**
 * Walks the sources and gives every file its key (keys.ts). `check` adds the caller's own refusals (the engine's
 * part-count limit): a HoistError it throws becomes a problem naming the file. Rejects with the signal's reason
 * when cancelled, and with a HoistError for a prefix that can never make a valid key.
 */
export async function planUpload(
  sources: readonly string[],
  prefix: string,
  options: PlanOptions = {},
  check?: (file: PlannedFile) => void,
): Promise<UploadPlan> {
  validatePrefix(prefix);
  // Bad patterns are refused before anything is walked.
  const filter = fileFilter(options.excludes, options.includes);
  const walked = await expandSources(sources, options);
  const { skipped, problems } = walked;
  const excluded: ExcludedFile[] = [];
  const files = walked.files.filter((f) => {
    const pattern = filter.excludedBy(f.name, f.name.includes('/'));
    if (pattern !== undefined) excluded.push({ source: f.source, path: localPath(f), name: f.name, pattern });
    return pattern === undefined;
  });
  const base = prefixFor(prefix, sources, files);
  const planned: PlannedFile[] = [];
  const byKey = new Map<string, PlannedFile>();
  for (const f of files) {
    let file: PlannedFile;
    try {
      file = { ...f, key: keyFor(base, f.name, localPath(f)) };
      check?.(file);
    } catch (err) {
      if (!(err instanceof HoistError)) throw err;
      problems.push({
        path: localPath(f),
        code: err.code,
        message: err.message,
        ...(err.text ? { text: err.text } : {}),
      });
      continue;
    }
    // Two names that differ only in Unicode form, or two sources with the same name: the second would replace the
    // first in the bucket without anyone being asked.
    const first = byKey.get(file.key);
    if (first) {
      problems.push({
        path: localPath(f),
        key: file.key,
        code: 'DuplicateKey',
        ...worded('engineError.plan.duplicateKey', {
          path: printable(localPath(f)),
          other: printable(localPath(first)),
          key: printable(file.key),
        }),
      });
      continue;
    }
    byKey.set(file.key, file);
    planned.push(file);
  }
  return { files: planned, skipped, problems, ...(excluded.length > 0 ? { excluded } : {}) };
}

/** Where the user sees a file (through the links they dropped), for messages; `path` is its real path, for reading. */
function localPath(f: SourceFile): string {
  const slash = f.name.indexOf('/');
  return slash >= 0 ? join(resolve(f.source), f.name.slice(slash + 1)) : resolve(f.source);
}
