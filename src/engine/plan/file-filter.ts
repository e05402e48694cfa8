// Which walked files are left out: glob patterns (minimatch, dotfiles included) that exclude, and patterns that
// bring a file back in. The desktop's bookkeeping files (.DS_Store, Thumbs.db, desktop.ini) are excluded unless the
// caller passes its own list: a profile's list is the whole list, the CLI adds its --exclude to the defaults.
//
// Where a pattern is matched, as .gitignore users expect:
// - without a slash ("*.log", ".DS_Store", "node_modules"): against every name on the file's path inside the dropped
//   folder, so a folder name leaves out everything under it and a file name matches at any depth;
// - with a slash ("build/**", "docs/*.tmp", "/top.txt"): against the whole path inside the dropped folder (a leading
//   "/" or "./" is only an anchor; a trailing "/" means everything under that folder).
// A file named on its own (dropped or typed itself) is matched by its name too: a .DS_Store is left out wherever it
// comes from.
import { Minimatch } from 'minimatch';
import { translate, type MessageParams } from '../../shared/i18n';
import type { MessageKey } from '../../shared/i18n';
import { DEFAULT_EXCLUDES } from '../../shared/object-options';
import { HoistError } from '../s3/errors';

export const MAX_PATTERN_LENGTH = 1024;

export type PatternKind = 'exclude' | 'include';

/** A file left out, with the pattern that did it (the first that matched). */
export interface ExcludedFile {
  /** The source this file came from, as it was given (SourceFile.source). */
  source: string;
  /** The path as the user sees it (through the links they dropped). */
  path: string;
  /** Relative name with '/' separators, as in SourceFile.name. */
  name: string;
  pattern: string;
}

interface CompiledPattern {
  text: string;
  /**
   * any-name: each name on the path (no slash in the pattern); any-folder: each folder name on it ("cache/");
   * whole-path: the path inside the dropped folder.
   */
  scope: 'any-name' | 'any-folder' | 'whole-path';
  /** Whether the pattern matches a name (any-name, any-folder) or the path inside the dropped folder (whole-path). */
  test: (text: string) => boolean;
}

export interface FileFilter {
  /** The exclude pattern that leaves this file out, or undefined when it goes (no match, or an include matched). */
  excludedBy(name: string, inFolder: boolean): string | undefined;
}

/**
 * Compiles the patterns once. `excludes` undefined means the defaults; [] means none. Throws a HoistError
 * (InvalidPattern) naming the first pattern that cannot be used.
 */
export function fileFilter(excludes: readonly string[] | undefined, includes: readonly string[] = []): FileFilter {
  const out = (excludes ?? DEFAULT_EXCLUDES).map((p) => compile(p, 'exclude'));
  const back = includes.map((p) => compile(p, 'include'));
  return {
    excludedBy(name, inFolder) {
      if (out.length === 0) return undefined;
      const inside = pathInside(name, inFolder);
      const hit = out.find((p) => matches(p, inside));
      if (!hit || back.some((p) => matches(p, inside))) return undefined;
      return hit.text;
    },
  };
}

/** The path inside the dropped folder: "album/2024/a.jpg" → "2024/a.jpg"; a file named on its own is its name. */
function pathInside(name: string, inFolder: boolean): string {
  if (!inFolder) return name;
  const slash = name.indexOf('/');
  return slash >= 0 ? name.slice(slash + 1) : name;
}

function matches(p: CompiledPattern, inside: string): boolean {
  if (p.scope === 'whole-path') return p.test(inside);
  const names = inside.split('/');
  if (p.scope === 'any-folder') names.pop();
  return names.some(p.test);
}

function compile(raw: string, kind: PatternKind): CompiledPattern {
  const text = raw.trim();
  if (text === '') throw patternError('selection.pattern.empty', { kind });
  if (text.length > MAX_PATTERN_LENGTH)
    throw patternError('selection.pattern.tooLong', {
      kind,
      pattern: text.slice(0, 40) + '…',
      max: MAX_PATTERN_LENGTH,
    });
  // A control character cannot be in a name the walk gives (keys.ts refuses them), so it can only be a typo.
  if (/[\u0000-\u001f\u007f]/.test(text)) throw patternError('selection.pattern.invalid', { kind, pattern: text });
  let glob = text;
  let anchored = false;
  if (glob.startsWith('./')) [glob, anchored] = [glob.slice(2), true];
  if (glob.startsWith('/')) [glob, anchored] = [glob.replace(/^\/+/, ''), true];
  const folderOnly = glob.endsWith('/');
  glob = glob.replace(/\/+$/, '');
  if (glob === '') throw patternError('selection.pattern.invalid', { kind, pattern: text });
  let scope: CompiledPattern['scope'];
  if (anchored || glob.includes('/')) {
    scope = 'whole-path';
    if (folderOnly) glob += '/**';
  } else scope = folderOnly ? 'any-folder' : 'any-name';
  const matcher = new Minimatch(glob, { dot: true, nocomment: true, nonegate: true });
  const re = matcher.makeRe();
  if (re === false) throw patternError('selection.pattern.invalid', { kind, pattern: text });
  // A pattern of one name is its regular expression, tested against each name of every file's path: matcher.match
  // splits and walks the name each time (a few ms per 1,000 files with the three defaults). Paths keep match(), whose
  // handling of "**" across folders the expression does not repeat.
  // A backslash keeps match() too: its shortcut for "*.ext" compares the ending without taking the escapes out, and
  // a pattern means the same whether it has a slash or not.
  const viaRegex = scope !== 'whole-path' && !glob.includes('\\');
  const test = viaRegex ? (name: string) => re.test(name) : (text: string) => matcher.match(text);
  return { text, scope, test };
}

function patternError(key: MessageKey, params: MessageParams): HoistError {
  return new HoistError('InvalidPattern', translate('en', key, params), { key, params });
}
