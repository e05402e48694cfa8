import { renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useNow } from './use-now';

afterEach(() => vi.restoreAllMocks());

describe('useNow', () => {
  it('gives the current time on the first render that ticks, not the time the component mounted', () => {
    let clock = 1_000;
    vi.spyOn(Date, 'now').mockImplementation(() => clock);
    const seen: number[] = [];
    const { rerender } = renderHook(
      ({ ticking }) => {
        const now = useNow(ticking);
        seen.push(now);
        return now;
      },
      { initialProps: { ticking: false } },
    );
    // The row showed "Uploading" for 10 s, then turned to "retrying": every render from then on reads 11 000,
    // never the 1 000 the hook was mounted with (which showed "Retrying in 11 s" for a retry due in 1 s).
    clock = 11_000;
    seen.length = 0;
    rerender({ ticking: true });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((n) => n === 11_000)).toBe(true);
  });
});
