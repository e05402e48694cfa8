import { describe, expect, it } from 'vitest';
import { keyFor, validateKey } from './keys';

describe('keyFor', () => {
  it('keeps the relative name under a prefix ending in /', () => {
    expect(keyFor('backups/', 'album/2024/写真 1.jpg')).toBe('backups/album/2024/写真 1.jpg');
  });
  it('uses the bare name at the bucket root', () => {
    expect(keyFor('', 'a b.txt')).toBe('a b.txt');
  });
  it('turns Windows separators into /', () => {
    expect(keyFor('p/', 'dir\\sub\\f.txt')).toBe('p/dir/sub/f.txt');
  });
  it('treats a prefix without a trailing / as the exact key', () => {
    expect(keyFor('exact/name.bin', 'local.bin')).toBe('exact/name.bin');
  });
});

describe('validateKey', () => {
  it('refuses keys over 1,024 UTF-8 bytes, naming the file', () => {
    const key = 'é'.repeat(513); // 1,026 bytes
    expect(() => validateKey(key, '/tmp/x.txt')).toThrowError(/x\.txt.*1026 bytes/);
  });
  it('accepts exactly 1,024 bytes', () => {
    expect(() => validateKey('a'.repeat(1024), 'f')).not.toThrow();
  });
});
