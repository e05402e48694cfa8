// One proxied TCP connection (client <-> proxy <-> upstream) for fault-proxy.ts.
//
// Client->server bytes always pass through a small queue, so they can be held (delay, stall), metered (throttle),
// cut at an exact byte offset (reset) or answered by the proxy itself instead of the server (answer: the request is
// not forwarded; what the client still sends of it is read and dropped). Server->client bytes pass straight through
// except during a stall.
// The queue is bounded: above HIGH_WATER bytes the client socket is paused, so a held or throttled connection
// really stops the client from sending (its kernel buffers fill up).
// Over TLS (fault-proxy.ts's tls option) both ends are TLS sockets and the bytes seen here are the plain HTTP inside;
// a reset still cuts the TCP connections under them, though only about at its offset: the upstream TLS socket may
// still hold some of the bytes counted as forwarded (it passes one write at a time to TCP), and they are dropped.
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

const HIGH_WATER = 64 * 1024;
/** How often a throttled connection retries for more tokens. */
export const TICK_MS = 10;

/** Something to do when the forwarded client->server byte count reaches `offset` (a per-connection offset). */
export interface Mark {
  offset: number;
  kind: 'hold' | 'stall' | 'reset' | 'answer';
  ms: number;
  /** For 'answer': the whole HTTP response the client gets instead of the server's. */
  response?: Buffer;
}

/** What a link needs from the proxy that owns it. */
export interface LinkOwner {
  /** Client->server bytes arrived; `offset` is where the chunk starts in this connection's stream. */
  onUp(link: Link, chunk: Buffer, offset: number): void;
  onDown(bytes: number): void;
  /** How many of `n` bytes may be forwarded now (throttling); 0 means "try again in a tick". */
  allowUp(n: number): number;
  /** Bytes that may still be forwarded before the armed resetAfterBytes fault fires (Infinity if none). */
  resetBudget(): number;
  /** This link forwarded bytes; returns true if that used up the resetAfterBytes budget (the link must be reset). */
  forwarded(link: Link, bytes: number): boolean;
  faultFired(): void;
  closed(link: Link): void;
}

/** A proxied connection's two ends: the sockets that carry its bytes, and the TCP sockets a reset cuts. */
export interface LinkEnds {
  client: Socket;
  upstream: Socket;
  /** The TCP sockets under client and upstream (the same sockets when the proxy speaks plain TCP). */
  tcp: readonly Socket[];
}

export class Link {
  private readonly client: Socket;
  private readonly upstream: Socket;
  private readonly tcp: readonly Socket[];
  /** Every socket of the link, each once: client, upstream and the TCP sockets under them. */
  private readonly sockets: ReadonlySet<Socket>;
  private received = 0;
  /** The TCP socket's bytesRead when the client socket last handed data on: what was read off TCP after it waits. */
  private tcpReadAtLastData = 0;
  private forwardedUp = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private marks: Mark[] = [];
  private holdUntil = 0;
  private downHoldUntil = 0;
  private downQueue: Buffer[] = [];
  private upTimer: NodeJS.Timeout | undefined;
  private downTimer: NodeJS.Timeout | undefined;
  private waitingDrain = false;
  private clientEnded = false;
  private upstreamEnded = false;
  /** The proxy answered the request itself: nothing more goes up or comes down, the client's bytes are dropped. */
  private answered = false;
  closed = false;

  constructor(
    readonly id: number,
    ends: LinkEnds,
    private readonly owner: LinkOwner,
  ) {
    const client = ends.client;
    this.client = client;
    this.upstream = ends.upstream;
    this.tcp = ends.tcp;
    this.sockets = new Set([client, this.upstream, ...this.tcp]);
    client.on('data', (chunk: Buffer) => this.onClientData(chunk));
    client.on('end', () => {
      this.clientEnded = true;
      this.pump();
    });
    client.on('drain', () => this.flushDown());
    this.upstream.on('data', (chunk: Buffer) => this.onUpstreamData(chunk));
    this.upstream.on('end', () => {
      this.upstreamEnded = true;
      this.flushDown();
    });
    this.upstream.on('drain', () => {
      this.waitingDrain = false;
      this.pump();
    });
    for (const s of this.sockets) s.on('error', () => this.destroy());
    client.on('close', () => this.destroy());
    // A clean upstream close (after 'end') leaves the client to finish reading; anything else tears down.
    this.upstream.on('close', () => {
      if (!this.upstreamEnded) this.destroy();
    });
  }

  /** Schedules an action at a per-connection client->server byte offset (kept sorted). */
  addMark(mark: Mark): void {
    const i = this.marks.findIndex((m) => m.offset > mark.offset);
    this.marks.splice(i < 0 ? this.marks.length : i, 0, mark);
    this.pump();
  }

  /**
   * Client->server bytes this link has taken in but not forwarded: its own queue, what the client socket holds while
   * paused, and over TLS the bytes read off the TCP connection that have not come out of the TLS socket yet.
   */
  backlog(): number {
    const raw = this.tcp[0]!;
    // Over TLS, bytes read off TCP since the TLS socket last handed data on (records not yet decrypted, with their
    // framing); either way, what the client socket has read but holds while paused.
    const undecrypted = raw === this.client ? 0 : Math.max(0, raw.bytesRead - this.tcpReadAtLastData);
    return this.pendingBytes + undecrypted + this.client.readableLength;
  }

  /** Holds server->client bytes for ms from now: the answer to the request now going up arrives late. */
  holdDown(ms: number): void {
    this.downHoldUntil = Math.max(this.downHoldUntil, performance.now() + ms);
  }

  /** Sends RST both ways (client sees ECONNRESET) and forgets the connection. */
  reset(): void {
    for (const s of this.tcp) {
      try {
        s.resetAndDestroy();
      } catch {
        s.destroy();
      }
    }
    this.destroy();
  }

  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.upTimer);
    clearTimeout(this.downTimer);
    for (const s of this.sockets) s.destroy();
    this.pending = [];
    this.pendingBytes = 0;
    this.owner.closed(this);
  }

  private onClientData(chunk: Buffer): void {
    this.tcpReadAtLastData = this.tcp[0]!.bytesRead;
    if (this.answered) return; // the rest of a request the proxy answered (or a client that ignored Connection: close)
    this.owner.onUp(this, chunk, this.received);
    this.received += chunk.length;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes > HIGH_WATER) this.client.pause();
    this.pump();
  }

  /** Forwards queued client->server bytes as far as holds, marks, throttling and backpressure allow. */
  pump(): void {
    if (this.closed) return;
    clearTimeout(this.upTimer);
    this.upTimer = undefined;
    if (!this.pumpSome() || this.closed) return;
    if (this.pendingBytes < HIGH_WATER && this.client.isPaused()) this.client.resume();
    if (this.clientEnded && this.pendingBytes === 0 && !this.upstream.writableEnded) this.upstream.end();
  }

  /** Returns false if the link was reset. */
  private pumpSome(): boolean {
    while (this.pendingBytes > 0) {
      const now = performance.now();
      if (now < this.holdUntil) return this.later(this.holdUntil - now);
      const mark = this.marks[0];
      if (mark && mark.offset <= this.forwardedUp) {
        this.marks.shift();
        if (mark.kind === 'reset') {
          this.owner.faultFired();
          this.reset();
          return false;
        }
        if (mark.kind === 'answer') {
          this.answer(mark.response!);
          return true;
        }
        if (mark.kind === 'stall') {
          this.owner.faultFired();
          this.downHoldUntil = Math.max(this.downHoldUntil, now + mark.ms);
        }
        this.holdUntil = Math.max(this.holdUntil, now + mark.ms);
        continue;
      }
      if (this.waitingDrain) return true;
      if (this.upstream.destroyed || this.upstream.writableEnded) {
        this.pending = []; // the server hung up; nothing more can go through
        this.pendingBytes = 0;
        return true;
      }
      const head = this.pending[0]!;
      let n = Math.min(head.length, this.owner.resetBudget());
      if (mark) n = Math.min(n, mark.offset - this.forwardedUp);
      n = this.owner.allowUp(n);
      if (n === 0) return this.later(TICK_MS);
      if (n === head.length) this.pending.shift();
      else this.pending[0] = head.subarray(n);
      this.pendingBytes -= n;
      this.forwardedUp += n;
      const ok = this.upstream.write(n === head.length ? head : head.subarray(0, n));
      if (this.owner.forwarded(this, n)) {
        this.owner.faultFired();
        this.reset();
        return false;
      }
      if (!ok) this.waitingDrain = true;
    }
    return true;
  }

  /**
   * Answers the request that starts here in the server's place, then closes: the response (which says Connection:
   * close) and a FIN to the client, whose socket is read to its end (so its body writes do not fail) and then torn
   * down; the upstream connection, idle since the previous response, is not sent another byte.
   */
  private answer(response: Buffer): void {
    this.owner.faultFired();
    this.answered = true;
    this.pending = [];
    this.pendingBytes = 0;
    this.marks = [];
    this.downQueue = [];
    this.client.end(response);
  }

  private later(ms: number): true {
    this.upTimer = setTimeout(() => this.pump(), Math.max(1, Math.ceil(ms)));
    return true;
  }

  private onUpstreamData(chunk: Buffer): void {
    if (this.answered) return;
    this.owner.onDown(chunk.length);
    this.downQueue.push(chunk);
    this.flushDown();
  }

  private flushDown(): void {
    if (this.closed) return;
    clearTimeout(this.downTimer);
    const wait = this.downHoldUntil - performance.now();
    if (wait > 0) {
      this.upstream.pause();
      this.downTimer = setTimeout(() => this.flushDown(), Math.ceil(wait));
      return;
    }
    let ok = true;
    while (this.downQueue.length && ok) ok = this.client.write(this.downQueue.shift()!);
    if (!ok) {
      this.upstream.pause(); // resumed by the client's 'drain'
      return;
    }
    this.upstream.resume();
    if (this.upstreamEnded && !this.client.writableEnded) this.client.end();
  }
}
