// The upload options' messages: the Japanese says every value the English names ({n}, {profile}, …).
import { describe, expect, it } from 'vitest';
import { optionsEn, optionsJa } from './options';

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('upload options messages', () => {
  it('name the same values in Japanese as in English', () => {
    for (const key of Object.keys(optionsEn) as (keyof typeof optionsEn)[]) {
      expect({ key, values: placeholders(optionsJa[key]) }).toEqual({ key, values: placeholders(optionsEn[key]) });
    }
  });

  it('are translated wherever the English is words rather than a header name', () => {
    const kept = Object.keys(optionsEn).filter(
      (key) => optionsJa[key as keyof typeof optionsEn] === optionsEn[key as keyof typeof optionsEn],
    );
    expect(kept.sort()).toEqual(
      [
        'options.acl',
        'options.cacheControl',
        'options.contentDisposition',
        'options.contentType',
        'options.encryption.aws:kms',
      ].sort(),
    );
  });
});
