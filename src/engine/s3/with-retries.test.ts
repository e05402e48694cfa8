import { describe, expect, it } from 'vitest';
import { RetryWake } from './backoff';
import { StartDeadline, withRetries } from './with-retries';

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
    await expect(withRetries(downFor(10_000), policy, ctx, new AbortController().signal)).rejects.toThrow(
      /Cannot reach http:\/\/127\.0\.0\.1:9.*Gave up/,
    );
  });

  // The app's policy (src/main/services.ts appEngineOptions, checked there): no deadline for an unreachable endpoint.
  it('with no deadline, waits for as long as the outage lasts and goes on when the endpoint answers', async () => {
    const budget = Number.POSITIVE_INFINITY;
    // Twelve refusals take at least 1 s of backoff with a 1 ms base: a bounded budget of 300 ms gives up on them...
    await expect(
      withRetries(
        downFor(12),
        { maxAttempts: 5, baseDelayMs: 1, unreachableBudgetMs: 300 },
        ctx,
        new AbortController().signal,
      ),
    ).rejects.toThrow(/Gave up/);
    // ...the app's waits them out, and more refusals than maxAttempts do not end it either.
    const waits: number[] = [];
    const result = await withRetries(
      downFor(12),
      { maxAttempts: 5, baseDelayMs: 1, unreachableBudgetMs: budget },
      ctx,
      new AbortController().signal,
      {
        onRetry: (_a, delay) => waits.push(delay),
      },
    );
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
    const attempt = withRetries(
      downFor(5),
      { maxAttempts: 5, baseDelayMs: 60_000, unreachableBudgetMs: Number.POSITIVE_INFINITY, wake },
      ctx,
      stop.signal,
      { onRetry: () => waiting() },
    );
    await new Promise<void>((r) => (waiting = r));
    stop.abort();
    await expect(attempt).rejects.toThrow(/Aborted/);
    expect(wake.wakeAll()).toBe(0);
  });
});

describe('withRetries and an endpoint that has never answered (EngineOptions.unreachableAtStartMs)', () => {
  const policy = (atStart: StartDeadline) => ({ maxAttempts: 5, baseDelayMs: 1, unreachableBudgetMs: 60_000, atStart });

  it('gives up after the start deadline, not the outage budget, with one message naming the endpoint and what to check', async () => {
    const started = Date.now();
    const retries: number[] = [];
    const attempt = withRetries(downFor(10_000), policy(new StartDeadline(150)), ctx, new AbortController().signal, {
      onRetry: (a) => retries.push(a),
    });
    await expect(attempt).rejects.toThrow(
      'Cannot reach http://127.0.0.1:9 (ECONNREFUSED): no request to it has succeeded, and Hoist gave up after 1 s. Check the endpoint URL and that the server is running there.',
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(retries.length).toBeGreaterThan(0);
  });

  it('one deadline per endpoint and engine: a request after it has passed fails at its first refusal', async () => {
    const start = new StartDeadline(100);
    await expect(withRetries(downFor(10_000), policy(start), ctx, new AbortController().signal)).rejects.toThrow(
      /gave up after/,
    );
    let calls = 0;
    const next = withRetries(
      async () => {
        calls++;
        throw refused();
      },
      policy(start),
      ctx,
      new AbortController().signal,
    );
    await expect(next).rejects.toThrow(/no request to it has succeeded/);
    expect(calls).toBe(1);
    // Another endpoint has its own.
    let other = 0;
    await expect(
      withRetries(
        async () => {
          other++;
          throw refused();
        },
        policy(start),
        { ...ctx, endpoint: 'http://127.0.0.1:10' },
        new AbortController().signal,
      ),
    ).rejects.toThrow(/127\.0\.0\.1:10/);
    expect(other).toBeGreaterThan(1);
  });

  it('once a request to the endpoint has succeeded, a later outage gets the whole budget', async () => {
    const start = new StartDeadline(50);
    await expect(withRetries(async () => 'ok', policy(start), ctx, new AbortController().signal)).resolves.toBe('ok');
    // Six refusals take ~300-600 ms of backoff, far more than the 50 ms deadline: waited out, then answered.
    const down = withRetries(
      downFor(6),
      { maxAttempts: 5, baseDelayMs: 10, unreachableBudgetMs: 60_000, atStart: start },
      ctx,
      new AbortController().signal,
    );
    await expect(down).resolves.toBe('answered');
    // And with a bounded budget, the give-up is the outage's.
    const gone = withRetries(
      downFor(10_000),
      { maxAttempts: 5, baseDelayMs: 1, unreachableBudgetMs: 100, atStart: start },
      ctx,
      new AbortController().signal,
    );
    await expect(gone).rejects.toThrow(/Check the endpoint URL and your network\. Gave up after 0 s\./);
  });

  it('without a start deadline (the app), nothing changes: the budget alone decides', async () => {
    await expect(
      withRetries(
        downFor(6),
        { maxAttempts: 5, baseDelayMs: 10, unreachableBudgetMs: 60_000 },
        ctx,
        new AbortController().signal,
      ),
    ).resolves.toBe('answered');
  });
});

describe('withRetries and a server that answers with errors', () => {
  it('counts attempts in English', async () => {
    const busy = () =>
      Object.assign(new Error('Please reduce your request rate.'), {
        name: 'SlowDown',
        Code: 'SlowDown',
        $metadata: { httpStatusCode: 503 },
      });
    const fail = async (): Promise<never> => {
      throw busy();
    };
    await expect(
      withRetries(
        fail,
        { maxAttempts: 1, baseDelayMs: 1, unreachableBudgetMs: 100 },
        ctx,
        new AbortController().signal,
      ),
    ).rejects.toThrow(/Gave up after 1 attempt\.$/);
    await expect(
      withRetries(
        fail,
        { maxAttempts: 2, baseDelayMs: 1, unreachableBudgetMs: 100 },
        ctx,
        new AbortController().signal,
      ),
    ).rejects.toThrow(/Gave up after 2 attempts\.$/);
  });
});
