// The clock an endpoint's requests are signed with: this machine's, corrected by what the server said its time was.
// A signature more than 15 minutes off the server's clock is refused (RequestTimeTooSkewed), so a machine whose clock
// is wrong could upload nothing; the server's Date header says by how much, and every later request uses that.

export class EndpointClock {
  private offset = 0;

  /** `local` is the machine's clock (a test passes a wrong one). */
  constructor(private readonly local: () => number = Date.now) {}

  /** Milliseconds to add to the machine's clock to get the server's. */
  get offsetMs(): number {
    return this.offset;
  }

  now(): Date {
    return new Date(this.local() + this.offset);
  }

  /**
   * Learns the server's time from its Date header after a skew refusal; answers whether the offset changed (so that
   * one more attempt may pass). A missing or unreadable header teaches nothing.
   */
  learn(serverDate: string | undefined): boolean {
    const server = serverDate ? Date.parse(serverDate) : Number.NaN;
    if (Number.isNaN(server)) return false;
    const next = server - this.local();
    // The Date header has whole seconds: an offset within a few seconds of the one in use is the same offset.
    if (Math.abs(next - this.offset) < 2000) return false;
    this.offset = next;
    return true;
  }
}

/** Whether an error is the server refusing the request's time (S3's code, and the words of servers that differ). */
export function isClockSkew(err: unknown): boolean {
  const e = (err ?? {}) as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  if (e.name === 'RequestTimeTooSkewed') return true;
  const status = e.$metadata?.httpStatusCode;
  // Some servers answer AccessDenied/403 with words about the request's time instead of the S3 code.
  return status === 403 && /request time|time too skewed|clock skew/i.test(e.message ?? '');
}

const clockFixed = new WeakSet<object>();

/** Marks a skew refusal after which the endpoint's clock was corrected: the same request may pass at once. */
export function markClockFixed(err: unknown): void {
  if (err && typeof err === 'object') clockFixed.add(err);
}

/**
 * Runs `send` (one attempt, with its own fresh body), and once more at once when the server refused its time and the
 * clock was corrected from the answer: no backoff, since the cause is known and fixed. Any other failure, or a
 * second refusal, goes to the engine's retries as before.
 */
export async function resendOnClockFix<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    if (!(err && typeof err === 'object' && clockFixed.has(err))) throw err;
    return send();
  }
}
