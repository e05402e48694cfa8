import { describe, expect, it } from 'vitest';
import { bar, fitStart, formatBytes, formatEta, formatRate, percent } from './format';

describe('format', () => {
  it('prints sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(41 * 1024 * 1024)).toBe('41.0 MiB');
    expect(formatBytes(1.5 * 1024 ** 4)).toBe('1.5 TiB');
  });
  it('prints speeds and ETAs', () => {
    expect(formatRate(0)).toBe('-- B/s');
    expect(formatRate(2 * 1024 * 1024)).toBe('2.0 MiB/s');
    expect(formatEta(null)).toBe('--:--');
    expect(formatEta(7.2)).toBe('0:08');
    expect(formatEta(3723)).toBe('1:02:03');
  });
  it('draws bars and cuts long names from the start', () => {
    expect(bar(0.5, 4)).toBe('██░░');
    expect(percent(0, 0)).toBe(100);
    expect(fitStart('a/very/long/name.txt', 10)).toBe('…/name.txt');
  });
});
