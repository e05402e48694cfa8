// A test-only TCP forwarder whose listening port stays fixed while everything around it changes:
//
// - retarget(port): new connections go to another server (a moto restarted on a new port keeps the same endpoint);
// - down(): the "network" goes away: the listener closes and every open connection is reset, so requests in flight
//   fail and new connections are refused (ECONNREFUSED), exactly what a client sees of an unreachable endpoint;
// - up(): listens again on the same port.
//
// The port is picked below the kernel's ephemeral range, so that while the forwarder is down no outgoing connection
// can be handed the same local port (which would also let a connect to it succeed by self-connection).
import { readFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface Forwarder {
  readonly port: number;
  /** http://127.0.0.1:PORT: the same for the forwarder's whole life. */
  readonly endpoint: string;
  readonly isUp: boolean;
  /** Connections open now. */
  readonly connections: number;
  /** Connections accepted so far. */
  readonly accepted: number;
  /** Where new connections go from now on (open ones keep their server). */
  retarget(targetPort: number): void;
  /** Closes the listener and resets every open connection: new connections are refused until up(). */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

function ephemeralRangeStart(): number | undefined {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    return low && low > 12_000 ? low : undefined;
  } catch {
    return undefined;
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function hardClose(s: Socket): void {
  try {
    s.resetAndDestroy();
  } catch {
    s.destroy();
  }
}

class TcpForwarder implements Forwarder {
  port = 0;
  accepted = 0;
  private server: Server | undefined;
  private readonly pairs = new Set<[Socket, Socket]>();

  constructor(private targetPort: number) {}

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get isUp(): boolean {
    return this.server !== undefined;
  }

  get connections(): number {
    return this.pairs.size;
  }

  retarget(targetPort: number): void {
    this.targetPort = targetPort;
  }

  async start(): Promise<void> {
    const low = ephemeralRangeStart();
    if (low === undefined) {
      await this.up();
      return;
    }
    // A random port below the ephemeral range; another listener may hold it, so try a few.
    for (let attempt = 1; ; attempt++) {
      this.port = 10_000 + Math.floor(Math.random() * (low - 10_000));
      try {
        await this.up();
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 50) throw err;
      }
    }
  }

  async up(): Promise<void> {
    if (this.server) return;
    const server = createServer({ allowHalfOpen: true }, (client) => this.accept(client));
    await listen(server, this.port);
    const addr = server.address();
    if (addr && typeof addr === 'object') this.port = addr.port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const [client, upstream] of this.pairs) {
      hardClose(client);
      hardClose(upstream);
    }
    this.pairs.clear();
    await closed;
  }

  close(): Promise<void> {
    return this.down();
  }

  private accept(client: Socket): void {
    this.accepted++;
    const upstream = connect({ host: '127.0.0.1', port: this.targetPort });
    const pair: [Socket, Socket] = [client, upstream];
    this.pairs.add(pair);
    let done = false;
    // Either side failing (including the upstream refusing the connection) resets the other: the client sees
    // ECONNRESET, as it would if the server had died under it.
    const fail = (): void => {
      if (done) return;
      done = true;
      this.pairs.delete(pair);
      hardClose(client);
      hardClose(upstream);
    };
    const closed = (): void => {
      if (client.destroyed && upstream.destroyed) this.pairs.delete(pair);
    };
    client.on('error', fail);
    upstream.on('error', fail);
    client.on('close', closed);
    upstream.on('close', closed);
    // A clean end is passed on as a clean end (half-close), so HTTP keep-alive and response bodies behave normally.
    client.pipe(upstream);
    upstream.pipe(client);
  }
}

/** Starts a forwarder on 127.0.0.1 in front of 127.0.0.1:<targetPort>. */
export async function startForwarder(targetPort: number): Promise<Forwarder> {
  const f = new TcpForwarder(targetPort);
  await f.start();
  return f;
}
