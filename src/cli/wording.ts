// The engine's messages are shared with the app, whose words are not the command line's: the app's user fills in an
// "Endpoint URL" field, hoist's user gives --endpoint-url. Every engine message the CLI shows (a file's error, a
// retry's reason, a rejection, a skipped entry) passes through here. The engine itself says "upload it again", which
// fits both; the "add it again" rule only guards against an app-worded message slipping into the engine again.
import type { UploadError, UploadState } from '../shared/upload-state';

export interface WordingHints {
  /** cp without --wait-network: an endpoint that stayed unreachable can be waited for with it. */
  suggestWaitNetwork?: boolean;
}

const REPLACEMENTS: [RegExp, string][] = [
  [/\badd it again\b/g, 'upload it again'],
  [/\bAdd it again\b/g, 'Upload it again'],
  [/\bthe endpoint URL\b/g, '--endpoint-url'],
];

export function cliWording(text: string): string {
  return REPLACEMENTS.reduce((t, [pattern, words]) => t.replace(pattern, words), text);
}

export function cliError(error: UploadError, hints: WordingHints = {}): UploadError {
  let message = cliWording(error.message);
  if (hints.suggestWaitNetwork && error.code === 'EndpointUnreachable')
    message += ' Give --wait-network to wait for it instead.';
  return message === error.message ? error : { ...error, message };
}

/** `state` with its error or retry reason in the CLI's words; the same object when nothing changes. */
export function cliState(state: UploadState, hints: WordingHints = {}): UploadState {
  switch (state.kind) {
    case 'failed':
    case 'failing':
    case 'cleanup-failed': {
      const error = cliError(state.error, hints);
      return error === state.error ? state : { ...state, error };
    }
    case 'retrying': {
      const reason = cliWording(state.reason);
      return reason === state.reason ? state : { ...state, reason };
    }
    default:
      return state;
  }
}
