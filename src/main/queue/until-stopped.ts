// Waiting for work that may not heed a stop: an add stopped by Cancel all or Stop adding returns at once, even while
// a check it started (one that takes no signal, or a server slow to answer the abort) is still out.

/** work's outcome, or, once signal says stop, its reason at once; the work itself is left to end by itself. */
export function untilStopped<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  let onAbort = (): void => undefined;
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason as Error);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([work, stopped]).finally(() => signal.removeEventListener('abort', onAbort));
}
