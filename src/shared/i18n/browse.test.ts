import { describe, expect, it } from 'vitest';
import { browseEn, browseJa } from './browse';

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('destination browser messages', () => {
  it('say in Japanese every value the English names, and are translated', () => {
    for (const key of Object.keys(browseEn) as (keyof typeof browseEn)[]) {
      expect({ key, values: placeholders(browseJa[key]) }).toEqual({ key, values: placeholders(browseEn[key]) });
      expect(browseJa[key], key).not.toBe(browseEn[key]);
      expect(browseJa[key], key).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/u);
    }
  });
});
