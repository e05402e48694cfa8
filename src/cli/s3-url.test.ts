import { describe, expect, it } from 'vitest';
import { isS3Url, parseS3Url } from './s3-url';

describe('parseS3Url', () => {
  it('splits bucket and prefix', () => {
    expect(parseS3Url('s3://bucket/photos/2024/')).toEqual({ bucket: 'bucket', prefix: 'photos/2024/' });
  });
  it('treats a bare bucket, with or without the slash, as the root', () => {
    expect(parseS3Url('s3://bucket')).toEqual({ bucket: 'bucket', prefix: '' });
    expect(parseS3Url('s3://bucket/')).toEqual({ bucket: 'bucket', prefix: '' });
  });
  it('keeps a prefix without a slash as an exact key', () => {
    expect(parseS3Url('s3://b/report.pdf')).toEqual({ bucket: 'b', prefix: 'report.pdf' });
  });
  it('keeps unicode and spaces as they are', () => {
    expect(parseS3Url('s3://b/Fotos du été/')).toEqual({ bucket: 'b', prefix: 'Fotos du été/' });
  });
  it('explains what is wrong', () => {
    expect(parseS3Url('s3://')).toEqual({ error: expect.stringContaining('names no bucket') });
    expect(parseS3Url('/tmp/x')).toEqual({ error: expect.stringContaining('"/tmp/x" is not an S3 URL') });
    expect(parseS3Url('s3://my bucket/')).toEqual({ error: expect.stringContaining('whitespace') });
  });
  it('recognises the scheme', () => {
    expect(isS3Url('s3://b')).toBe(true);
    expect(isS3Url('S3://b')).toBe(true);
    expect(isS3Url('https://b')).toBe(false);
    expect(isS3Url('s3:/b')).toBe(false);
  });
});
