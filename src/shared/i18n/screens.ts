// Messages of the screens part of the window, English and Japanese. Merged into the one dictionary by i18n-en.ts and
// i18n-ja.ts; the Japanese object must have every English key (its type checks it).

export const screensEn = {
  /** A date less than a minute from now, either way (src/renderer/lib/relative-time.ts). */
  'time.justNow': 'just now',
} as const;

export const screensJa: Record<keyof typeof screensEn, string> = {
  'time.justNow': 'たった今',
};
