// Bytes acknowledged for one file, and the speed they go out at.

const WINDOW_MS = 3000;

export class ProgressMeter {
  /**
   * Bytes the server answered for (parts it took, parts it listed on a resume). Falls within a run only when Complete
   * finds that the server lost bytes it had taken, and those parts go out again (file-job.ts complete()).
   */
  confirmed = 0;
  /** confirmed plus bytes in flight: falls back when a failed request's bytes are taken back. */
  loaded = 0;
  /** Every byte put on the wire for this file, retries included. Only rises. */
  sent = 0;
  private samples: { t: number; sent: number }[] = [];

  constructor(private readonly onChange: () => void = () => {}) {}

  add(n: number): void {
    this.loaded += n;
    this.sent += n;
    this.onChange();
  }

  /**
   * The server answered for n bytes (a part or a PUT it took). Not capped at loaded: over TLS the answer can come
   * before the body stream has reported its last chunk; the view shows min(confirmed, loaded) meanwhile.
   */
  confirm(n: number): void {
    this.confirmed += n;
    this.onChange();
  }

  /** What the server lists for a resumed upload: the file's count starts from there (nothing is in flight yet). */
  recount(n: number): void {
    this.confirmed = n;
    this.loaded = n;
    this.onChange();
  }

  /**
   * Before a run. A resume keeps what the server confirmed (the bar must not drop while the parts are listed; the
   * listing then recounts it); a fresh start (a retry) counts from 0.
   */
  restart(resuming: boolean): void {
    if (!resuming) this.confirmed = 0;
    this.loaded = this.confirmed;
  }

  takeBack(n: number): void {
    this.loaded = Math.max(0, this.loaded - n);
    this.onChange();
  }

  /** The bytes of one request's body (a part, or a single PUT): see RequestBytes. */
  request(): RequestBytes {
    return new RequestBytes(this);
  }

  /** A request's answer: the bytes its body had not reported yet are counted, and all of size is confirmed. */
  answered(unreported: number, size: number): void {
    this.loaded += unreported;
    this.sent += unreported;
    this.confirmed += size;
    this.onChange();
  }

  /** Records a point for the moving average; call at each progress flush. */
  sample(now: number): void {
    this.samples.push({ t: now, sent: this.sent });
    while (this.samples.length > 2 && now - this.samples[0]!.t > WINDOW_MS) this.samples.shift();
  }

  bytesPerSecond(now: number): number {
    const first = this.samples[0];
    if (!first) return 0;
    const dt = now - first.t;
    if (dt < 50) return 0;
    return Math.max(0, ((this.sent - first.sent) * 1000) / dt);
  }

  resetSpeed(): void {
    this.samples = [];
  }
}

/**
 * One request's body on the meter: counted as the socket takes it, made whole and confirmed at the server's answer
 * (over TLS the answer can come before the stream has reported its last chunk; what it reports after is ignored),
 * taken back if the request fails, since the server keeps nothing of it. Parts and single PUTs count the same way.
 */
export class RequestBytes {
  /** Bytes of this attempt's body counted so far. */
  sent = 0;
  private done = false;

  constructor(private readonly meter: ProgressMeter) {}

  /** The body's stream took n more bytes. Answers true for the attempt's first bytes (the endpoint takes data). */
  add(n: number): boolean {
    if (this.done) return false;
    const first = this.sent === 0;
    this.sent += n;
    this.meter.add(n);
    return first;
  }

  /** The server answered for the whole body of size bytes. */
  confirm(size: number): void {
    this.done = true;
    this.meter.answered(Math.max(0, size - this.sent), size);
    this.sent = size;
  }

  /** The request failed: its bytes leave the bar. */
  takeBack(): void {
    if (this.done) return;
    this.done = true;
    this.meter.takeBack(this.sent);
  }
}

export function etaSeconds(total: number, loaded: number, bytesPerSecond: number): number | null {
  if (bytesPerSecond <= 0) return null;
  return Math.max(0, (total - loaded) / bytesPerSecond);
}
