// Runs one request with Hoist's retry policy: transient errors back off and try again, permanent ones end at once,
// and an unreachable endpoint gives up after a bounded time so the user hears about it.
import { abortError, backoffDelay, sleep, type RetryWake } from './backoff';
import { followedBy } from './error-messages';
import { classify, neverReached, type ClassifiedError, type ErrorContext } from './errors';

const UNREACHABLE_MAX_DELAY_MS = 5000;

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  /** Give up on an unreachable endpoint once this long has passed since the first such failure. */
  unreachableBudgetMs: number;
  /**
   * A shorter deadline for an endpoint that no request has reached yet in this run (EngineOptions.unreachableAtStartMs):
   * a wrong URL or a server that is not running, rather than a network that went away. Absent: no such deadline.
   */
  atStart?: StartDeadline;
  /** Ends the waits early when the user presses Try now (one per engine). */
  wake?: RetryWake;
}

/**
 * Which endpoints have answered a request in this run, and since when the others have been refusing. Shared by every
 * request of one engine, so that the deadline runs from the first refusal of any of them: the files after the first
 * one that gave up do not each wait it out again.
 */
export class StartDeadline {
  private readonly reached = new Set<string>();
  private readonly refusedSince = new Map<string, number>();

  constructor(readonly ms: number) {}

  answered(endpoint: string): void {
    this.reached.add(endpoint);
    this.refusedSince.delete(endpoint);
  }

  /** Ms left before giving up on an endpoint refusing now; undefined once it has ever answered. */
  left(endpoint: string, now: number): number | undefined {
    if (this.reached.has(endpoint)) return undefined;
    const since = this.refusedSince.get(endpoint) ?? now;
    this.refusedSince.set(endpoint, since);
    return this.ms - (now - since);
  }
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
  // Only answers from a reachable server use up attempts: an outage is waited out for unreachableBudgetMs instead.
  let failures = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await run(attempt);
      policy.atStart?.answered(ctx.endpoint);
      return result;
    } catch (err) {
      // Once the job is stopping, whatever the request died of is a consequence of the stop, not its reason.
      if (signal.aborted) throw abortError();
      const c = classify(err, ctx);
      if (c.class === 'aborted') throw err;
      if (c.class === 'permanent') throw new RequestFailed(c);
      let delay: number;
      if (c.class === 'unreachable') {
        firstUnreachableAt ??= Date.now();
        const waited = Date.now() - firstUnreachableAt;
        if (waited >= policy.unreachableBudgetMs) {
          throw new RequestFailed(
            followedBy(c, 'engineError.gaveUpAfterSeconds', { seconds: Math.round(waited / 1000) }),
          );
        }
        const startLeft = policy.atStart?.left(ctx.endpoint, Date.now()) ?? Number.POSITIVE_INFINITY;
        if (startLeft <= 0) throw new RequestFailed(neverReached(err, ctx, policy.atStart!.ms));
        // Short waits while the network is down, so that its return is noticed within seconds.
        delay = Math.min(
          backoffDelay(attempt, policy.baseDelayMs),
          UNREACHABLE_MAX_DELAY_MS,
          policy.unreachableBudgetMs - waited,
          startLeft,
        );
      } else {
        firstUnreachableAt = undefined;
        if (++failures >= policy.maxAttempts) {
          throw new RequestFailed(
            failures === 1
              ? followedBy(c, 'engineError.gaveUpAfterAttempts.one')
              : followedBy(c, 'engineError.gaveUpAfterAttempts', { count: failures }),
          );
        }
        delay = backoffDelay(failures, policy.baseDelayMs);
      }
      hooks.onRetry?.(attempt, delay, c);
      await sleep(delay, signal, policy.wake);
    }
  }
}
