// The kept-alive connections of one endpoint's lean path, for the PUTs it writes itself (raw-put.ts): idle ones by
// host and port, taken for a request and given back after a whole answer. Each connection's listeners are set once,
// when it is made, and pass its events to whichever request holds it (or drop the connection while it is idle), so a
// request adds and removes none. Made over TCP, or TLS over a TCP socket made here so that a cancel can reset it
// (request-group.ts), with the endpoint's CA and the shared lookups (shared-lookup.ts), as its agent would; with TCP
// keep-alive probes, as the agent sets them on its idle sockets, so that a connection a NAT or a network change has
// dropped silently fails while idle rather than swallow the next request until its idle deadline. An idle connection
// is not handed out past the time the server said it keeps one (raw-put.ts, idleAllowanceMs).
import { connect, isIP, type Socket } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { tlsOverTcp } from '../request-group';
import { endpointLookup } from '../shared-lookup';

/** What a connection tells the request that holds it. */
export interface ConnectionUser {
  connected(): void;
  data(bytes: Buffer): void;
  /** The server ended its side (or the connection closed) before the request was done with it. */
  ended(): void;
  failed(err: Error): void;
  timedOut(): void;
}

export class PooledConnection {
  user: ConnectionUser | undefined;
  /** Ended, failed or closed: never handed out again. */
  spent = false;
  /** While idle: when the server may close it (performance.now()); Infinity when it did not say. */
  idleUntil = Infinity;

  constructor(
    readonly socket: Socket,
    readonly key: string,
    pool: SocketPool,
  ) {
    const connected = (): void => this.user?.connected();
    // A TLS socket passes on its TCP socket's 'connect' too: the connect deadline ends there, as node:http's does.
    socket.on('connect', connected);
    if (pool.secure) socket.on('secureConnect', connected);
    socket.on('data', (bytes: Buffer) => {
      if (this.user) this.user.data(bytes);
      // Bytes nobody asked for (the server's goodbye, or a stray answer): the connection is out of step.
      else pool.drop(this);
    });
    socket.on('end', () => {
      this.spent = true;
      if (this.user) this.user.ended();
      else pool.drop(this);
    });
    socket.on('error', (err: Error) => {
      this.spent = true;
      if (this.user) this.user.failed(err);
      else pool.drop(this);
    });
    socket.on('close', () => {
      this.spent = true;
      pool.forget(this);
      this.user?.ended();
    });
    socket.on('timeout', () => this.user?.timedOut());
  }
}

export class SocketPool {
  private readonly idle = new Map<string, PooledConnection[]>();
  private closed = false;

  /** tls: the endpoint's TLS options (its CA) for https; undefined for http. */
  constructor(private readonly tls: ConnectionOptions | undefined) {}

  /** Whether its connections are TLS: only then may an https request use them. */
  get secure(): boolean {
    return this.tls !== undefined;
  }

  /** An idle connection to hostname:port, or a new one, connecting (fresh). */
  take(hostname: string, port: number): { conn: PooledConnection; fresh: boolean } {
    const key = `${hostname}:${port}`;
    const list = this.idle.get(key);
    while (list?.length) {
      const conn = list.pop()!;
      if (conn.spent || conn.socket.destroyed || conn.socket.readableEnded) continue;
      if (performance.now() > conn.idleUntil) {
        this.drop(conn);
        continue;
      }
      conn.socket.ref();
      return { conn, fresh: false };
    }
    return { conn: this.open(key, hostname, port), fresh: true };
  }

  /**
   * Back to the idle list after a whole answer, on a connection that stays open; closed otherwise. idleMs: how long the
   * server said it keeps the connection (less a margin); 0 or less is not kept.
   */
  give(conn: PooledConnection, reusable: boolean, idleMs?: number): void {
    conn.user = undefined;
    conn.socket.setTimeout(0);
    const kept =
      reusable && !this.closed && !conn.spent && !conn.socket.destroyed && (idleMs === undefined || idleMs > 0);
    if (!kept) return this.drop(conn);
    conn.idleUntil = idleMs === undefined ? Infinity : performance.now() + idleMs;
    // An idle connection does not keep the process alive, as an agent's free sockets do not.
    conn.socket.unref();
    const list = this.idle.get(conn.key);
    if (list) list.push(conn);
    else this.idle.set(conn.key, [conn]);
  }

  /** Closes a connection and forgets it. */
  drop(conn: PooledConnection): void {
    conn.spent = true;
    this.forget(conn);
    conn.socket.destroy();
  }

  forget(conn: PooledConnection): void {
    const list = this.idle.get(conn.key);
    const at = list ? list.indexOf(conn) : -1;
    if (at >= 0) list!.splice(at, 1);
  }

  /** Closes the idle connections; connections given back later are closed too. */
  destroy(): void {
    this.closed = true;
    for (const list of this.idle.values()) for (const conn of [...list]) this.drop(conn);
    this.idle.clear();
  }

  private open(key: string, hostname: string, port: number): PooledConnection {
    // An IPv6 address comes in brackets, as the URL and the Host header have it.
    const host = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
    // Without Nagle's delay, as node:http sets its sockets: a request's last bytes go at once.
    const tcp = { host, port, lookup: endpointLookup, noDelay: true, keepAlive: true, keepAliveInitialDelay: 1000 };
    const socket = this.tls
      ? tlsOverTcp(tcp, { ...this.tls, host, port, ...(isIP(host) ? {} : { servername: host }) })
      : connect(tcp);
    return new PooledConnection(socket, key, this);
  }
}
