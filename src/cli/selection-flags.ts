// Which files `hoist cp` sends: --skip-unchanged, --exclude and --include (repeatable glob patterns), and what the
// run reports about the files it did not send.
import type { PlannedFile, PlanOptions, UploadPlan } from '../engine';
import { DEFAULT_EXCLUDES } from '../shared/object-options';
import type { Target } from '../shared/target';
import type { OptionSpecs, ParsedArgs } from './args';
import type { Excluded } from './report';

export const SELECTION_OPTIONS: OptionSpecs = {
  'skip-unchanged': { type: 'boolean' },
  exclude: { type: 'string', multiple: true },
  include: { type: 'string', multiple: true },
};

/** A file an exclude pattern left out, as the plan reports it. */
type ExcludedFile = NonNullable<UploadPlan['excluded']>[number];

export interface FileSelection {
  /** A key whose object has the same size and checksum is skipped and reported up to date (a HEAD per file). */
  skipUnchanged: boolean;
  /** Glob patterns of files left out, besides the default ones. */
  exclude: string[];
  /** Glob patterns of files kept even when an exclude pattern matches them. */
  include: string[];
}

export function selectionFrom(args: Pick<ParsedArgs, 'values' | 'repeated'>, _command: string): FileSelection {
  return {
    skipUnchanged: args.values['skip-unchanged'] === true,
    exclude: args.repeated['exclude'] ?? [],
    include: args.repeated['include'] ?? [],
  };
}

/** The plan's patterns: --exclude adds to the desktop files left out by default; --include wins over both. */
export function planPatterns(selection: FileSelection): Pick<PlanOptions, 'excludes' | 'includes'> {
  return { excludes: [...DEFAULT_EXCLUDES, ...selection.exclude], includes: selection.include };
}

/** An excluded file as the reports show it; `file` is written the way the user wrote its source. */
export function excludedEntry(e: ExcludedFile, fileFor: (f: { source: string; name: string }) => string): Excluded {
  return { file: fileFor(e), pattern: e.pattern, named: !e.name.includes('/') };
}

/** What is compared with each planned file's object: the engine's check, with its verdict per key. */
export type CompareWithObjects = (
  target: Target,
  files: readonly PlannedFile[],
  signal?: AbortSignal,
) => Promise<Map<string, { kind: 'same' | 'different' | 'unknown' }>>;

/** Splits the planned files into those to send and those whose object is already the same. */
export async function splitUnchanged(
  compare: CompareWithObjects,
  target: Target,
  files: readonly PlannedFile[],
  signal?: AbortSignal,
): Promise<{ send: PlannedFile[]; same: PlannedFile[] }> {
  const verdicts = await compare(target, files, signal);
  const send: PlannedFile[] = [];
  const same: PlannedFile[] = [];
  for (const f of files) (verdicts.get(f.key)?.kind === 'same' ? same : send).push(f);
  return { send, same };
}
