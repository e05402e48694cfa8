// The settings form's numbers as people type them. The speed limit takes a unit ("20 MiB/s", "500 KiB/s", "1.5m"),
// the other numbers are plain decimal digits. JavaScript's Number() would also take "1e1", "0x10", " -0" or
// "Infinity", so every number here is read by a pattern of its own before it becomes a number.
import type { MessageKey } from '../../../shared/i18n';
import { MAX_SPEED_LIMIT_KIB } from '../../../shared/settings-schema';

/** What the settings file stores for the speed limit: whole KiB/s, 0 for no limit (settings-store: × 1024). */
export const KIB = 1024;
/** The highest limit the schema takes (settings-schema.ts). */
export { MAX_SPEED_LIMIT_KIB };

/**
 * Binary units, as everywhere in Hoist; "MB" and "M" are read as MiB, as the CLI and the AWS CLI read them, and the
 * form writes the value back as "MiB/s" so what was understood is visible.
 */
const SPEED_UNITS_KIB: Record<string, number> = {
  b: 1 / KIB,
  k: 1,
  kb: 1,
  kib: 1,
  m: KIB,
  mb: KIB,
  mib: KIB,
  g: KIB * KIB,
  gb: KIB * KIB,
  gib: KIB * KIB,
};

export type SpeedLimitProblem = 'format' | 'negative' | 'too-low' | 'too-high';
export type SpeedLimitReading = { ok: true; kib: number } | { ok: false; problem: SpeedLimitProblem };

// A number (digits, at most one decimal point), then an optional unit, then an optional "/s" (or "/秒", "/sec").
const SPEED = /^(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)\s*(?:\/\s*(?:s|sec|秒))?$/;

/**
 * The speed limit field's text → whole KiB/s. Blank or zero (in any unit) is no limit. Full-width digits and letters
 * (typed with a Japanese input method) are read as their ASCII forms.
 */
export function parseSpeedLimit(text: string): SpeedLimitReading {
  const plain = text.normalize('NFKC').trim().toLowerCase();
  if (plain === '') return { ok: true, kib: 0 };
  if (/^-\s*[\d.]/.test(plain)) return { ok: false, problem: 'negative' };
  const match = SPEED.exec(plain);
  if (!match) return { ok: false, problem: 'format' };
  const [, digits = '', unitText = ''] = match;
  const unit = unitText === '' ? SPEED_UNITS_KIB['mib'] : SPEED_UNITS_KIB[unitText];
  if (unit === undefined) return { ok: false, problem: 'format' };
  const kib = Number(digits) * unit;
  if (kib === 0) return { ok: true, kib: 0 };
  if (!Number.isFinite(kib) || kib > MAX_SPEED_LIMIT_KIB) return { ok: false, problem: 'too-high' };
  const whole = Math.round(kib);
  // A limit that rounds to 0 would silently mean "no limit", the opposite of what was asked.
  if (whole < 1) return { ok: false, problem: 'too-low' };
  return { ok: true, kib: whole };
}

/** Whole KiB/s → the field's text: the largest unit that writes it exactly (two decimals at most); '' for no limit. */
export function formatSpeedLimit(kib: number): string {
  if (!Number.isFinite(kib) || kib <= 0) return '';
  for (const [unit, size] of [
    ['GiB/s', KIB * KIB],
    ['MiB/s', KIB],
  ] as const) {
    if (kib >= size && exactIn(kib, size)) return `${trimDecimals(kib / size)} ${unit}`;
  }
  return `${kib} KiB/s`;
}

/** Whether kib is a whole number of hundredths of size (1536 KiB = 1.5 MiB; 1000 KiB is not a round MiB). */
function exactIn(kib: number, size: number): boolean {
  return Number.isInteger((kib * 100) / size);
}

function trimDecimals(value: number): string {
  return String(Math.round(value * 100) / 100);
}

export const SPEED_LIMIT_MESSAGES: Record<SpeedLimitProblem, MessageKey> = {
  format: 'v.speedLimitFormat',
  negative: 'v.speedLimitNegative',
  'too-low': 'v.speedLimitTooLow',
  'too-high': 'v.speedLimitTooHigh',
};

/** A whole number written in plain decimal digits ("16", not "1e1", "0x10", "+16" or "16.0"); NaN otherwise. */
export function parseDigits(text: string): number {
  const plain = text.normalize('NFKC').trim();
  return /^\d{1,12}$/.test(plain) ? Number(plain) : Number.NaN;
}
