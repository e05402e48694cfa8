// Exponential backoff with full jitter, and a sleep that a cancel cuts short.

export function backoffDelay(attempt: number, baseMs: number, capMs = 20_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  // Half fixed, half random: spreads retries from many parts without ever retrying instantly.
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** Waits ms; a cancel (signal) cuts it short with an AbortError, and wake (Try now) ends it early. */
export function sleep(ms: number, signal?: AbortSignal, wake?: RetryWake): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const end = (outcome: () => void): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      wake?.forget(done);
      outcome();
    };
    const done = (): void => end(resolve);
    const onAbort = (): void => end(() => reject(abortError()));
    const timer = setTimeout(done, ms);
    wake?.add(done);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The engine's "Try now": waits between attempts are registered with it (sleep's wake), and wakeAll() ends every one
 * of them at once, so a user who knows the network is back need not wait out the backoff.
 */
export class RetryWake {
  private readonly waiting = new Set<() => void>();

  add(end: () => void): void {
    this.waiting.add(end);
  }

  forget(end: () => void): void {
    this.waiting.delete(end);
  }

  /** Ends every wait now; answers how many there were. */
  wakeAll(): number {
    const all = [...this.waiting];
    for (const end of all) end();
    return all.length;
  }
}

export function abortError(): Error {
  const err = new Error('Aborted');
  err.name = 'AbortError';
  return err;
}
