// A TCP proxy in front of the S3 test server that measures and disturbs what the client sends.
//
// With `tls` it speaks TLS on both sides, with the run's own CA (test/harness/tls-ca.ts): the client's TLS ends here,
// and a new TLS connection goes on to the server. So the faults below work on an https endpoint too; a reset still cuts
// the TCP connection under the client's TLS, as a network fault does.
//
// Point the code under test at `proxy.endpoint` instead of the moto endpoint. The proxy sees plain HTTP/1.1, so it
// recognises the start of each request by its request line ("PUT /bucket/key?partNumber=1&uploadId=... HTTP/1.1")
// at the start of a client->server chunk, which is where Node's HTTP client puts it (it never pipelines).
// Timestamps are performance.now() of this process, in ms.
import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { connect as tlsConnect, createSecureContext, TLSSocket } from 'node:tls';
import { Link, type LinkEnds, type LinkOwner, type Mark } from './proxy-link';
import { receiveQueueBytes } from './receive-queue';

/** The proxy's TLS: its own certificate and key (for 127.0.0.1), and the CA that signed the server's. */
export interface ProxyTls {
  certFile: string;
  keyFile: string;
  caFile: string;
}

export interface ProxiedRequest {
  /** Connection number, from 1. */
  conn: number;
  method: string;
  /** Path and query, e.g. /bucket/key?uploads */
  target: string;
  /** performance.now() when the request's first bytes reached the proxy. */
  at: number;
  /** Request line and headers as the client sent them (as far as its first chunk holds them). */
  head: string;
}

export interface FaultOptions {
  /** Only requests whose head (request line + headers) matches. Default: any request with a body. */
  match?: RegExp;
  /** Fire after this many body bytes have been forwarded. Default: half the Content-Length (64 KiB if chunked). */
  afterBytes?: number;
}

export interface FaultProxy {
  readonly endpoint: string;
  readonly port: number;
  /** Client->server bytes received since the last resetCounters(). */
  readonly bytesUp: number;
  /** Server->client bytes received from the server since the last resetCounters(). */
  readonly bytesDown: number;
  /** performance.now() when the last client->server byte arrived (0 if none since resetCounters()). */
  readonly lastUpByteAt: number;
  /** Resets, stalls and answers (answerNext) actually injected since the last resetCounters(). */
  readonly faultsInjected: number;
  /**
   * Client->server bytes that have reached this machine but not the server: the kernel's receive queues of the
   * proxy's connections (Linux; 0 elsewhere), and what the proxy has read but not forwarded. A throttled proxy keeps
   * forwarding them after a cancel, though they left the client before it.
   */
  backlogBytes(): number;
  /** Connections open now. */
  readonly connections: number;
  /** Connections accepted since the last resetCounters(). */
  readonly totalConnections: number;
  /** Requests seen since the last resetCounters(), oldest first. */
  readonly requests: readonly ProxiedRequest[];
  resetCounters(): void;
  /** Limits total client->server throughput (all connections together); null removes the limit. */
  throttle(bytesPerSecond: number | null): void;
  /**
   * Holds every request whose head matches `pattern` (e.g. /^POST [^ ]*\?uploads/) for `ms` before forwarding it;
   * with 'response', forwards the request at once and holds the server's answer instead (the server has acted).
   */
  delayRequests(pattern: RegExp, ms: number, what?: 'request' | 'response'): void;
  clearDelays(): void;
  /** Resets (TCP RST) the connections of the next `n` matching requests part-way through their bodies. */
  resetNext(n?: number, opts?: FaultOptions): void;
  /**
   * Resets whichever connection is forwarding when `bytes` more client->server bytes have gone through; with `match`,
   * only if the head of the request it is forwarding then matches (else that fault is dropped).
   */
  resetAfterBytes(bytes: number, opts?: Pick<FaultOptions, 'match'>): void;
  /** Freezes the connections of the next `n` matching requests (both directions) for `ms`, mid-body. */
  stallNext(n: number, ms: number, opts?: FaultOptions): void;
  /**
   * Answers the next `n` requests whose head matches `pattern` in the server's place, without forwarding them, as a
   * server that refuses them would: `status` with `body` (e.g. an S3 error document: a key revoked since the upload
   * began is 403 InvalidAccessKeyId), then closes that connection (Connection: close; what the client still sends of
   * the request is read and dropped). n = Infinity answers every matching request until clearFaults(). A request
   * delayRequests(..., 'request') holds is answered once the hold ends.
   */
  answerNext(pattern: RegExp, status: number, body: string, n?: number): void;
  /** Disarms faults not yet fired (resetNext, resetAfterBytes, stallNext, answerNext). */
  clearFaults(): void;
  /** Resolves with the first request (already seen, or future) whose "METHOD target" matches. */
  waitForRequest(pattern: RegExp, timeoutMs?: number): Promise<ProxiedRequest>;
  close(): Promise<void>;
}

interface ArmedFault {
  kind: 'reset' | 'stall';
  remaining: number;
  ms: number;
  match?: RegExp;
  afterBytes?: number;
}

interface RequestHead {
  method: string;
  target: string;
  /** Request line and headers, without the blank line. */
  text: string;
  headLength: number;
  /** From Content-Length; Infinity for chunked transfer encoding; 0 if neither. */
  bodyLength: number;
}

const REQUEST_LINE = /^([A-Z]+) (\S+) HTTP\/1\.[01]\r\n/;

function parseHead(chunk: Buffer): RequestHead | null {
  const text = chunk.toString('latin1', 0, Math.min(chunk.length, 16 * 1024));
  const line = REQUEST_LINE.exec(text);
  if (!line) return null;
  const end = text.indexOf('\r\n\r\n');
  const head = end >= 0 ? text.slice(0, end) : text;
  const contentLength = /\r\ncontent-length:[ \t]*(\d+)/i.exec(head);
  const chunked = /\r\ntransfer-encoding:[^\r]*chunked/i.test(head);
  return {
    method: line[1]!,
    target: line[2]!,
    text: head,
    headLength: end >= 0 ? end + 4 : text.length,
    bodyLength: contentLength ? Number(contentLength[1]) : chunked ? Infinity : 0,
  };
}

function matches(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0; // a /g or /y pattern would otherwise remember where it stopped
  return pattern.test(text);
}

class ProxyServer implements FaultProxy, LinkOwner {
  endpoint = '';
  port = 0;
  bytesUp = 0;
  bytesDown = 0;
  lastUpByteAt = 0;
  faultsInjected = 0;
  totalConnections = 0;
  requests: ProxiedRequest[] = [];
  private readonly links = new Set<Link>();
  private nextConn = 1;
  private rate: number | null = null;
  private tokens = 0;
  private refilledAt = 0;
  private delays: { pattern: RegExp; ms: number; what: 'request' | 'response' }[] = [];
  private faults: ArmedFault[] = [];
  private answers: { pattern: RegExp; status: number; body: string; remaining: number }[] = [];
  private budget = Infinity;
  private budgetMatch: RegExp | undefined;
  /** The head of the request each connection carries now (Node's client never pipelines). */
  private readonly heads = new WeakMap<Link, string>();
  private waiters = new Set<{ pattern: RegExp; resolve: (r: ProxiedRequest) => void }>();

  constructor(
    private readonly server: Server,
    targetPort: number,
    tls: ProxyTls | undefined,
  ) {
    const ends = tls ? tlsEnds(targetPort, tls) : (client: Socket) => plainEnds(client, targetPort);
    server.on('connection', (client: Socket) => {
      this.totalConnections++;
      this.links.add(new Link(this.nextConn++, ends(client), this));
    });
  }

  backlogBytes(): number {
    let held = 0;
    for (const link of this.links) held += link.backlog();
    return receiveQueueBytes(this.port) + held;
  }

  get connections(): number {
    return this.links.size;
  }

  // ---- LinkOwner ----

  onUp(link: Link, chunk: Buffer, offset: number): void {
    this.bytesUp += chunk.length;
    this.lastUpByteAt = performance.now();
    const head = parseHead(chunk);
    if (!head) return;
    const request: ProxiedRequest = {
      conn: link.id,
      method: head.method,
      target: head.target,
      at: this.lastUpByteAt,
      head: head.text,
    };
    this.heads.set(link, head.text);
    this.requests.push(request);
    for (const w of this.waiters) if (matches(w.pattern, `${request.method} ${request.target}`)) w.resolve(request);
    const answer = this.answers.find((a) => matches(a.pattern, head.text));
    for (const d of this.delays) {
      if (!matches(d.pattern, head.text)) continue;
      if (d.what === 'response') link.holdDown(d.ms);
      else link.addMark({ offset, kind: 'hold', ms: d.ms });
    }
    if (answer) {
      // After the holds just added (same offset, added later): nothing of this request reaches the server.
      answer.remaining--;
      this.answers = this.answers.filter((a) => a.remaining > 0);
      link.addMark({ offset, kind: 'answer', ms: 0, response: httpResponse(head.method, answer.status, answer.body) });
      return;
    }
    for (const f of this.faults) {
      const mark = this.faultMark(f, head, offset);
      if (!mark) continue;
      f.remaining--;
      link.addMark(mark);
      break;
    }
    this.faults = this.faults.filter((f) => f.remaining > 0);
  }

  /** Where in this request the fault fires, or null if the request does not qualify (too small, no match). */
  private faultMark(f: ArmedFault, head: RequestHead, offset: number): Mark | null {
    if (f.match && !matches(f.match, head.text)) return null;
    const after = f.afterBytes ?? (head.bodyLength === Infinity ? 64 * 1024 : Math.floor(head.bodyLength / 2));
    if (head.bodyLength <= after) return null; // too small to cut mid-body (or no body at all)
    return { offset: offset + head.headLength + after, kind: f.kind, ms: f.ms };
  }

  onDown(bytes: number): void {
    this.bytesDown += bytes;
  }

  allowUp(n: number): number {
    if (this.rate === null) return n;
    const now = performance.now();
    // Token bucket holding at most 50 ms worth of bytes, so bursts stay small.
    this.tokens = Math.min(Math.max(this.rate * 0.05, 1), this.tokens + ((now - this.refilledAt) * this.rate) / 1000);
    this.refilledAt = now;
    const allowed = Math.min(n, Math.floor(this.tokens));
    this.tokens -= allowed;
    return allowed;
  }

  resetBudget(): number {
    return this.budget;
  }

  forwarded(link: Link, bytes: number): boolean {
    if (this.budget === Infinity) return false;
    this.budget -= bytes;
    if (this.budget > 0) return false;
    const match = this.budgetMatch;
    this.budget = Infinity;
    this.budgetMatch = undefined;
    return !match || match.test(this.heads.get(link) ?? '');
  }

  faultFired(): void {
    this.faultsInjected++;
  }

  closed(link: Link): void {
    this.links.delete(link);
  }

  // ---- FaultProxy ----

  resetCounters(): void {
    this.bytesUp = 0;
    this.bytesDown = 0;
    this.lastUpByteAt = 0;
    this.faultsInjected = 0;
    this.totalConnections = 0;
    this.requests = [];
  }

  throttle(bytesPerSecond: number | null): void {
    if (bytesPerSecond !== null && !(bytesPerSecond > 0))
      throw new Error('throttle: bytesPerSecond must be > 0 or null');
    this.rate = bytesPerSecond;
    this.tokens = 0;
    this.refilledAt = performance.now();
    for (const link of this.links) link.pump();
  }

  delayRequests(pattern: RegExp, ms: number, what: 'request' | 'response' = 'request'): void {
    this.delays.push({ pattern, ms, what });
  }

  clearDelays(): void {
    this.delays = [];
  }

  resetNext(n = 1, opts: FaultOptions = {}): void {
    this.faults.push({ kind: 'reset', remaining: n, ms: 0, ...opts });
  }

  resetAfterBytes(bytes: number, opts: Pick<FaultOptions, 'match'> = {}): void {
    this.budget = Math.max(1, Math.floor(bytes));
    this.budgetMatch = opts.match;
  }

  stallNext(n: number, ms: number, opts: FaultOptions = {}): void {
    this.faults.push({ kind: 'stall', remaining: n, ms, ...opts });
  }

  answerNext(pattern: RegExp, status: number, body: string, n = 1): void {
    if (!(n >= 1)) throw new Error('answerNext: n must be >= 1');
    this.answers.push({ pattern, status, body, remaining: n });
  }

  clearFaults(): void {
    this.faults = [];
    this.answers = [];
    this.budget = Infinity;
    this.budgetMatch = undefined;
  }

  waitForRequest(pattern: RegExp, timeoutMs = 10_000): Promise<ProxiedRequest> {
    const seen = this.requests.find((r) => matches(pattern, `${r.method} ${r.target}`));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = {
        pattern,
        resolve: (r: ProxiedRequest) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(r);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seenLines = this.requests.map((r) => `${r.method} ${r.target}`).join('\n  ');
        reject(new Error(`no request matching ${pattern} within ${timeoutMs} ms; seen:\n  ${seenLines}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  close(): Promise<void> {
    for (const link of this.links) link.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A whole HTTP/1.1 response that closes the connection; a HEAD's has the body's length but not the body. */
function httpResponse(method: string, status: number, body: string): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}`,
    `Date: ${new Date().toUTCString()}`,
    ...(bytes.length ? ['Content-Type: application/xml'] : []),
    `Content-Length: ${bytes.length}`,
    'x-amz-request-id: FAULTPROXY',
    'Connection: close',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), method === 'HEAD' ? Buffer.alloc(0) : bytes]);
}

function plainEnds(client: Socket, targetPort: number): LinkEnds {
  const upstream = connect({ host: '127.0.0.1', port: targetPort });
  return { client, upstream, tcp: [client, upstream] };
}

/** TLS over each accepted TCP connection and over one made to the server, keeping both TCP sockets for a reset. */
function tlsEnds(targetPort: number, tls: ProxyTls): (client: Socket) => LinkEnds {
  const secureContext = createSecureContext({ cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) });
  const ca = readFileSync(tls.caFile);
  return (rawClient) => {
    const client = new TLSSocket(rawClient, { isServer: true, secureContext });
    const rawUpstream = connect({ host: '127.0.0.1', port: targetPort });
    const upstream = tlsConnect({ socket: rawUpstream, host: '127.0.0.1', ca });
    return { client, upstream, tcp: [rawClient, rawUpstream] };
  };
}

/**
 * Starts a proxy on 127.0.0.1 (random port) in front of 127.0.0.1:<port>; pass the port or an http(s)://127.0.0.1:PORT
 * URL. With `tls`, the proxy's endpoint is https and it reaches the server over TLS.
 */
export async function startFaultProxy(target: number | string, tls?: ProxyTls): Promise<FaultProxy> {
  const targetPort = typeof target === 'number' ? target : Number(new URL(target).port);
  if (!(targetPort > 0)) throw new Error(`fault proxy: no port in ${target}`);
  const server = createServer({ allowHalfOpen: true });
  const proxy = new ProxyServer(server, targetPort, tls);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('fault proxy: no address');
  proxy.port = addr.port;
  proxy.endpoint = `${tls ? 'https' : 'http'}://127.0.0.1:${addr.port}`;
  return proxy;
}
