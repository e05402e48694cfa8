// Whole numbers with commas between groups of three digits ("10,000"), as English writes them.
//
// Not Number.prototype.toLocaleString('en-US'): its first call loads ICU's number-formatting data, which added 7 MB
// to the CLI's resident memory (hoist --version: 65 MB with it, 58 MB without; `npm run bench`'s start-up row), and
// the CLI called it as it loaded, for a line of `hoist history --help`. The process never formats numbers for any
// other locale, so a few lines of string work do the same job.

/** n with a comma between each group of three digits of its whole part; anything else about it as String(n) says. */
export function digitGroups(n: number): string {
  const text = String(n);
  // NaN, Infinity and exponent forms (1e+21) have no digit groups to mark.
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text;
  const dot = text.indexOf('.');
  const whole = dot < 0 ? text : text.slice(0, dot);
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return dot < 0 ? grouped : grouped + text.slice(dot);
}
