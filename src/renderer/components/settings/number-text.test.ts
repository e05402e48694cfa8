import { describe, expect, it } from 'vitest';
import { formatSpeedLimit, MAX_SPEED_LIMIT_KIB, parseDigits, parseSpeedLimit } from './number-text';

describe('speed limit text', () => {
  it.each([
    ['20 MiB/s', 20 * 1024],
    ['500 KiB/s', 500],
    ['1.5 MiB/s', 1536],
    ['20MiB', 20 * 1024],
    ['20 mib/s', 20 * 1024],
    ['20', 20 * 1024], // a number alone is in the unit the hint names (MiB/s)
    ['0.5', 512],
    ['2 GiB/s', 2 * 1024 * 1024],
    ['16 MB/s', 16 * 1024], // MB is read as MiB, as the CLI reads it
    ['300k', 300],
    ['2048 B/s', 2],
    ['  8 MiB / s ', 8 * 1024],
    ['２０ＭｉＢ/秒', 20 * 1024], // typed with a Japanese input method
    ['10 GiB/s', MAX_SPEED_LIMIT_KIB],
  ])('reads %j as %d KiB/s', (text, kib) => {
    expect(parseSpeedLimit(text)).toEqual({ ok: true, kib });
  });

  it.each(['', '   ', '0', '0 MiB/s', '0.0'])('reads %j as no limit', (text) => {
    expect(parseSpeedLimit(text)).toEqual({ ok: true, kib: 0 });
  });

  it.each([
    ['-0', 'negative'],
    ['-5 MiB/s', 'negative'],
    ['- 1', 'negative'],
    ['NaN', 'format'],
    ['1e1', 'format'],
    ['0x10', 'format'],
    ['Infinity', 'format'],
    ['+5', 'format'],
    ['5 MiB/h', 'format'],
    ['5 furlongs', 'format'],
    ['1.2.3', 'format'],
    ['20 MiB/s 5', 'format'],
    ['11 GiB/s', 'too-high'],
    ['99999999999999999999999', 'too-high'],
    ['100 B/s', 'too-low'], // would round to 0 KiB/s, which means no limit
  ])('refuses %j (%s)', (text, problem) => {
    expect(parseSpeedLimit(text)).toEqual({ ok: false, problem });
  });

  it.each([
    [0, ''],
    [20 * 1024, '20 MiB/s'],
    [1536, '1.5 MiB/s'],
    [500, '500 KiB/s'],
    [1000, '1000 KiB/s'], // not a round number of MiB: kept exact
    [2 * 1024 * 1024, '2 GiB/s'],
    [1024 * 1024 + 512 * 1024, '1.5 GiB/s'],
  ])('writes %d KiB/s as %j', (kib, text) => {
    expect(formatSpeedLimit(kib)).toBe(text);
  });

  it('reads back what it writes', () => {
    for (const kib of [1, 500, 1000, 1024, 1536, 20 * 1024, 123_456, MAX_SPEED_LIMIT_KIB]) {
      expect(parseSpeedLimit(formatSpeedLimit(kib))).toEqual({ ok: true, kib });
    }
  });
});

describe('plain digits', () => {
  it('reads whole numbers in decimal digits', () => {
    expect(parseDigits('16')).toBe(16);
    expect(parseDigits(' 5120 ')).toBe(5120);
    expect(parseDigits('０８')).toBe(8);
  });

  it.each(['', '1e1', '0x10', '+16', '-5', '16.0', '1_000', 'NaN', 'Infinity', '16 MiB'])('refuses %j', (text) => {
    expect(parseDigits(text)).toBeNaN();
  });
});
