import { describe, expect, it } from 'vitest';
import { RetryWake } from './backoff';
import { withRetries } from './with-retries';

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
const ctx = { file: '/f', bucket: 'b', key: 'k', endpoint: 'http://127.0.0.1:9' };

/** A request that is refused `n` times (the network is down), then answers. */
function downFor(n: number): () => Promise<string> {
  let calls = 0;
  return async () => {
    if (++calls <= n) throw refused();
    return 'answered';
  };
}

describe('withRetries and an unreachable endpoint', () => {
  it('gives up once the budget has passed', async () => {
    const policy = { maxAttempts: 5, baseDelayMs: 1, unreachableBudgetMs: 30 };
    await expect(withRetries(downFor(10_000), policy, ctx, new AbortController().signal)).rejects.toThrow(/Cannot reach http:\/\/127\.0\.0\.1:9.*Gave up/);
  });

  // The app's policy (src/main/services.ts appEngineOptions, checked there): no deadline for an unreachable endpoint.
  it('with no deadline, waits for as long as the outage lasts and goes on when the endpoint answers', async () => {
    const budget = Number.POSITIVE_INFINITY;
    // Twelve refusals take at least 1 s of backoff with a 1 ms base: a bounded budget of 300 ms gives up on them...
    await expect(withRetries(downFor(12), { maxAttempts: 5, baseDelayMs: 1, unreachableBudgetMs: 300 }, ctx, new AbortController().signal)).rejects.toThrow(/Gave up/);
    // ...the app's waits them out, and more refusals than maxAttempts do not end it either.
    const waits: number[] = [];
    const result = await withRetries(downFor(12), { maxAttempts: 5, baseDelayMs: 1, unreachableBudgetMs: budget }, ctx, new AbortController().signal, {
      onRetry: (_a, delay) => waits.push(delay),
    });
    expect(result).toBe('answered');
    expect(waits).toHaveLength(12);
    expect(waits.every((d) => Number.isFinite(d) && d >= 0)).toBe(true);
  });

  it('Try now ends the wait before the next attempt at once', async () => {
    const wake = new RetryWake();
    const policy = { maxAttempts: 5, baseDelayMs: 60_000, unreachableBudgetMs: Number.POSITIVE_INFINITY, wake };
    let waiting: () => void = () => undefined;
    const started = Date.now();
    const attempt = withRetries(downFor(1), policy, ctx, new AbortController().signal, { onRetry: () => waiting() });
    await new Promise<void>((r) => (waiting = r));
    // The backoff after one refusal is seconds long (capped at 5 s while unreachable); the wake ends it.
    expect(wake.wakeAll()).toBe(1);
    await expect(attempt).resolves.toBe('answered');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(wake.wakeAll()).toBe(0);
  });

  it('a cancel still ends a wait that Try now could end', async () => {
    const wake = new RetryWake();
    const stop = new AbortController();
    let waiting: () => void = () => undefined;
    const attempt = withRetries(downFor(5), { maxAttempts: 5, baseDelayMs: 60_000, unreachableBudgetMs: Number.POSITIVE_INFINITY, wake }, ctx, stop.signal, { onRetry: () => waiting() });
    await new Promise<void>((r) => (waiting = r));
    stop.abort();
    await expect(attempt).rejects.toThrow(/Aborted/);
    expect(wake.wakeAll()).toBe(0);
  });
});
