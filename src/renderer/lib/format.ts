// Numbers as people read them: sizes and speeds in binary units (KiB, MiB, GiB: steps of 1024), times left, dates.
// Binary because the rest of Hoist counts that way: part sizes are MiB, S3's limits (5 MiB parts, 5 GiB single PUT)
// are binary, and the speed limit and the CLI use the same units, so one number reads the same everywhere.
import type { Translate } from '../../shared/i18n';
import type { UploadItem } from '../../shared/upload-item';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
const STEP = 1024;

/**
 * Number.toLocaleString with options builds a new Intl.NumberFormat on every call, which is slow; sizes and speeds
 * are formatted for every visible row and the header on every queue batch, so the formatters are kept.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string | undefined, digits: number): Intl.NumberFormat {
  const key = `${locale ?? ''}\n${digits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    numberFormats.set(key, format);
  }
  return format;
}

/**
 * "512 B", "1.5 KiB", "64.0 MiB", "120 GiB": one decimal below 100 so a growing number keeps its width, none from 100
 * on. A value that would round up to 1024 of a unit ("1,024 KiB") is written in the next one ("1.0 MiB").
 */
export function formatBytes(bytes: number, locale?: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (unit < UNITS.length - 1 && Math.round(value) >= STEP) {
    value /= STEP;
    unit++;
  }
  // 99.96 with one decimal would read "100.0", wider than the "100" that follows it.
  const digits = unit === 0 || value >= 99.95 ? 0 : 1;
  return `${numberFormat(locale, digits).format(value)} ${UNITS[unit]}`;
}

export function formatSpeed(bytesPerSecond: number, locale?: string): string {
  return `${formatBytes(bytesPerSecond, locale)}/s`;
}

export function formatEta(seconds: number | null, t: Translate): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '';
  const s = Math.max(1, Math.round(seconds));
  if (s < 60) return t('eta.seconds', { s });
  if (s < 3600) return t('eta.minutes', { m: Math.floor(s / 60), s: s % 60 });
  return t('eta.hours', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
}

/**
 * Whole percent for the progress bar's solid part and the percent shown: what of the file the server has confirmed,
 * so it never goes back while the upload lives (a pause or a dropped network keep it). Done is always 100, an empty
 * file is 0 until done. A failed file is 0 whatever was confirmed: no object exists under its key, its parts were
 * removed (or, if removing them failed, are listed under Incomplete uploads and aborted before a Retry, which starts
 * from 0). A cancelled file keeps what was confirmed when it stopped, drawn muted: the row shows how far it got.
 */
export function percentOf(item: Pick<UploadItem, 'confirmed' | 'total' | 'state'>): number {
  if (item.state.kind === 'done') return 100;
  if (item.state.kind === 'failed' || item.state.kind === 'cleanup-failed') return 0;
  return wholePercent(item.confirmed, item.total);
}

/**
 * Whole percent for the bar's lighter part: confirmed plus the bytes in flight (sent, not yet answered). Never below
 * percentOf, so the lighter part only ever extends the solid one. A finished file has nothing in flight.
 */
export function inFlightOf(item: Pick<UploadItem, 'confirmed' | 'loaded' | 'total' | 'state'>): number {
  const confirmed = percentOf(item);
  const kind = item.state.kind;
  if (kind === 'done' || kind === 'failed' || kind === 'cleanup-failed' || kind === 'cancelled') return confirmed;
  return Math.max(confirmed, wholePercent(item.loaded, item.total));
}

/** part of whole in whole percent, rounded down (99.6% is not done), 0 for an empty whole. */
export function wholePercent(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.min(100, Math.max(0, Math.floor((part / whole) * 100)));
}

/** "bucket/prefix/" as the target bar and the drop overlay name it. */
export function destination(bucket: string, prefix: string): string {
  return prefix ? `${bucket}/${prefix}` : bucket;
}
