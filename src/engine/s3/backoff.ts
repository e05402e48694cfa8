// Exponential backoff with full jitter, and a sleep that a cancel cuts short.

export function backoffDelay(attempt: number, baseMs: number, capMs = 20_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  // Half fixed, half random: spreads retries from many parts without ever retrying instantly.
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The engine's "Try now": waits between attempts go through it, and wakeAll() ends every one of them at once, so a
 * user who knows the network is back need not wait out the backoff.
 */
export class RetryWake {
  private readonly waiting = new Set<() => void>();

  /** Like sleep(), but also ended by wakeAll(). */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError());
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.waiting.delete(done);
        resolve();
      };
      const onAbort = (): void => {
        clearTimeout(timer);
        this.waiting.delete(done);
        reject(abortError());
      };
      const timer = setTimeout(done, ms);
      this.waiting.add(done);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Ends every wait now; answers how many there were. */
  wakeAll(): number {
    const all = [...this.waiting];
    for (const done of all) done();
    return all.length;
  }
}

export function abortError(): Error {
  const err = new Error('Aborted');
  err.name = 'AbortError';
  return err;
}
