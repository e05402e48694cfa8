import { describe, expect, it } from 'vitest';
import { parseSize } from './sizes';

describe('parseSize', () => {
  it.each([
    ['8MiB', 8 * 1024 ** 2],
    ['5MB', 5 * 1024 ** 2],
    ['16777216', 16777216],
    ['1GiB', 1024 ** 3],
    ['1.5GiB', 1.5 * 1024 ** 3],
    ['64k', 64 * 1024],
    ['8 mib', 8 * 1024 ** 2],
    ['5G', 5 * 1024 ** 3],
    ['100B', 100],
    ['0', 0],
  ])('reads %s', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(['', 'MiB', '8XB', '-5MiB', '1.5', '8 MiB extra', 'eight'])('refuses %j', (text) => {
    expect(parseSize(text)).toBeUndefined();
  });
});
