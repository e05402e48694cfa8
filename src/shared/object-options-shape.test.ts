import { describe, expect, it } from 'vitest';
import { DEFAULT_OBJECT_OPTIONS } from './object-options';
import { objectOptionsSchema } from './object-options-schema';
import { isObjectOptions } from './object-options-shape';

const full = {
  contentType: { mode: 'fixed', value: 'text/plain' },
  cacheControl: 'max-age=60',
  contentDisposition: 'attachment',
  metadata: [{ key: 'project', value: 'hoist' }],
  tags: [{ key: 'team', value: 'docs' }],
  storageClass: 'STANDARD_IA',
  encryption: { mode: 'aws:kms', keyId: 'alias/backups' },
  acl: 'private',
};

// Each a journal entry's options as a damaged or foreign file might hold them.
const samples: unknown[] = [
  DEFAULT_OBJECT_OPTIONS,
  full,
  { ...full, encryption: { mode: 'AES256' }, contentType: { mode: 'none' } },
  { ...full, acl: undefined, storageClass: undefined },
  null,
  [],
  'auto',
  { ...full, extra: 1 },
  { ...full, contentType: { mode: 'fixed' } },
  { ...full, contentType: { mode: 'auto', value: 'x' } },
  { ...full, encryption: { mode: 'AES256', keyId: 'k' } },
  { ...full, encryption: { mode: 'aws:kms', keyId: 7 } },
  { ...full, storageClass: 'COLD' },
  { ...full, acl: 'public-read-write' },
  { ...full, metadata: [{ key: 'a' }] },
  { ...full, tags: [{ key: 'a', value: 'b', extra: true }] },
  { ...full, tags: Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: '' })) },
  { ...full, cacheControl: 'x'.repeat(1025) },
  { ...full, contentDisposition: undefined },
];

describe('isObjectOptions', () => {
  it('answers as the settings schema does, for every sample', () => {
    for (const sample of samples)
      expect(isObjectOptions(sample), JSON.stringify(sample)).toBe(objectOptionsSchema.safeParse(sample).success);
  });

  it('takes the defaults and refuses a foreign field', () => {
    expect(isObjectOptions(DEFAULT_OBJECT_OPTIONS)).toBe(true);
    expect(isObjectOptions({ ...full, extra: 1 })).toBe(false);
  });
});
