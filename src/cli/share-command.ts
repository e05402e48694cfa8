// `hoist share`: see SHARE_HELP.
import { UsageError } from './args';
import type { CliIo } from './report';

export const SHARE_SUMMARY = 'not available yet';
export const SHARE_HELP = 'Usage: hoist share (not available yet)\n';

export async function runShare(_argv: string[], _io: CliIo): Promise<number> {
  throw new UsageError('hoist share is not available yet.', 'share');
}
