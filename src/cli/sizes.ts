// Byte sizes as people type them: 8MiB, 5MB, 16777216, 1GiB, 1.5G. Units are powers of 1024, as in the AWS CLI
// (so "5MB" is 5 MiB, S3's minimum part size, and not 5,000,000 bytes).

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
  tib: 1024 ** 4,
};

/** Returns the size in bytes, or undefined when `text` is not a size. */
export function parseSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m) return undefined;
  const unit = UNITS[m[2]!.toLowerCase()];
  if (unit === undefined) return undefined;
  const bytes = Number(m[1]) * unit;
  if (!Number.isFinite(bytes)) return undefined;
  const whole = Math.round(bytes);
  // "1.5" bytes is not a size; "1.5GiB" is.
  return Math.abs(whole - bytes) < 1e-6 || unit > 1 ? whole : undefined;
}
