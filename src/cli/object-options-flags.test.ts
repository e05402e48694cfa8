// cp's upload option flags, through resolveCp as the command reads them: each flag's value on the target, and a
// usage error (exit 2) naming the flag for a bad one.
import { describe, expect, it } from 'vitest';
import { UsageError } from './args';
import { resolveCp } from './cp-options';

describe('resolveCp: object options', () => {
  const opts = (...flags: string[]) => resolveCp(['a', 's3://b/', ...flags], {}).target.objectOptions!;
  const usage = (...flags: string[]) => {
    try {
      resolveCp(['a', 's3://b/', ...flags], {});
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError);
      return (err as Error).message;
    }
    throw new Error(`no usage error for ${flags.join(' ')}`);
  };

  it('maps every flag', () => {
    expect(
      opts(
        '--content-type',
        'text/plain; charset=utf-8',
        '--cache-control',
        'max-age=60',
        '--content-disposition',
        'attachment',
        '--metadata',
        'Owner=ada',
        '--metadata',
        'q=a=b',
        '--tag',
        'team=data',
        '--tag=empty=',
        '--storage-class',
        'standard_ia',
        '--sse',
        'aws:kms',
        '--sse-kms-key-id',
        'alias/k',
        '--acl',
        'public-read',
      ),
    ).toEqual({
      contentType: { mode: 'fixed', value: 'text/plain; charset=utf-8' },
      cacheControl: 'max-age=60',
      contentDisposition: 'attachment',
      metadata: [
        { key: 'Owner', value: 'ada' },
        { key: 'q', value: 'a=b' },
      ],
      tags: [
        { key: 'team', value: 'data' },
        { key: 'empty', value: '' },
      ],
      storageClass: 'STANDARD_IA',
      encryption: { mode: 'aws:kms', keyId: 'alias/k' },
      acl: 'public-read',
    });
    expect(opts('--content-type', 'auto').contentType).toEqual({ mode: 'auto' });
    expect(opts('--no-guess-mime-type').contentType).toEqual({ mode: 'none' });
    expect(opts('--sse', 'AES256').encryption).toEqual({ mode: 'AES256' });
  });

  it('refuses bad values with a message naming the flag and what to do', () => {
    expect(usage('--content-type', 'text')).toBe(
      '--content-type: Content-Type "text" is not a media type. Use the form type/subtype, such as text/plain or image/png.',
    );
    expect(usage('--no-guess-mime-type', '--content-type', 'text/plain')).toMatch(/Give one or the other/);
    expect(usage('--metadata', 'novalue')).toMatch(/^--metadata: "novalue" is not key=value/);
    expect(usage('--metadata', 'a b=c')).toMatch(/^--metadata: Metadata key "a b" is not allowed/);
    expect(usage('--tag', `k=${'v'.repeat(257)}`)).toBe(
      '--tag: The value of tag "k" is 257 characters long; S3 allows 256.',
    );
    expect(usage(...Array.from({ length: 11 }, (_, i) => `--tag=k${i}=v`))).toMatch(/11 tags given; S3 allows 10/);
    expect(usage('--storage-class', 'COLD')).toBe(
      '--storage-class must be one of STANDARD, STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER_IR, GLACIER, DEEP_ARCHIVE, REDUCED_REDUNDANCY (got "COLD").',
    );
    expect(usage('--sse', 'kms')).toMatch(/^--sse must be one of AES256, aws:kms/);
    expect(usage('--sse-kms-key-id', 'alias/k')).toMatch(/needs --sse aws:kms/);
    expect(usage('--sse', 'AES256', '--sse-kms-key-id', 'alias/k')).toMatch(/only with --sse aws:kms/);
    expect(usage('--sse', 'aws:kms', '--sse-kms-key-id', 'alias/my key')).toMatch(/^--sse-kms-key-id: KMS key/);
    expect(usage('--acl', 'public-read-write')).toBe(
      '--acl must be one of private, public-read, bucket-owner-full-control (got "public-read-write").',
    );
    expect(usage('--cache-control', 'max-age=1\r\nX-Evil: 1')).toMatch(/^--cache-control: Cache-Control may hold/);
  });
});
