// The options' checks (placed at the row at fault), their tidy-up before sending, and the count the Options badge shows.
import { describe, expect, it } from 'vitest';
import { DEFAULT_OBJECT_OPTIONS, type ObjectOptions } from '../../../shared/object-options';
import { changedOptionFields, objectOptionProblems, tidyObjectOptions } from './option-values';

const withOptions = (patch: Partial<ObjectOptions>): ObjectOptions => ({ ...DEFAULT_OBJECT_OPTIONS, ...patch });
const rows = (...pairs: [string, string][]) => pairs.map(([key, value]) => ({ key, value }));

describe('checks', () => {
  it('passes the defaults and a full set of sensible options', () => {
    expect(objectOptionProblems(DEFAULT_OBJECT_OPTIONS)).toEqual({});
    const full = withOptions({
      contentType: { mode: 'fixed', value: 'text/plain; charset=utf-8' },
      cacheControl: 'max-age=3600, public',
      contentDisposition: 'attachment; filename="report.pdf"',
      metadata: rows(['project', 'hoist'], ['x.build-id', '42']),
      tags: rows(['team', 'docs'], ['部署', '写真 2025']),
      storageClass: 'STANDARD_IA',
      encryption: { mode: 'aws:kms', keyId: 'alias/backups' },
      acl: 'private',
    });
    expect(objectOptionProblems(full)).toEqual({});
  });

  it.each<[string, Partial<ObjectOptions>, Record<string, string>]>([
    [
      'a fixed type that is not a media type',
      { contentType: { mode: 'fixed', value: 'text' } },
      { contentType: 'v.contentType' },
    ],
    ['an empty fixed type', { contentType: { mode: 'fixed', value: ' ' } }, { contentType: 'v.contentType' }],
    ['a line break in Cache-Control', { cacheControl: 'max-age=1\r\nX: y' }, { cacheControl: 'v.headerText' }],
    [
      'non-ASCII in Content-Disposition',
      { contentDisposition: 'inline; filename="写真.jpg"' },
      { contentDisposition: 'v.headerText' },
    ],
    ['a metadata row without a name', { metadata: rows(['', 'value']) }, { 'metadata.0.key': 'v.metaKeyRequired' }],
    ['a space in a metadata name', { metadata: rows(['my key', 'v']) }, { 'metadata.0.key': 'v.metaKeyChars' }],
    [
      'the same metadata name twice, in another case',
      { metadata: rows(['a', '1'], ['A', '2']) },
      { 'metadata.1.key': 'v.metaKeyTwice' },
    ],
    ['a non-ASCII metadata value', { metadata: rows(['city', 'Zürich']) }, { 'metadata.0.value': 'v.headerText' }],
    [
      'more than 2 KB of metadata',
      { metadata: rows(['a', 'x'.repeat(1500)], ['b', 'y'.repeat(600)]) },
      { metadata: 'v.metaTooBig' },
    ],
    ['a tag row without a key', { tags: rows(['', 'v']) }, { 'tags.0.key': 'v.tagKeyRequired' }],
    ['a tag key of 129 characters', { tags: rows(['k'.repeat(129), '']) }, { 'tags.0.key': 'v.tagKeyLength' }],
    ['a tag value of 257 characters', { tags: rows(['k', 'v'.repeat(257)]) }, { 'tags.0.value': 'v.tagValueLength' }],
    ['a tag value with a comma', { tags: rows(['k', 'a,b']) }, { 'tags.0.value': 'v.tagChars' }],
    ['an aws: tag key', { tags: rows(['aws:owner', 'me']) }, { 'tags.0.key': 'v.tagReserved' }],
    ['the same tag key twice', { tags: rows(['k', '1'], ['k', '2']) }, { 'tags.1.key': 'v.tagKeyTwice' }],
    [
      'eleven tags',
      { tags: Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, value: '' })) },
      { tags: 'v.tagCount' },
    ],
    [
      'a KMS key ID with a space',
      { encryption: { mode: 'aws:kms', keyId: 'alias/my key' } },
      { kmsKeyId: 'v.kmsKeyId' },
    ],
  ])('%s', (_what, patch, expected) => {
    expect(objectOptionProblems(withOptions(patch))).toEqual(expected);
  });

  it('ignores rows left blank, as saving drops them', () => {
    const options = withOptions({ metadata: rows(['', '']), tags: rows(['  ', '']) });
    expect(objectOptionProblems(options)).toEqual({});
    expect(tidyObjectOptions(options)).toEqual(DEFAULT_OBJECT_OPTIONS);
  });
});

describe('tidy', () => {
  it('trims text, keeps values as typed, and leaves a blank KMS key ID out', () => {
    const tidy = tidyObjectOptions(
      withOptions({
        contentType: { mode: 'fixed', value: ' text/csv ' },
        cacheControl: ' no-cache ',
        metadata: rows([' owner ', ' Ann ']),
        encryption: { mode: 'aws:kms', keyId: '  ' },
      }),
    );
    expect(tidy.contentType).toEqual({ mode: 'fixed', value: 'text/csv' });
    expect(tidy.cacheControl).toBe('no-cache');
    expect(tidy.metadata).toEqual(rows(['owner', ' Ann ']));
    expect(tidy.encryption).toEqual({ mode: 'aws:kms' });
    expect('storageClass' in tidy).toBe(false);
  });
});

describe('what differs from the profile', () => {
  it('names each field that differs, and none for the same values typed differently', () => {
    expect(changedOptionFields(withOptions({ cacheControl: ' ' }), DEFAULT_OBJECT_OPTIONS)).toEqual([]);
    const changed = withOptions({ tags: rows(['a', 'b']), storageClass: 'GLACIER_IR', acl: 'public-read' });
    expect(changedOptionFields(changed, DEFAULT_OBJECT_OPTIONS)).toEqual(['tags', 'storageClass', 'acl']);
  });
});
