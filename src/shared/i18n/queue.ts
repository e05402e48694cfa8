// Messages of the queue part of the window, English and Japanese. Merged into the one dictionary by i18n-en.ts and
// i18n-ja.ts; the Japanese object must have every English key (its type checks it).

export const queueEn = {} as const;

export const queueJa: Record<keyof typeof queueEn, string> = {};
