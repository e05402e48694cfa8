// A row's state words, matched by meaning rather than by one exact string: the same state may be worded in more than
// one way ("Cancelled: parts cleaned up", or with how far it got, "Cancelled at 48%: parts cleaned up"), and each
// wording has its own key. The keys are found by their English text, so a scenario keeps working when a wording is
// added, and the templates are taken in the page's language, so it works in Japanese too.
import { translate, type Language, type MessageKey } from '../../../src/shared/i18n';
import { en } from '../../../src/shared/i18n-en';

/** English templates of each state, by what they say (placeholders are kept as `{name}`). */
const MEANINGS = {
  /** Cancelled, and its parts were removed from the server (verified). */
  cancelledVerified: /^Cancelled\b[^,]*: parts cleaned up$/,
  /** Cancelled before anything was on the server. */
  cancelledNone: /^Cancelled( at \{\w+\}%)?$/,
} as const;

export type StateMeaning = keyof typeof MEANINGS;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The keys whose English text has this meaning. */
export function keysFor(meaning: StateMeaning): MessageKey[] {
  return (Object.keys(en) as MessageKey[]).filter((key) => key.startsWith('state.') && MEANINGS[meaning].test(en[key]));
}

/** Matches the whole state text of any wording of the meanings given, in `language`. */
export function stateWords(language: Language, ...meanings: StateMeaning[]): RegExp {
  const wordings = meanings.flatMap(keysFor).map((key) =>
    translate(language, key)
      .split(/\{\w+\}/)
      .map(escape)
      .join('.+?'),
  );
  if (wordings.length === 0) throw new Error(`no message key says ${meanings.join(' or ')}`);
  return new RegExp(`^(?:${wordings.join('|')})$`);
}
