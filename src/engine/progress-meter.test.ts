import { describe, expect, it } from 'vitest';
import { etaSeconds, ProgressMeter } from './progress-meter';

describe('ProgressMeter', () => {
  it('takes back the bytes of a failed part but keeps counting them as sent', () => {
    const m = new ProgressMeter();
    m.add(1000);
    m.takeBack(600);
    expect(m.loaded).toBe(400);
    expect(m.sent).toBe(1000);
  });

  it('computes speed over its window', () => {
    const m = new ProgressMeter();
    m.sample(0);
    m.add(500_000);
    m.sample(500);
    expect(m.bytesPerSecond(500)).toBe(1_000_000);
  });

  it('notifies on every change', () => {
    let calls = 0;
    const m = new ProgressMeter(() => calls++);
    m.add(1);
    m.takeBack(1);
    expect(calls).toBe(2);
  });

  it('has no ETA without speed', () => {
    expect(etaSeconds(100, 0, 0)).toBeNull();
    expect(etaSeconds(100, 50, 25)).toBe(2);
  });
});
