// One dictionary, two languages. Used by the renderer (everything on screen) and by main (dialogs, notifications).
import { en, type MessageKey } from './i18n-en';
import { ja } from './i18n-ja';
import type { LanguageSetting } from './settings-schema';

export type { MessageKey } from './i18n-en';
export type Language = 'en' | 'ja';
export type MessageParams = Record<string, string | number>;

const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { en, ja };

/** 'system' follows the OS locale (navigator.language in the renderer, app.getLocale() in main). */
export function resolveLanguage(setting: LanguageSetting, systemLocale: string | undefined): Language {
  if (setting !== 'system') return setting;
  return (systemLocale ?? '').toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** The message in language, with {placeholders} filled; a missing parameter stays visible rather than vanishing. */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const template = DICTIONARIES[language][key] ?? en[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function translator(language: Language): Translate {
  return (key, params) => translate(language, key, params);
}
