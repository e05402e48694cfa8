import { describe, expect, it } from 'vitest';
import { Limiter } from './part-slots';

describe('Limiter', () => {
  it('never lets more than the limit run, and hands slots on in order', async () => {
    const l = new Limiter(2);
    const r1 = await l.acquire();
    const r2 = await l.acquire();
    let third = false;
    const p3 = l.acquire().then((r) => ((third = true), r));
    await Promise.resolve();
    expect(third).toBe(false);
    expect(l.inUse).toBe(2);
    r1();
    const r3 = await p3;
    expect(third).toBe(true);
    r2();
    r3();
    expect(l.inUse).toBe(0);
  });

  it('lets a waiter give up when its signal aborts, without taking a slot', async () => {
    const l = new Limiter(1);
    const r1 = await l.acquire();
    const ctl = new AbortController();
    const waiting = l.acquire(ctl.signal);
    ctl.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    r1();
    expect(l.inUse).toBe(0);
  });

  it('releases a slot only once, however often release is called', async () => {
    const l = new Limiter(1);
    const r = await l.acquire();
    r();
    r();
    expect(l.inUse).toBe(0);
  });
});
