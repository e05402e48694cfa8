// Drives the fault proxy while uploads run: resets connections mid-part and mid-PUT, stalls them (past and short of
// the engine's request timeout), cuts whichever connection is sending after N bytes, and throttles the link now and
// then. Fault kinds are armed in rotation, a few at a time.
//
// Survivable by construction: no request (one part of one upload, or one single PUT) is hit by more than a few
// targeted faults, so with the engine's maxAttempts above that cap every file can still arrive. The cap is enforced
// by the `match` pattern itself: a RegExp whose test() also counts, per request, how often it matched.
import type { FaultProxy } from '../harness/fault-proxy';
import { MiB, sleep } from './helpers';

export type FaultKind =
  'reset-part' | 'stall-long' | 'reset-after-bytes' | 'stall-short' | 'reset-put' | 'reset-part-early';

/** Matches the request heads `pattern` matches, at most `cap` times per request (method + path + query, less x-id). */
export class CappedMatch extends RegExp {
  private readonly hits: Map<string, number>;
  private readonly cap: number;
  private readonly onHit: () => void;

  constructor(pattern: RegExp, cap: number, hits: Map<string, number>, onHit: () => void = () => {}) {
    super(pattern.source, pattern.flags.replace(/[gy]/g, ''));
    this.cap = cap;
    this.hits = hits;
    this.onHit = onHit;
  }

  override test(text: string): boolean {
    if (!super.test(text)) return false;
    const line = /^(\S+) (\S+)/.exec(text);
    const id = line ? `${line[1]} ${line[2]!.replace(/[?&]x-id=[^&]*/, '')}` : text;
    const n = this.hits.get(id) ?? 0;
    if (n >= this.cap) return false;
    this.hits.set(id, n + 1);
    this.onHit();
    return true;
  }
}

export const PART_PUT = /^PUT [^ ]*partNumber=/;
export const SINGLE_PUT = /^PUT [^ ]*x-id=PutObject/;
const ANY_REQUEST = /^[A-Z]+ /;

export interface DriverOptions {
  /** Targeted faults per request at most. */
  capPerRequest: number;
  /** Stall longer than the engine's requestTimeoutMs (turns into a retry). */
  longStallMs: number;
  /** Stall shorter than it (the request rides it out). */
  shortStallMs: number;
  /** Throttle the whole link to this many bytes/s for throttleMs every throttleEveryMs. */
  throttleBytesPerSecond: number;
  /**
   * The link's rate between those episodes; undefined: unthrottled. Faults are armed over time, so a run that ends
   * sooner (a faster machine, a leaner engine) sees fewer of them; a steady rate keeps the run, and the faults it
   * meets, the same size on any machine.
   */
  baseBytesPerSecond?: number;
  throttleMs: number;
  throttleEveryMs: number;
}

export interface DriverReport {
  /** Faults the proxy injected (resets and stalls) while the driver ran. */
  injected: number;
  /**
   * Per kind: targeted faults attached to a request (each fires unless its connection dies first); for
   * reset-after-bytes, those that fired (on whichever connection was sending when the budget ran out, unless its
   * request had had its share of faults already).
   */
  byKind: Record<FaultKind, number>;
  throttleEpisodes: number;
}

const rand = (min: number, max: number): number => Math.floor(min + Math.random() * (max - min));

export class FaultDriver {
  private stopped = false;
  private wake: () => void = () => {};
  private readonly stopping = new Promise<void>((resolve) => (this.wake = resolve));
  private readonly hits = new Map<string, number>();
  private readonly byKind: Record<FaultKind, number> = {
    'reset-part': 0,
    'stall-long': 0,
    'reset-after-bytes': 0,
    'stall-short': 0,
    'reset-put': 0,
    'reset-part-early': 0,
  };
  private throttleEpisodes = 0;
  private readonly startCount: number;
  private readonly loops: Promise<void>[];

  constructor(
    private readonly proxy: FaultProxy,
    private readonly o: DriverOptions,
  ) {
    this.startCount = proxy.faultsInjected;
    // Two rotations at once, offset, so that faults keep coming while earlier ones are still waiting to fire.
    this.proxy.throttle(o.baseBytesPerSecond ?? null);
    this.loops = [this.faultLoop(0), this.faultLoop(3), this.throttleLoop()];
  }

  private match(pattern: RegExp, kind: FaultKind): CappedMatch {
    return new CappedMatch(pattern, this.o.capPerRequest, this.hits, () => this.byKind[kind]++);
  }

  /** Arms one batch of `kind`; returns how many faults it should fire (0: don't wait for it). */
  private arm(kind: FaultKind): number {
    const p = this.proxy;
    switch (kind) {
      case 'reset-part':
        // Part-way through the body; parts are at least 2 MiB here.
        p.resetNext(4, { match: this.match(PART_PUT, kind), afterBytes: rand(256 * 1024, 1536 * 1024) });
        return 4;
      case 'reset-part-early':
        // Right after the head: the server has seen a request that never gets a body.
        p.resetNext(2, { match: this.match(PART_PUT, kind), afterBytes: rand(1, 16 * 1024) });
        return 2;
      case 'stall-long':
        p.stallNext(3, this.o.longStallMs, {
          match: this.match(PART_PUT, kind),
          afterBytes: rand(64 * 1024, 1024 * 1024),
        });
        return 3;
      case 'stall-short':
        p.stallNext(3, this.o.shortStallMs, {
          match: this.match(PART_PUT, kind),
          afterBytes: rand(64 * 1024, 1024 * 1024),
        });
        return 3;
      case 'reset-after-bytes':
        // Whichever connection is forwarding when the budget runs out: mostly part bodies, sometimes single PUTs.
        // Capped like the others: near the end, when one part is all that is still sending, every budget would
        // otherwise land on it (a 5 MiB part once failed its 8 attempts in CI that way).
        p.resetAfterBytes(rand(512 * 1024, 4 * MiB), { match: this.match(ANY_REQUEST, kind) });
        return 1;
      case 'reset-put':
        // Single PUTs are few: this stays armed until one comes (each at most capPerRequest times).
        p.resetNext(1, { match: this.match(SINGLE_PUT, kind) });
        return 0;
    }
  }

  private async faultLoop(offset: number): Promise<void> {
    const rotation: FaultKind[] = [
      'reset-part',
      'stall-long',
      'reset-after-bytes',
      'reset-put',
      'stall-short',
      'reset-part-early',
      'reset-after-bytes',
    ];
    for (let i = offset; !this.stopped; i++) {
      const kind = rotation[i % rotation.length]!;
      const before = this.proxy.faultsInjected;
      const expect = this.arm(kind);
      const deadline = Date.now() + 1500;
      while (!this.stopped && expect > 0 && this.proxy.faultsInjected < before + expect && Date.now() < deadline)
        await sleep(15);
      await this.nap(rand(20, 60));
    }
  }

  /** Sleeps, but wakes at once when the driver stops. */
  private nap(ms: number): Promise<void> {
    return Promise.race([sleep(ms), this.stopping]);
  }

  private async throttleLoop(): Promise<void> {
    while (!this.stopped) {
      await this.nap(this.o.throttleEveryMs - this.o.throttleMs);
      if (this.stopped) break;
      this.proxy.throttle(this.o.throttleBytesPerSecond);
      this.throttleEpisodes++;
      await this.nap(this.o.throttleMs);
      this.proxy.throttle(this.o.baseBytesPerSecond ?? null);
    }
  }

  /** Stops arming, disarms what has not fired, lifts the throttle. */
  async stop(): Promise<DriverReport> {
    this.stopped = true;
    this.wake();
    await Promise.all(this.loops);
    this.proxy.clearFaults();
    this.proxy.throttle(null);
    return {
      injected: this.proxy.faultsInjected - this.startCount,
      byKind: { ...this.byKind },
      throttleEpisodes: this.throttleEpisodes,
    };
  }
}
