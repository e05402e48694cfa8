// Key rules: the one place an S3 key is made from a prefix and a file's name inside what was added, and checked.
// The plan (upload-plan.ts) uses it for every file, and add() checks again the keys it is handed (main may rename a
// key to "name (2).ext" for "keep both"), so the CLI, the app's conflict question and the queue agree on every key.
//
// - Names are NFC: macOS hands out decomposed (NFD) names, Linux whatever was written; the same visible name must
//   give the same key, whichever machine uploads it.
// - A name's parts are the real path components from the walk, joined with '/'. A '\' inside a part is a character
//   of that name (legal on POSIX; Windows never hands one out, it is its separator) and stays in the key as it is:
//   turning it into '/' would invent folders and could collide with a real one. But Windows tools and sync clients
//   read '\' in a key as a separator, so a part whose '\'-separated pieces include '.' or '..' (a file named
//   "..\..\evil.txt") is refused like a '..' part.
// - '.' and '..' parts are refused: S3 stores them raw, and a tool that maps keys to paths writes outside its folder.
// - Control characters (U+0000–U+001F, U+007F, and the C1 range U+0080–U+009F, whose U+009B is a terminal escape)
//   are refused: they reach terminals and logs through every listing of the bucket.
import { hoistError } from '../s3/errors';
import { S3_MAX_KEY_BYTES } from './limits';

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
/** A '.' at the start or after '/' or '\\': where a '.' or '..' part (or piece of one) can begin. */
const MAYBE_DOT_PART = /(?:^|[/\\])\./;
/** What a message must not carry raw: the controls, and the bidi marks that make a name read as another. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/** A name as text safe to show in a message: \xNN (or \uNNNN past U+00FF); the name itself is never changed. */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * The key for a file: a prefix that is empty or ends in '/' keeps the relative name under it; any other prefix is
 * the exact key (meaningful for a single file only). `name` uses '/' between its parts; `file` is named in errors.
 * Throws HoistError('InvalidKey' | 'KeyTooLong') with a message naming the file.
 */
export function keyFor(prefix: string, name: string, file: string): string {
  const key = (prefix === '' || prefix.endsWith('/') ? prefix + name : prefix).normalize('NFC');
  validateKey(key, file);
  return key;
}

/** Refuses a prefix with '.' or '..' parts or control characters, before any file is listed. */
export function validatePrefix(prefix: string): void {
  const shown = printable(prefix);
  const bad = badPart(prefix);
  if (bad) {
    const key = bad.seenBy === 'windows' ? 'engineError.prefix.backslashDotPart' : 'engineError.prefix.dotPart';
    throw hoistError('InvalidKey', key, { prefix: shown, part: bad.part });
  }
  if (CONTROL.test(prefix))
    throw hoistError('InvalidKey', 'engineError.prefix.control', { prefix: shown, char: controlIn(prefix) });
}

/** Checks a finished key: not empty, at most 1,024 bytes, no '.'/'..' parts, no control characters. */
export function validateKey(key: string, file: string): void {
  // Run twice for every file of a folder (the plan, then add()): the file's printable name is made only for a message.
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes > S3_MAX_KEY_BYTES)
    throw hoistError('KeyTooLong', 'engineError.key.tooLong', { file: printable(file), bytes });
  if (key.length === 0) throw hoistError('InvalidKey', 'engineError.key.empty', { file: printable(file) });
  if (CONTROL.test(key))
    throw hoistError('InvalidKey', 'engineError.key.control', { file: printable(file), char: controlIn(key) });
  const bad = badPart(key);
  if (bad) {
    const which = bad.seenBy === 'windows' ? 'engineError.key.backslashDotPart' : 'engineError.key.dotPart';
    throw hoistError('InvalidKey', which, { file: printable(file), key: printable(key), part: bad.part });
  }
}

/**
 * The first '.' or '..' part: a part of its own ('any' tool reads it so), or a piece of a part once '\' is read as a
 * folder separator ('windows' tools); undefined when every part is a plain name.
 */
function badPart(key: string): { part: string; seenBy: 'any' | 'windows' } | undefined {
  // Most keys have no '.' right after a start or a separator, so no such part: one scan instead of two splits.
  if (!MAYBE_DOT_PART.test(key)) return undefined;
  for (const part of key.split('/')) {
    if (part === '.' || part === '..') return { part, seenBy: 'any' };
    const piece = part.split('\\').find((p) => p === '.' || p === '..');
    if (piece) return { part: piece, seenBy: 'windows' };
  }
  return undefined;
}

/** The first control character's code point, as U+ writes it: "001B". */
function controlIn(text: string): string {
  const c = CONTROL.exec(text)![0];
  return c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
}

/** "Keep both": "dir/photo.jpg" → "dir/photo (2).jpg"; "dir/README" → "dir/README (2)"; dot-files keep their dot. */
export function withSuffix(key: string, n: number): string {
  const slash = key.lastIndexOf('/');
  const dir = key.slice(0, slash + 1);
  const base = key.slice(slash + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return `${dir}${base} (${n})`;
  return `${dir}${base.slice(0, dot)} (${n})${base.slice(dot)}`;
}
