import { describe, expect, it } from 'vitest';
import {
  bar,
  fitStart,
  formatBytes,
  formatEta,
  formatRate,
  jsonLine,
  percent,
  plural,
  pronoun,
  safeText,
} from './format';

describe('format', () => {
  it('counts in English', () => {
    expect(plural(1, 'upload')).toBe('1 upload');
    expect(plural(0, 'upload')).toBe('0 uploads');
    expect(plural(2, 'try', 'tries')).toBe('2 tries');
    expect(plural(1, 'try', 'tries')).toBe('1 try');
    expect(`${plural(1, 'upload')}; ${pronoun(1, 'its', 'their')} parts`).toBe('1 upload; its parts');
    expect(`${plural(3, 'upload')}; ${pronoun(3, 'its', 'their')} parts`).toBe('3 uploads; their parts');
  });
  it('prints sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(41 * 1024 * 1024)).toBe('41.0 MiB');
    expect(formatBytes(1.5 * 1024 ** 4)).toBe('1.5 TiB');
  });
  it('prints speeds and ETAs', () => {
    expect(formatRate(0)).toBe('-- B/s');
    expect(formatRate(2 * 1024 * 1024)).toBe('2.0 MiB/s');
    expect(formatEta(null)).toBe('--:--');
    expect(formatEta(7.2)).toBe('0:08');
    expect(formatEta(3723)).toBe('1:02:03');
  });
  it('draws bars and cuts long names from the start', () => {
    expect(bar(0.5, 4)).toBe('██░░');
    expect(percent(0, 0)).toBe(100);
    expect(fitStart('a/very/long/name.txt', 10)).toBe('…/name.txt');
  });
});

/** Every character that must not reach a terminal raw: C0, DEL, C1, the bidi controls and the line separators. */
const UNSAFE_CHARS = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  0x7f,
  ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i),
  0x061c,
  0x200e,
  0x200f,
  0x2028,
  0x2029,
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e,
  0x2066,
  0x2067,
  0x2068,
  0x2069,
].map((c) => String.fromCharCode(c));
const ANY_UNSAFE = new RegExp(
  `[${UNSAFE_CHARS.map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]`,
);

describe('safeText', () => {
  it('escapes ESC sequences, newlines, C1 controls and bidi overrides, and leaves the rest as it is', () => {
    expect(safeText('a\x1b[31mred\x1b[0m\nb\r\tc\x7f\x9b2J\u202eexe.txt')).toBe(
      'a\\x1b[31mred\\x1b[0m\\x0ab\\x0d\\x09c\\x7f\\x9b2J\\u202eexe.txt',
    );
    expect(safeText('photos/été 日本 😀 ..\\evil.txt')).toBe('photos/été 日本 😀 ..\\evil.txt');
  });
  it('leaves no unsafe character, and escaping twice changes nothing', () => {
    const all = UNSAFE_CHARS.join('x');
    expect(safeText(all)).not.toMatch(ANY_UNSAFE);
    expect(safeText(safeText(all))).toBe(safeText(all));
  });
});

describe('jsonLine', () => {
  it('writes one line with no unsafe character raw, which JSON.parse turns back into the exact strings', () => {
    for (const c of [...UNSAFE_CHARS, '\ud800', 'é']) {
      const record = { key: `a${c}b`, file: c };
      const line = jsonLine(record);
      expect(line.endsWith('\n')).toBe(true);
      expect(line.slice(0, -1)).not.toMatch(ANY_UNSAFE);
      expect(line.slice(0, -1)).not.toContain('\n');
      expect(JSON.parse(line)).toEqual(record);
    }
  });
  it('writes what JSON.stringify writes for ordinary text', () => {
    expect(jsonLine({ type: 'done', key: 'a/é "q" \\ b', n: 1 })).toBe(
      `${JSON.stringify({ type: 'done', key: 'a/é "q" \\ b', n: 1 })}\n`,
    );
  });
});
