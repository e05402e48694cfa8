// The SSO sign-in's messages: the Japanese says every value the English names, as often, and is translated.
import { describe, expect, it } from 'vitest';
import { ssoEn, ssoJa } from './sso';

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('SSO sign-in messages', () => {
  it('name the same values in Japanese as in English', () => {
    for (const key of Object.keys(ssoEn) as (keyof typeof ssoEn)[]) {
      expect({ key, values: placeholders(ssoJa[key]) }).toEqual({ key, values: placeholders(ssoEn[key]) });
      expect({ key, same: ssoJa[key] === ssoEn[key] }).toEqual({ key, same: false });
    }
  });

  it('keep both commands that fix an expired sign-in, word for word, in both languages', () => {
    for (const text of [ssoEn['sso.expired'], ssoJa['sso.expired']]) {
      expect(text).toContain('aws sso login --profile {profile}');
      expect(text).toContain('hoist login --profile {profile}');
    }
  });
});
