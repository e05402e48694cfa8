import { describe, expect, it } from 'vitest';
import { keyFor, printable, validateKey, validatePrefix, withSuffix } from './keys';

describe('keyFor', () => {
  it('keeps the relative name under a prefix ending in /', () => {
    expect(keyFor('backups/', 'album/2024/写真 1.jpg', 'f')).toBe('backups/album/2024/写真 1.jpg');
  });
  it('uses the bare name at the bucket root', () => {
    expect(keyFor('', 'a b.txt', 'f')).toBe('a b.txt');
  });
  it('treats a prefix without a trailing / as the exact key', () => {
    expect(keyFor('exact/name.bin', 'local.bin', 'f')).toBe('exact/name.bin');
  });
  it('normalises to NFC, so a macOS (NFD) name gives the same key as a Linux one', () => {
    const nfd = 'Cafe\u0301.txt';
    expect(keyFor('p/', `album/${nfd}`, 'f')).toBe('p/album/Caf\u00e9.txt');
    expect(keyFor('p/', `album/${nfd}`, 'f')).toBe(keyFor('p/', 'album/Caf\u00e9.txt', 'f'));
  });
  it('keeps a \\ in a POSIX name as a character of that name, not a folder', () => {
    expect(keyFor('p/', 'dir/a\\b.txt', 'f')).toBe('p/dir/a\\b.txt');
  });
  it('refuses a name whose \\-separated pieces climb out (..\\..\\evil.txt), naming the file', () => {
    expect(() => keyFor('inbox/', 'album/..\\..\\evil.txt', '/home/ada/album/..\\..\\evil.txt')).toThrowError(
      /album\/\.\.\\\.\.\\evil\.txt cannot be uploaded: .*"\.\." part once "\\" is read as a folder separator.*Rename it/,
    );
    expect(() => keyFor('inbox/', 'album/.\\x', 'f')).toThrowError(/"\." part/);
  });
  it('refuses . and .. parts', () => {
    expect(() => keyFor('', 'album/../x', 'f')).toThrowError(/"\.\." part/);
    expect(() => keyFor('a/./', 'x', 'f')).toThrowError(/"\." part/);
    expect(() => keyFor('', 'album/...', 'f')).not.toThrow();
    expect(() => keyFor('', 'album/.hidden', 'f')).not.toThrow();
  });
  it('refuses control characters with one printable line naming the file', () => {
    for (const c of ['\u0000', '\u001b', '\n', '\u007f', '\u009b']) {
      const name = `album/bad${c}name.txt`;
      let message = '';
      try {
        keyFor('', name, `/tmp/${name}`);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(
        /^\/tmp\/album\/bad\\x[0-9a-f]{2}name\.txt cannot be uploaded: .*control character \(U\+00[0-9A-F]{2}\).*Rename it/,
      );
      expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    }
  });
});

describe('validatePrefix', () => {
  it('refuses .. and control characters in the prefix', () => {
    expect(() => validatePrefix('inbox/../x/')).toThrowError(/prefix "inbox\/\.\.\/x\/" has a "\.\." part/);
    expect(() => validatePrefix('in\u001bbox/')).toThrowError(
      /prefix "in\\x1bbox\/" has a control character \(U\+001B\)/,
    );
    expect(() => validatePrefix('')).not.toThrow();
    expect(() => validatePrefix('a/b.c/')).not.toThrow();
  });
});

describe('printable', () => {
  it('shows control characters as \\xNN and leaves the rest alone', () => {
    expect(printable('a\u001b[31mb\n写真')).toBe('a\\x1b[31mb\\x0a写真');
    expect(printable('evil\u202etxt.exe')).toBe('evil\\u202etxt.exe');
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

describe('withSuffix', () => {
  it('puts " (n)" before the extension, keeping folders and dot-files whole', () => {
    expect(withSuffix('dir/photo.jpg', 2)).toBe('dir/photo (2).jpg');
    expect(withSuffix('dir/README', 2)).toBe('dir/README (2)');
    expect(withSuffix('dir/.env', 3)).toBe('dir/.env (3)');
    expect(withSuffix('a.b/c', 1)).toBe('a.b/c (1)');
  });
});
