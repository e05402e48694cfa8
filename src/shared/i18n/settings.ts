// Messages of the settings part of the window, English and Japanese. Merged into the one dictionary by i18n-en.ts and
// i18n-ja.ts; the Japanese object must have every English key (its type checks it).

export const settingsEn = {} as const;

export const settingsJa: Record<keyof typeof settingsEn, string> = {};
