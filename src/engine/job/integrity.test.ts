import { describe, expect, it } from 'vitest';
import { refusesChecksumHeader } from './integrity';

describe('a 400 about an object option', () => {
  it('is not taken for a refused checksum header, so the endpoint keeps CRC32', () => {
    const answer = (name: string, message: string) => ({ name, message, $metadata: { httpStatusCode: 400 } });
    expect(refusesChecksumHeader(answer('InvalidArgument', 'The encryption method specified is not supported'))).toBe(
      false,
    );
    expect(refusesChecksumHeader(answer('InvalidArgument', 'Invalid KMS key id'))).toBe(false);
    expect(refusesChecksumHeader(answer('InvalidTag', 'The TagValue you have provided is invalid'))).toBe(false);
    // What the fallback is for stays as it was.
    expect(refusesChecksumHeader(answer('InvalidArgument', 'x-amz-checksum-crc32 is not supported'))).toBe(true);
    expect(refusesChecksumHeader(answer('InvalidRequest', 'Unsupported header x-amz-sdk-checksum-algorithm'))).toBe(
      true,
    );
    expect(refusesChecksumHeader({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } })).toBe(true);
  });
});

describe('a 400 for bytes that did not match their checksum', () => {
  it('is not taken for a refused checksum header: the endpoint took the header, and keeps CRC32', () => {
    const answer = (name: string, message: string) => ({ name, message, $metadata: { httpStatusCode: 400 } });
    expect(
      refusesChecksumHeader(answer('BadDigest', 'The CRC32 you specified did not match the calculated checksum.')),
    ).toBe(false);
    expect(refusesChecksumHeader(answer('XAmzContentChecksumMismatch', 'The provided checksum does not match'))).toBe(
      false,
    );
  });
});
