// Messages of Upload options (the profile's defaults and a drop's Options disclosure), English and Japanese. Merged into the one dictionary by i18n-en.ts and i18n-ja.ts; the Japanese
// object must have every English key (its type checks it).

export const optionsEn = {
  'v.shareLinkHours': 'Share links: from 1 to 168 hours (7 days, the most S3 allows).',
} as const;

export const optionsJa: Record<keyof typeof optionsEn, string> = {
  'v.shareLinkHours': '共有リンクの有効期限：1〜168 時間（S3 の上限の 7 日）で入力してください。',
};
