// Bytes acknowledged for one file, and the speed they go out at.

const WINDOW_MS = 3000;

export class ProgressMeter {
  /** Bytes counted toward the file: falls back when a failed part's bytes are taken back. */
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

  /** Bytes the server already had (parts found on resume): they count toward the file but were not sent now. */
  credit(n: number): void {
    this.loaded += n;
    this.onChange();
  }

  takeBack(n: number): void {
    this.loaded = Math.max(0, this.loaded - n);
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

export function etaSeconds(total: number, loaded: number, bytesPerSecond: number): number | null {
  if (bytesPerSecond <= 0) return null;
  return Math.max(0, (total - loaded) / bytesPerSecond);
}
