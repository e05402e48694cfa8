// `hoist history`: see HISTORY_HELP.
import { UsageError } from './args';
import type { CliIo } from './report';

export const HISTORY_SUMMARY = 'not available yet';
export const HISTORY_HELP = 'Usage: hoist history (not available yet)\n';

export async function runHistory(_argv: string[], _io: CliIo): Promise<number> {
  throw new UsageError('hoist history is not available yet.', 'history');
}
