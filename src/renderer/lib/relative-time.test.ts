import { describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n';
import { relativeText, timeText, withElement } from './relative-time';

// A fixed "now": every case is a distance from it, so the expectations do not depend on when the test runs.
const NOW = Date.UTC(2026, 2, 15, 12, 0, 0);
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const en = (offset: number) => relativeText(NOW + offset, NOW, 'en', translator('en'));
const ja = (offset: number) => relativeText(NOW + offset, NOW, 'ja', translator('ja'));

describe('relativeText', () => {
  it('says "just now" within 45 seconds either way', () => {
    expect(en(0)).toBe('just now');
    expect(en(-44 * SEC)).toBe('just now');
    expect(en(30 * SEC)).toBe('just now');
    expect(ja(-10 * SEC)).toBe('たった今');
  });

  it('counts minutes, hours, days, months and years in the past', () => {
    expect(en(-45 * SEC)).toBe('1 minute ago');
    expect(en(-5 * MIN)).toBe('5 minutes ago');
    expect(en(-44 * MIN)).toBe('44 minutes ago');
    expect(en(-45 * MIN)).toBe('1 hour ago');
    expect(en(-3 * HOUR - 10 * MIN)).toBe('3 hours ago');
    expect(en(-22 * HOUR)).toBe('1 day ago');
    expect(en(-3 * DAY)).toBe('3 days ago');
    expect(en(-25 * DAY)).toBe('25 days ago');
    expect(en(-60 * DAY)).toBe('2 months ago');
    expect(en(-400 * DAY)).toBe('1 year ago');
    // moto's fixed date for every multipart upload, seen from 2026: plainly old, not a timestamp to decode.
    expect(relativeText(Date.parse('2010-11-10T20:48:33Z'), NOW, 'en', translator('en'))).toBe('15 years ago');
  });

  it('says "in …" for a date in the future (a clock ahead of ours)', () => {
    expect(en(2 * HOUR)).toBe('in 2 hours');
    expect(en(90 * SEC)).toBe('in 2 minutes');
    expect(en(3 * DAY)).toBe('in 3 days');
  });

  it('writes Japanese with the number against its unit', () => {
    expect(ja(-3 * DAY)).toBe('3日前');
    expect(ja(-5 * MIN)).toBe('5分前');
    expect(ja(2 * HOUR)).toBe('2時間後');
    expect(ja(-2 * 365 * DAY)).toBe('2年前');
  });
});

describe('timeText', () => {
  it('gives the ISO form for dateTime and the full date and time for the tooltip', () => {
    const at = NOW - 3 * DAY;
    const text = timeText(at, NOW, 'en', translator('en'))!;
    expect(text.dateTime).toBe('2026-03-12T12:00:00.000Z');
    expect(text.relative).toBe('3 days ago');
    // The tooltip is the whole date with seconds, in the UI language (whatever the machine's time zone).
    const full = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'medium' }).format(at);
    expect(text.full).toBe(full);
    expect(text.full).toMatch(/March 1[12], 2026/);
    expect(timeText(at, NOW, 'ja', translator('ja'))!.full).toMatch(/2026年3月1[12]日/);
  });

  it('returns null for a date that is not one', () => {
    expect(timeText(Date.parse('not a date'), NOW, 'en', translator('en'))).toBeNull();
    expect(timeText(8.64e15 + 1, NOW, 'en', translator('en'))).toBeNull();
  });
});

describe('withElement', () => {
  it('puts the element where the placeholder is, keeping the words on both sides in order', () => {
    const element = { marker: 'the date' };
    const parts = withElement('started {when} by Hoist', 'when', element as never);
    expect(parts[0]).toBe('started ');
    expect((parts[1] as { props: { children: unknown } }).props.children).toBe(element);
    expect(parts[2]).toBe(' by Hoist');
    // Japanese word order: the date first.
    const ja = withElement('{when} に開始', 'when', element as never);
    expect(ja[0]).toBe('');
    expect(ja[2]).toBe(' に開始');
  });
});
