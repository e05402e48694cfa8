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

  it('keeps what the server confirmed when bytes in flight are taken back (a pause, a drop, a cancel)', () => {
    const m = new ProgressMeter();
    m.add(300); // part 1 out...
    m.confirm(300); // ...and answered
    m.add(250); // part 2 in flight
    m.takeBack(250); // the network drops
    expect({ confirmed: m.confirmed, loaded: m.loaded }).toEqual({ confirmed: 300, loaded: 300 });
    // A resume starts from what was confirmed, until the server's listing recounts it.
    m.restart(true);
    expect({ confirmed: m.confirmed, loaded: m.loaded }).toEqual({ confirmed: 300, loaded: 300 });
    m.recount(300);
    expect(m.loaded).toBe(300);
    // A retry starts the file over.
    m.restart(false);
    expect({ confirmed: m.confirmed, loaded: m.loaded }).toEqual({ confirmed: 0, loaded: 0 });
  });

  it('an answer that comes before the body reported its last bytes is kept whole', () => {
    const m = new ProgressMeter();
    m.add(100);
    m.confirm(150); // the part's last 50 bytes are counted just after its answer
    m.add(50);
    expect({ confirmed: m.confirmed, loaded: m.loaded }).toEqual({ confirmed: 150, loaded: 150 });
  });

  it('has no ETA without speed', () => {
    expect(etaSeconds(100, 0, 0)).toBeNull();
    expect(etaSeconds(100, 50, 25)).toBe(2);
  });
});
