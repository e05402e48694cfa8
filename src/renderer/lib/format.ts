// Numbers as people read them: sizes in decimal units (as Finder and Explorer show them), speeds, times left.
import type { Translate } from '../../shared/i18n';
import type { UploadItem } from '../../shared/upload-item';

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

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

export function formatBytes(bytes: number, locale?: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
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
 * Whole percent for the progress bar: what of the file is really on the server. Done is always 100, an empty file is
 * 0 until done. A failed file is 0 whatever was sent: no object exists under its key, its parts were removed (or, if
 * removing them failed, are listed under Incomplete uploads and aborted before a Retry, which starts from 0).
 */
export function percentOf(item: Pick<UploadItem, 'loaded' | 'total' | 'state'>): number {
  if (item.state.kind === 'done') return 100;
  if (item.state.kind === 'failed' || item.state.kind === 'cleanup-failed') return 0;
  if (item.total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.floor((item.loaded / item.total) * 100)));
}

/** "bucket/prefix/" as the target bar and the drop overlay name it. */
export function destination(bucket: string, prefix: string): string {
  return prefix ? `${bucket}/${prefix}` : bucket;
}
