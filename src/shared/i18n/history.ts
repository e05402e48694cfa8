// Messages of the History pane and share links, English and Japanese. Merged into the one dictionary by i18n-en.ts and i18n-ja.ts; the Japanese
// object must have every English key (its type checks it).

export const historyEn = {} as const;

export const historyJa: Record<keyof typeof historyEn, string> = {};
