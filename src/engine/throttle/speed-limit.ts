// An upload speed limit: a token bucket that bytes must pass on their way to the socket. Shared by every request it
// covers, so the limit holds for the sum of all parts in flight, not per connection.

import { sleep } from '../s3/backoff';

const BURST_SECONDS = 0.1;

export class RateLimiter {
  private tokens: number;
  private last = performance.now();
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly bytesPerSecond: number) {
    this.tokens = bytesPerSecond * BURST_SECONDS;
  }

  /**
   * Resolves once n bytes may go out. Callers are served in order, so no request starves. A caller whose signal is
   * aborted (its request was cancelled, paused or answered) gives its turn up: it takes nothing when its turn comes,
   * and one already waiting stops waiting and gives its bytes back, so the next caller is not held for bytes that
   * will never be sent. It resolves either way; the caller checks whether it still sends.
   */
  take(n: number, signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.wait(n, signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async wait(n: number, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return;
    this.refill();
    this.tokens -= n;
    if (this.tokens >= 0) return;
    const ms = (-this.tokens / this.bytesPerSecond) * 1000;
    try {
      await sleep(ms, signal);
      this.refill();
    } catch {
      // Given up while it waited: its bytes go back.
      this.refill();
      this.tokens = Math.min(this.bytesPerSecond * BURST_SECONDS, this.tokens + n);
    }
  }

  private refill(): void {
    const now = performance.now();
    this.tokens = Math.min(
      this.bytesPerSecond * BURST_SECONDS,
      this.tokens + ((now - this.last) / 1000) * this.bytesPerSecond,
    );
    this.last = now;
  }
}
