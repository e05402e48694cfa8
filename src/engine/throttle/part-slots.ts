import { abortError } from '../s3/backoff';

/** A counting semaphore whose waiters can give up when their upload is cancelled. */
export class Limiter {
  private active = 0;
  private readonly waiters: {
    resolve: () => void;
    reject: (e: Error) => void;
    signal?: AbortSignal;
    onAbort: () => void;
  }[] = [];

  constructor(private limit: number) {}

  get inUse(): number {
    return this.active;
  }

  setLimit(limit: number): void {
    this.limit = limit;
    this.pump();
  }

  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: () => resolve(this.releaser()),
        reject,
        signal,
        onAbort: () => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(abortError());
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
      this.pump();
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.pump();
    };
  }

  private pump(): void {
    while (this.active < this.limit && this.waiters.length > 0) {
      const w = this.waiters.shift()!;
      w.signal?.removeEventListener('abort', w.onAbort);
      this.active++;
      w.resolve();
    }
  }
}
