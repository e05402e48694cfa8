// The words for a server's refusal of an object option (error-messages.ts, optionRefusal). The refusals moto and
// versitygw really give (InvalidTag, InvalidStorageClass) are checked against them in test/protocol/object-options;
// these are the ones neither server gives: AWS's answers for an ACL, a KMS key, and a header a gateway lacks.
import { describe, expect, it } from 'vitest';
import { DEFAULT_OBJECT_OPTIONS, type ObjectOptions } from '../../shared/object-options';
import { classify, type ErrorContext } from './errors';

const ctx = (options?: ObjectOptions): ErrorContext => ({
  file: '/data/a.txt',
  bucket: 'photos',
  key: 'in/a.txt',
  endpoint: 'https://s3.example.com',
  ...(options ? { options } : {}),
});
const answer = (name: string, status: number, message = '') => ({
  name,
  message,
  $metadata: { httpStatusCode: status },
});

describe('a refused object option', () => {
  it('names the ACL, the bucket and what to do', () => {
    const c = classify(
      answer('AccessControlListNotSupported', 400, 'The bucket does not allow ACLs'),
      ctx({ ...DEFAULT_OBJECT_OPTIONS, acl: 'public-read' }),
    );
    expect(c).toMatchObject({ code: 'AccessControlListNotSupported', class: 'permanent' });
    expect(c.message).toBe(
      'Bucket "photos" at https://s3.example.com does not accept the ACL public-read for in/a.txt (AccessControlListNotSupported). Leave the ACL unset (no --acl): the bucket\'s own ownership settings then decide who may read the object.',
    );
    expect(c.text).toMatchObject({ key: 'engineError.option.acl' });
  });

  it('names the encryption and the KMS key check', () => {
    const kms: ObjectOptions = { ...DEFAULT_OBJECT_OPTIONS, encryption: { mode: 'aws:kms', keyId: 'alias/gone' } };
    const c = classify(answer('KMS.NotFoundException', 400, 'Invalid keyId alias/gone'), ctx(kms));
    expect(c.message).toContain('refused encryption aws:kms for in/a.txt in bucket "photos"');
    expect(c.message).toContain('(KMS.NotFoundException: "Invalid keyId alias/gone")');
    expect(c.message).toContain('--sse-kms-key-id');
  });

  it('NotImplemented names the options the upload set; without any it stays the checksum message', () => {
    const options: ObjectOptions = { ...DEFAULT_OBJECT_OPTIONS, storageClass: 'GLACIER', acl: 'private' };
    expect(classify(answer('NotImplemented', 501), ctx(options)).message).toContain(
      'does not implement an option this upload set for in/a.txt in bucket "photos" (storage class GLACIER, ACL private)',
    );
    expect(classify(answer('NotImplemented', 501), ctx(DEFAULT_OBJECT_OPTIONS)).message).toContain('CRC32');
    expect(classify(answer('NotImplemented', 501), ctx()).message).toContain('CRC32');
  });

  it('an option the upload did not set is not blamed', () => {
    const c = classify(answer('InvalidStorageClass', 400, 'bad'), ctx(DEFAULT_OBJECT_OPTIONS));
    expect(c.text?.key).not.toBe('engineError.option.storageClass');
  });
});
