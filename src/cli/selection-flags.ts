// Which files `hoist cp` sends: --skip-unchanged, --exclude and --include (repeatable glob patterns).
import type { OptionSpecs, ParsedArgs } from './args';

export const SELECTION_OPTIONS: OptionSpecs = {
  'skip-unchanged': { type: 'boolean' },
  exclude: { type: 'string', multiple: true },
  include: { type: 'string', multiple: true },
};

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
