// Dates as people say them: "just now", "5 minutes ago", "3 days ago", "in 2 hours" (Japanese "3日前"), in the UI
// language, with the full date and time for the tooltip and the machine-readable form for <time dateTime>. A date in
// a list of uploads matters by its age (is this the one I started this morning, or a leftover from last month?), and
// a server's fixed or odd clock reads as odd at once, where a full timestamp hides it among the digits.
// The screens use RelativeTime (the <time> element, written with createElement so this stays a plain .ts module), a
// useNow(true, 30_000) per list to keep "5 minutes ago" current, and withElement() to put the date inside a translated sentence.
import { createElement, Fragment, type ReactNode } from 'react';
import type { Language, Translate } from '../../shared/i18n';

export interface TimeText {
  /** For <time dateTime>: ISO 8601, UTC. */
  dateTime: string;
  /** For the tooltip: the full date and time in the UI language. */
  full: string;
  /** What the row shows: relative to now. */
  relative: string;
}

type Unit = 'minute' | 'hour' | 'day' | 'month' | 'year';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Each unit serves until the next one reads better: 45 minutes are "1 hour", 22 hours "1 day". Days run to 26 so that
 * "Abort older than N days" can be compared with what the rows say; months to about 11.
 */
const STEPS: { below: number; unit: Unit; size: number }[] = [
  { below: 45 * MINUTE, unit: 'minute', size: MINUTE },
  { below: 22 * HOUR, unit: 'hour', size: HOUR },
  { below: 26 * DAY, unit: 'day', size: DAY },
  { below: 320 * DAY, unit: 'month', size: 30.44 * DAY },
  { below: Infinity, unit: 'year', size: 365.25 * DAY },
];
/** Closer to now than this, in either direction, is "just now": a few seconds of clock skew are not news. */
const JUST_NOW = 45 * SECOND;

const relativeFormats = new Map<Language, Intl.RelativeTimeFormat>();
const fullFormats = new Map<Language, Intl.DateTimeFormat>();

function relativeFormat(language: Language): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(language);
  if (!format) {
    // 'always': "1 day ago", never "yesterday", which would name a calendar day that 22 hours ago may not be.
    format = new Intl.RelativeTimeFormat(language, { numeric: 'always', style: 'long' });
    relativeFormats.set(language, format);
  }
  return format;
}

function fullFormat(language: Language): Intl.DateTimeFormat {
  let format = fullFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'medium' });
    fullFormats.set(language, format);
  }
  return format;
}

/** `ms` relative to `now`: negative counts are the past ("3 days ago"), positive the future ("in 2 hours"). */
export function relativeText(ms: number, now: number, language: Language, t: Translate): string {
  const diff = ms - now;
  const distance = Math.abs(diff);
  if (distance < JUST_NOW) return t('time.justNow');
  const step = STEPS.find((s) => distance < s.below)!;
  const count = Math.max(1, Math.round(distance / step.size)) * Math.sign(diff);
  const parts = relativeFormat(language).formatToParts(count, step.unit);
  // CLDR writes "3 日前" with a space; Japanese text reads "3日前", with the number set against its unit.
  const glue = language === 'ja' ? (text: string) => text.trim() : (text: string) => text;
  return parts.map((p) => (p.type === 'literal' ? glue(p.value) : p.value)).join('');
}

/** Everything a <time> element needs for `ms`; null when the date is not a real one (NaN, out of range). */
export function timeText(ms: number, now: number, language: Language, t: Translate): TimeText | null {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return null;
  return {
    dateTime: date.toISOString(),
    full: fullFormat(language).format(date),
    relative: relativeText(ms, now, language, t),
  };
}

/** `<time dateTime=ISO title="full date">3 days ago</time>`, or the dash of an unknown date. */
export function RelativeTime({ ms, now, language, t }: { ms: number; now: number; language: Language; t: Translate }) {
  const text = timeText(ms, now, language, t);
  if (!text) return createElement('span', null, '—');
  return createElement('time', { dateTime: text.dateTime, title: text.full }, text.relative);
}

/**
 * A translated sentence with an element where its {placeholder} is: `t(key, otherParams)` leaves the placeholder
 * standing (translate keeps a missing parameter visible), and this puts the element there, so the dictionary keeps
 * whole sentences in each language's own word order.
 */
export function withElement(sentence: string, placeholder: string, element: ReactNode): ReactNode[] {
  const pieces = sentence.split(`{${placeholder}}`);
  return pieces.flatMap((piece, i) => (i === 0 ? [piece] : [createElement(Fragment, { key: i }, element), piece]));
}
