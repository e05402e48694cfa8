// Messages of the app's SSO sign-in (Settings, an AWS profile of kind SSO), English and Japanese. Merged into the one
// dictionary by i18n-en.ts and i18n-ja.ts; the Japanese object must have every English key (its type checks it).

export const ssoAppEn = {} as const;

export const ssoAppJa: Record<keyof typeof ssoAppEn, string> = {};
