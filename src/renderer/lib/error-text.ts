// The engine's messages as the window shows them: in its language when the message came with keys, else in the English
// words main sent (an older main, or a message not yet keyed). The work is shared/message-text.ts's.
import type { Translate } from '../../shared/i18n';
import { messageIn, retryReasonIn, type EngineMessage } from '../../shared/message-text';
import type { UploadError, UploadState } from '../../shared/upload-state';

/** An item's error (or a file not added, a connection test's answer) in the window's language. */
export function errorText(error: UploadError | EngineMessage, t: Translate): string {
  return messageIn(error, t);
}

/** Why a retrying item waits, in the window's language. */
export function retryReasonText(state: Extract<UploadState, { kind: 'retrying' }>, t: Translate): string {
  return retryReasonIn(state, t);
}
