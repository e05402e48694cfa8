import { describe, expect, it } from 'vitest';
import { digitGroups } from './digit-groups';

describe('digitGroups', () => {
  it('writes whole numbers as en-US does', () => {
    const samples = [0, 7, 42, 999, 1000, 1001, 9999, 10_000, 65_536, 100_000, 999_999, 1_000_000, 123_456_789];
    for (let n = 1; n < 1e15; n = n * 7 + 3) samples.push(n);
    for (const n of samples) {
      expect(digitGroups(n)).toBe(n.toLocaleString('en-US'));
      if (n > 0) expect(digitGroups(-n)).toBe((-n).toLocaleString('en-US'));
    }
  });

  it('keeps a fraction as it is and groups only the whole part', () => {
    expect(digitGroups(1234.5)).toBe('1,234.5');
    expect(digitGroups(-1234567.25)).toBe('-1,234,567.25');
  });

  it('leaves what has no digit groups as String() writes it', () => {
    expect(digitGroups(Number.NaN)).toBe('NaN');
    expect(digitGroups(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(digitGroups(1e21)).toBe('1e+21');
  });
});
