// A plain HTTP proxy in front of an S3 server that counts what passes: requests by method, and the bytes of the
// request bodies (what a client sends). For "a second run sends 0 bytes": the CLI is pointed at the proxy.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  /** http://127.0.0.1:PORT */
  readonly endpoint: string;
  /** Requests seen, by method (HEAD, GET, PUT, POST, DELETE). */
  readonly requests: Record<string, number>;
  /** Bytes of request bodies forwarded to the server. */
  readonly bodyBytes: number;
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const to = new URL(target);
  let requests: Record<string, number> = {};
  let bodyBytes = 0;
  const server = createServer((req, res) => {
    const method = req.method ?? '?';
    requests[method] = (requests[method] ?? 0) + 1;
    req.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
    const upstream = request(
      { host: to.hostname, port: to.port, method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    get bodyBytes() {
      return bodyBytes;
    },
    reset() {
      requests = {};
      bodyBytes = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
