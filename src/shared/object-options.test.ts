import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OBJECT_OPTIONS,
  isProblem,
  objectOptionsProblem,
  parseKeyValue,
  type ObjectOptions,
} from './object-options';
import { objectRulesEn, objectRulesJa, objectRuleText } from './i18n/object-rules';

const with_ = (o: Partial<ObjectOptions>): ObjectOptions => ({ ...DEFAULT_OBJECT_OPTIONS, ...o });
const keyOf = (o: Partial<ObjectOptions>) => objectOptionsProblem(with_(o))?.key;

describe('objectOptionsProblem', () => {
  it('passes the defaults and a full, valid set', () => {
    expect(objectOptionsProblem(DEFAULT_OBJECT_OPTIONS)).toBeUndefined();
    const full: ObjectOptions = {
      contentType: { mode: 'fixed', value: 'text/plain; charset=utf-8' },
      cacheControl: 'max-age=60, public',
      contentDisposition: 'attachment; filename="a b.txt"',
      metadata: [{ key: 'x-Owner.1', value: 'ada lovelace' }],
      tags: [
        { key: 'チーム', value: 'データ 基盤' },
        { key: 'a+-=._:/@', value: '' },
      ],
      storageClass: 'GLACIER_IR',
      encryption: { mode: 'aws:kms', keyId: 'arn:aws:kms:us-east-1:111122223333:key/abcd' },
      acl: 'bucket-owner-full-control',
    };
    expect(objectOptionsProblem(full)).toBeUndefined();
  });

  it('content type must be type/subtype in printable ASCII', () => {
    expect(keyOf({ contentType: { mode: 'fixed', value: 'text' } })).toBe('objectRule.contentType');
    expect(keyOf({ contentType: { mode: 'fixed', value: 'text/ plain' } })).toBe('objectRule.contentType');
    expect(keyOf({ contentType: { mode: 'fixed', value: 'text/plain\r\nX-Evil: 1' } })).toBe('objectRule.headerText');
    expect(keyOf({ contentType: { mode: 'fixed', value: 'image/svg+xml' } })).toBeUndefined();
  });

  it('headers: no line breaks, no non-ASCII', () => {
    expect(objectOptionsProblem(with_({ cacheControl: 'no-cache\nx' }))).toMatchObject({
      field: 'cacheControl',
      key: 'objectRule.headerText',
      params: { option: 'Cache-Control' },
    });
    expect(objectOptionsProblem(with_({ contentDisposition: 'inline; filename="é.txt"' }))).toMatchObject({
      field: 'contentDisposition',
      params: { option: 'Content-Disposition' },
    });
  });

  it('metadata: token keys, ASCII values, no duplicates by case, 2 KB in all', () => {
    expect(keyOf({ metadata: [{ key: 'has space', value: 'v' }] })).toBe('objectRule.metadataKey');
    expect(keyOf({ metadata: [{ key: 'ключ', value: 'v' }] })).toBe('objectRule.metadataKey');
    expect(keyOf({ metadata: [{ key: 'k', value: 'line\nbreak' }] })).toBe('objectRule.metadataValue');
    expect(
      keyOf({
        metadata: [
          { key: 'Owner', value: 'a' },
          { key: 'owner', value: 'b' },
        ],
      }),
    ).toBe('objectRule.metadataDuplicate');
    // 2048 bytes of keys and values is the limit: exactly at it passes, one byte over fails.
    expect(keyOf({ metadata: [{ key: 'k', value: 'v'.repeat(2047) }] })).toBeUndefined();
    expect(objectOptionsProblem(with_({ metadata: [{ key: 'k', value: 'v'.repeat(2048) }] }))).toMatchObject({
      key: 'objectRule.metadataSize',
      params: { size: 2049, max: 2048 },
    });
  });

  it('tags: at most 10, key 1-128 and value up to 256 characters, S3 characters, no aws:, no duplicates', () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    expect(keyOf({ tags: tags(10) })).toBeUndefined();
    expect(keyOf({ tags: tags(11) })).toBe('objectRule.tagCount');
    expect(keyOf({ tags: [{ key: 'k'.repeat(128), value: '' }] })).toBeUndefined();
    expect(keyOf({ tags: [{ key: 'k'.repeat(129), value: '' }] })).toBe('objectRule.tagKeyLength');
    expect(keyOf({ tags: [{ key: '', value: 'v' }] })).toBe('objectRule.tagKeyLength');
    // Counted in characters, not bytes: 256 Japanese characters are allowed.
    expect(keyOf({ tags: [{ key: 'k', value: 'あ'.repeat(256) }] })).toBeUndefined();
    expect(keyOf({ tags: [{ key: 'k', value: 'v'.repeat(257) }] })).toBe('objectRule.tagValueLength');
    expect(keyOf({ tags: [{ key: 'k', value: 'a&b' }] })).toBe('objectRule.tagChars');
    expect(keyOf({ tags: [{ key: 'k?', value: '' }] })).toBe('objectRule.tagChars');
    expect(keyOf({ tags: [{ key: 'aws:cost', value: '1' }] })).toBe('objectRule.tagReserved');
    expect(
      keyOf({
        tags: [
          { key: 'k', value: '1' },
          { key: 'k', value: '2' },
        ],
      }),
    ).toBe('objectRule.tagDuplicate');
  });

  it('a KMS key only with aws:kms, and one without spaces', () => {
    expect(keyOf({ encryption: { mode: 'aws:kms' } })).toBeUndefined();
    expect(keyOf({ encryption: { mode: 'aws:kms', keyId: 'alias/my key' } })).toBe('objectRule.kmsKeyId');
    expect(keyOf({ encryption: { mode: 'aws:kms', keyId: '' } })).toBe('objectRule.kmsKeyId');
    expect(keyOf({ encryption: { mode: 'AES256', keyId: 'alias/k' } as never })).toBe('objectRule.kmsKeyWithoutKms');
  });
});

describe('parseKeyValue', () => {
  it('splits at the first "=", keeps an empty value, refuses a missing key', () => {
    expect(parseKeyValue('a=b')).toEqual({ key: 'a', value: 'b' });
    expect(parseKeyValue('q=x=y')).toEqual({ key: 'q', value: 'x=y' });
    expect(parseKeyValue(' k =')).toEqual({ key: 'k', value: '' });
    for (const bad of ['novalue', '=v', '']) {
      const answer = parseKeyValue(bad);
      expect(isProblem(answer), bad).toBe(true);
      expect(answer).toMatchObject({ key: 'objectRule.keyValue', params: { value: bad } });
    }
  });
});

describe('object rule messages', () => {
  it('fill their values in English and Japanese, and every English key has its Japanese', () => {
    const p = objectOptionsProblem(with_({ tags: [{ key: 'k', value: 'v'.repeat(300) }] }))!;
    expect(objectRuleText(p)).toBe('The value of tag "k" is 300 characters long; S3 allows 256.');
    expect(objectRuleText(p, 'ja')).toBe('タグ「k」の値が 300 文字あります。S3 では 256 文字までです。');
    const names = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(objectRulesEn) as (keyof typeof objectRulesEn)[])
      expect(names(objectRulesJa[key]), key).toEqual(names(objectRulesEn[key]));
  });
});
