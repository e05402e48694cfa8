// Messages about credentials, proxies and regions (named AWS profiles, SSO, assume-role, credential_process), English
// and Japanese. Merged into the one dictionary by i18n-en.ts and i18n-ja.ts; the Japanese object must have every
// English key (its type checks it).

export const credentialsEn = {} as const;

export const credentialsJa: Record<keyof typeof credentialsEn, string> = {};
