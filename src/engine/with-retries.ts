// Runs one request with Hoist's retry policy: transient errors back off and try again, permanent ones end at once,
// and an unreachable endpoint gives up after a bounded time so the user hears about it.
import { backoffDelay, sleep } from './backoff';
import { classify, type ClassifiedError, type ErrorContext } from './errors';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  /** Give up on an unreachable endpoint once this long has passed since the first such failure. */
  unreachableBudgetMs: number;
}

export class RequestFailed extends Error {
  constructor(readonly detail: ClassifiedError) {
    super(detail.message);
    this.name = 'RequestFailed';
  }
}

export interface RetryHooks {
  /** Called before each wait, so the UI can say "retrying in N s". */
  onRetry?(attempt: number, delayMs: number, reason: ClassifiedError): void;
}

export async function withRetries<T>(
  run: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  ctx: ErrorContext,
  signal: AbortSignal,
  hooks: RetryHooks = {},
): Promise<T> {
  let firstUnreachableAt: number | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt);
    } catch (err) {
      const c = classify(err, ctx);
      if (c.class === 'aborted' || signal.aborted) throw err;
      if (c.class === 'permanent') throw new RequestFailed(c);
      if (c.class === 'unreachable') {
        firstUnreachableAt ??= Date.now();
        if (Date.now() - firstUnreachableAt >= policy.unreachableBudgetMs) throw new RequestFailed(c);
      }
      if (attempt >= policy.maxAttempts) throw new RequestFailed({ ...c, message: `${c.message} Gave up after ${attempt} attempts.` });
      const delay = backoffDelay(attempt, policy.baseDelayMs);
      hooks.onRetry?.(attempt, delay, c);
      await sleep(delay, signal);
    }
  }
}
