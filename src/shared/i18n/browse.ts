// Messages of the destination browser, English and Japanese. Merged into the one dictionary by i18n-en.ts and i18n-ja.ts; the Japanese
// object must have every English key (its type checks it).

export const browseEn = {} as const;

export const browseJa: Record<keyof typeof browseEn, string> = {};
