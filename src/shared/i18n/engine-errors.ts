// Messages of the engine-errors part of the window, English and Japanese. Merged into the one dictionary by i18n-en.ts and
// i18n-ja.ts; the Japanese object must have every English key (its type checks it).

export const engineErrorsEn = {} as const;

export const engineErrorsJa: Record<keyof typeof engineErrorsEn, string> = {};
