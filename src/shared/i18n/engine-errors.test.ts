import { describe, expect, it } from 'vitest';
import { engineErrorsEn, engineErrorsJa } from './engine-errors';

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('engine error messages', () => {
  it('say in Japanese every value the English names, and are translated', () => {
    for (const key of Object.keys(engineErrorsEn) as (keyof typeof engineErrorsEn)[]) {
      expect({ key, values: placeholders(engineErrorsJa[key]) }).toEqual({
        key,
        values: placeholders(engineErrorsEn[key]),
      });
      expect(engineErrorsJa[key], key).not.toBe(engineErrorsEn[key]);
      expect(engineErrorsJa[key], key).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/u);
    }
  });
});
