// A loopback HTTP proxy for the CLI's proxy tests, as a corporate proxy behaves: CONNECT opens a TCP tunnel (for https),
// a request in absolute form ("PUT http://host/path") is forwarded. It counts both, and notes how each tunnel's client
// side ended (a TCP reset after a cancel, or a plain close).
import { createServer, request, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ForwardProxy {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** CONNECT targets, one per tunnel opened ("127.0.0.1:PORT"). */
  readonly tunnels: string[];
  /** Forwarded absolute-form requests, as "METHOD URL". */
  readonly forwarded: string[];
  /** The server's answers to them, as "METHOD URL → STATUS". */
  readonly answers: string[];
  /** How many tunnels' client sockets ended with ECONNRESET. */
  resets(): number;
  close(): Promise<void>;
}

export async function startForwardProxy(): Promise<ForwardProxy> {
  const tunnels: string[] = [];
  const forwarded: string[] = [];
  const answers: string[] = [];
  const sockets = new Set<Socket>();
  let resets = 0;
  const server = createServer((req: IncomingMessage, res) => {
    forwarded.push(`${req.method} ${req.url}`);
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute-form request expected');
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-connection'];
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: `${target.pathname}${target.search}`,
        headers,
      },
      (up) => {
        answers.push(`${req.method} ${req.url} → ${up.statusCode}`);
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.on('error', () => upstream.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    tunnels.push(target);
    sockets.add(client);
    const sep = target.lastIndexOf(':');
    const upstream = connect(Number(target.slice(sep + 1)), target.slice(0, sep).replace(/^\[|\]$/g, ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    client.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNRESET') resets += 1;
      // The client is gone: so is its side to the server, at once (as a proxy drops the server side of a tunnel).
      upstream.resetAndDestroy();
    });
    client.on('close', () => {
      sockets.delete(client);
      if (!upstream.destroyed) upstream.end();
    });
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tunnels,
    forwarded,
    answers,
    resets: () => resets,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
