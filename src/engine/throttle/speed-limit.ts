// An upload speed limit: a token bucket that bytes must pass on their way to the socket. Shared by every request it
// covers, so the limit holds for the sum of all parts in flight, not per connection.

const BURST_SECONDS = 0.1;

export class RateLimiter {
  private tokens: number;
  private last = performance.now();
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly bytesPerSecond: number) {
    this.tokens = bytesPerSecond * BURST_SECONDS;
  }

  /** Resolves once n bytes may go out. Callers are served in order, so no request starves. */
  take(n: number): Promise<void> {
    const turn = this.queue.then(() => this.wait(n));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async wait(n: number): Promise<void> {
    this.refill();
    this.tokens -= n;
    if (this.tokens >= 0) return;
    const ms = (-this.tokens / this.bytesPerSecond) * 1000;
    await new Promise((r) => setTimeout(r, ms));
    this.refill();
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
