// Numbers for people: sizes in binary units, speeds, durations, and text that fits a terminal line.

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${UNITS[unit]}`;
}

export function formatRate(bytesPerSecond: number): string {
  return bytesPerSecond > 0 ? `${formatBytes(bytesPerSecond)}/s` : '-- B/s';
}

/** 0:07, 12:34, 1:02:03; '--:--' when unknown. */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export function formatDuration(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return formatEta(ms / 1000);
}

export function percent(loaded: number, total: number): number {
  if (total <= 0) return loaded >= total ? 100 : 0;
  return Math.min(100, Math.max(0, (loaded / total) * 100));
}

/** A bar of `width` cells, filled to `fraction` (0..1). */
export function bar(fraction: number, width: number): string {
  const w = Math.max(0, width);
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * w);
  return '█'.repeat(filled) + '░'.repeat(w - filled);
}

/** Cuts `text` to `width` characters, keeping its end (the file name) and marking the cut with '…'. */
export function fitStart(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 1) return chars.slice(-width).join('');
  return '…' + chars.slice(chars.length - width + 1).join('');
}

export function padEnd(text: string, width: number): string {
  const len = [...text].length;
  return len >= width ? text : text + ' '.repeat(width - len);
}

/** "1 file", "3 files"; `many` for a word whose plural is not the word plus "s". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** The word that refers back to `n` things: pronoun(1, 'its', 'their') is "its". */
export function pronoun(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/**
 * What must not reach a terminal raw: C0 controls (ESC starts ANSI sequences that recolour, move the cursor, retitle
 * the window or clear the screen; a newline or CR forges a line of its own), DEL, the C1 controls (U+009B is a CSI on
 * terminals that read 8-bit controls), and the bidi overrides, isolates and marks and the line/paragraph separators,
 * which make a name read differently from what it is ("evil\u202Etxt.exe" shows as "evilexe.txt").
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same set without C0, which JSON.stringify always escapes itself. */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const hex = (c: string, digits: number): string => c.charCodeAt(0).toString(16).padStart(digits, '0');

/**
 * Text from outside Hoist (file names, keys, paths, the server's messages) as it may be shown to people: every unsafe
 * character as \xNN (up to U+00FF; the engine's key errors use the same form) or \uNNNN, the rest as it is. A '\'
 * stays as it is: the output is for reading, not for parsing back (that is what --json is for), and Windows-style
 * names stay readable. Idempotent, since what it writes holds nothing it would escape.
 */
export function safeText(text: string): string {
  return text.replace(UNSAFE, (c) => (c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

/**
 * One --json line: JSON.stringify escapes C0 (and lone surrogates) but writes DEL, C1 and the bidi controls raw, and a
 * script that prints a field, or a person reading the stream, would get them. As \uNNNN they are still the same
 * JSON: JSON.parse gives back the exact name. They can only occur inside strings, so the replacement is safe.
 */
export function jsonLine(record: unknown): string {
  return `${JSON.stringify(record).replace(JSON_UNSAFE, (c) => `\\u${hex(c, 4)}`)}\n`;
}
