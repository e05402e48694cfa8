import { describe, expect, it } from 'vitest';
import { DEFAULT_OBJECT_OPTIONS, type ObjectOptions } from '../../shared/object-options';
import { detectContentType, objectFields, objectHeaders, sdkObjectParams, tagQuery } from './object-fields';

describe('content type', () => {
  it('comes from the extension by the mime table, whatever its case; unknown or none gives no header', () => {
    expect(detectContentType('index.html')).toBe('text/html');
    expect(detectContentType('photo.JPG')).toBe('image/jpeg');
    expect(detectContentType('data.json')).toBe('application/json');
    expect(detectContentType('archive.tar.gz')).toBe('application/gzip');
    expect(detectContentType('写真.png')).toBe('image/png');
    expect(detectContentType('Makefile')).toBeUndefined();
    expect(detectContentType('blob.hoistunknownext')).toBeUndefined();
  });

  it("'auto' (and no options at all) detects, 'fixed' sends the one type, 'none' sends none", () => {
    expect(objectFields(undefined, 'a.css')).toEqual({ contentType: 'text/css' });
    expect(objectFields(DEFAULT_OBJECT_OPTIONS, 'a.css')).toEqual({ contentType: 'text/css' });
    const fixed: ObjectOptions = { ...DEFAULT_OBJECT_OPTIONS, contentType: { mode: 'fixed', value: ' text/x-a ' } };
    expect(objectFields(fixed, 'a.css')).toEqual({ contentType: 'text/x-a' });
    const none: ObjectOptions = { ...DEFAULT_OBJECT_OPTIONS, contentType: { mode: 'none' } };
    expect(objectFields(none, 'a.css')).toEqual({});
  });
});

describe('object fields', () => {
  const full: ObjectOptions = {
    contentType: { mode: 'auto' },
    cacheControl: 'no-cache',
    contentDisposition: 'inline',
    metadata: [{ key: 'Owner', value: 'ada' }],
    tags: [
      { key: 'a b', value: 'c&d=e' },
      { key: "it's", value: '日本' },
    ],
    storageClass: 'STANDARD_IA',
    encryption: { mode: 'aws:kms', keyId: 'alias/k' },
    acl: 'public-read',
  };

  it('tags go URL-encoded, as a query string', () => {
    expect(tagQuery(full.tags)).toBe('a%20b=c%26d%3De&it%27s=%E6%97%A5%E6%9C%AC');
  });

  it('are the same in SDK fields and raw headers', () => {
    const f = objectFields(full, 'x.txt');
    expect(sdkObjectParams(f)).toEqual({
      ContentType: 'text/plain',
      CacheControl: 'no-cache',
      ContentDisposition: 'inline',
      Metadata: { owner: 'ada' },
      Tagging: 'a%20b=c%26d%3De&it%27s=%E6%97%A5%E6%9C%AC',
      StorageClass: 'STANDARD_IA',
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: 'alias/k',
      ACL: 'public-read',
    });
    expect(objectHeaders(f)).toEqual({
      'content-type': 'text/plain',
      'cache-control': 'no-cache',
      'content-disposition': 'inline',
      'x-amz-meta-owner': 'ada',
      'x-amz-tagging': 'a%20b=c%26d%3De&it%27s=%E6%97%A5%E6%9C%AC',
      'x-amz-storage-class': 'STANDARD_IA',
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': 'alias/k',
      'x-amz-acl': 'public-read',
    });
  });

  it('AES256 sends no key, and the defaults send only the type', () => {
    expect(objectFields({ ...full, encryption: { mode: 'AES256' } }, 'x').sse).toBe('AES256');
    expect(objectFields({ ...full, encryption: { mode: 'AES256' } }, 'x').kmsKeyId).toBeUndefined();
    expect(objectHeaders(objectFields(DEFAULT_OBJECT_OPTIONS, 'x.bin'))).toEqual({
      'content-type': 'application/octet-stream',
    });
  });
});
