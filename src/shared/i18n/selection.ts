// Messages of which files go: skip unchanged, excludes, English and Japanese. Merged into the one dictionary by i18n-en.ts and i18n-ja.ts; the Japanese
// object must have every English key (its type checks it).

export const selectionEn = {} as const;

export const selectionJa: Record<keyof typeof selectionEn, string> = {};
