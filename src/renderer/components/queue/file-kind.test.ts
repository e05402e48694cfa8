import { describe, expect, it } from 'vitest';
import { fileKindOf } from './file-kind';

describe('file kind by extension', () => {
  it('sorts names into the icon kinds, whatever the case of the extension', () => {
    expect(fileKindOf('IMG_2041.JPG')).toBe('image');
    expect(fileKindOf('holiday.mov')).toBe('video');
    expect(fileKindOf('song.flac')).toBe('audio');
    expect(fileKindOf('report-2024.pdf')).toBe('document');
    expect(fileKindOf('backup.tar.gz')).toBe('archive');
    expect(fileKindOf('main.ts')).toBe('code');
    expect(fileKindOf('notes.txt')).toBe('code');
  });

  it('falls back to a plain page for no extension, a dot file or an unknown extension', () => {
    expect(fileKindOf('Makefile')).toBe('other');
    expect(fileKindOf('.bashrc')).toBe('other');
    expect(fileKindOf('trailing.')).toBe('other');
    expect(fileKindOf('data.bin')).toBe('other');
  });
});
