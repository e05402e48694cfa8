// An engine message in a window's language. The engine sends each message twice: in English words (for the CLI, the
// logs, and a window that cannot read the keys) and as dictionary keys with their values (text, upload-state.ts). The
// keys win when the dictionary has every one of them; otherwise the English words are shown whole, never half of each.
// Here in shared, not in the renderer, so that the engine's tests can check its real errors through it.
import { isMessageKey, type Translate } from './i18n';
import type { MessagePart, MessageText, UploadState } from './upload-state';

/** Anything the engine words: an item's error, a file it did not add, a connection test's answer. */
export interface EngineMessage {
  message: string;
  text?: MessageText;
}

/** The message in t's language; its English message when it has no keys or one the dictionary does not know. */
export function messageIn(m: EngineMessage, t: Translate): string {
  return textIn(m.text, t) ?? m.message;
}

/** Why a retrying item waits, in t's language (its English reason from an older main). */
export function retryReasonIn(state: Extract<UploadState, { kind: 'retrying' }>, t: Translate): string {
  return textIn(state.reasonText, t) ?? state.reason;
}

function textIn(text: MessageText | undefined, t: Translate): string | undefined {
  if (!text) return undefined;
  const parts: MessagePart[] = [text, ...(text.more ?? [])];
  if (!parts.every((part) => isMessageKey(part.key))) return undefined;
  return parts.map((part) => t(part.key, part.params)).reduce(joinSentences);
}

/**
 * English sentences are joined by a space; Japanese ones, which end in a full-width mark (。, ）, ：), are not. Decided by
 * the sentence before, so that the dictionary alone says how a language is written.
 */
function joinSentences(before: string, next: string): string {
  return /[\u3000-\u303f\uff00-\uffef]$/u.test(before) ? before + next : `${before} ${next}`;
}

/**
 * A notice's params carry strings only: an engine message goes in as its English words (message) and its keys as JSON
 * (messageText), so that the notice bar can show it in the window's language (noticeMessageIn).
 */
export function noticeParams(m: EngineMessage): { message: string; messageText?: string } {
  return m.text ? { message: m.message, messageText: JSON.stringify(m.text) } : { message: m.message };
}

/** The params of a notice with its message in t's language, where noticeParams() put keys in them. */
export function noticeMessageIn(params: Record<string, string>, t: Translate): Record<string, string> {
  if (params.message === undefined || params.messageText === undefined) return params;
  let text: MessageText | undefined;
  try {
    text = JSON.parse(params.messageText) as MessageText;
  } catch {
    return params;
  }
  // Shaped by noticeParams(); a hand-made or damaged one still only falls back to the English words.
  if (typeof text?.key !== 'string' || typeof text.params !== 'object') return params;
  return { ...params, message: messageIn({ message: params.message, text }, t) };
}
