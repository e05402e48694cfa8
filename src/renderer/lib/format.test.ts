import { describe, expect, it } from 'vitest';
import { formatBytes, formatSpeed } from './format';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

describe('formatBytes: binary units, steps of 1024', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1023, '1,023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [5 * MiB, '5.0 MiB'],
    [8 * MiB, '8.0 MiB'],
    [64_000_000, '61.0 MiB'],
    [120 * MiB, '120 MiB'],
    [1.5 * GiB, '1.5 GiB'],
    [5 * 1024 * GiB, '5.0 TiB'],
  ])('%d bytes → %j', (bytes, text) => {
    expect(formatBytes(bytes, 'en-US')).toBe(text);
  });

  it('never writes 1,024 of a unit: the next unit takes over', () => {
    expect(formatBytes(MiB - 100, 'en-US')).toBe('1.0 MiB');
    expect(formatBytes(1023.7, 'en-US')).toBe('1.0 KiB');
  });

  it('drops the decimal where it would read 100.0', () => {
    expect(formatBytes(99.96 * MiB, 'en-US')).toBe('100 MiB');
    expect(formatBytes(99.9 * MiB, 'en-US')).toBe('99.9 MiB');
  });

  it('follows the language for the digits', () => {
    expect(formatBytes(1.5 * MiB, 'de-DE')).toBe('1,5 MiB');
    expect(formatBytes(1.5 * MiB, 'ja')).toBe('1.5 MiB');
  });

  it('says nothing for what is not a size', () => {
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
    expect(formatBytes(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('writes speeds in the same units, per second', () => {
    expect(formatSpeed(20 * MiB, 'en-US')).toBe('20.0 MiB/s');
    expect(formatSpeed(500 * KiB, 'en-US')).toBe('500 KiB/s');
  });
});
