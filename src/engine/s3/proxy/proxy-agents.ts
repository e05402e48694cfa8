// Agents that send each request through the proxy its route names (proxy-route.ts), on node:http, net and tls alone:
// http requests go to the proxy in absolute form ("PUT http://host/key HTTP/1.1"), https ones through a CONNECT
// tunnel with TLS to the server inside it. They are the request-group tracking agents underneath, so that a cancel
// still resets the connection (for a tunnel: the TCP socket to the proxy, which then drops its side to the server).
import type http from 'node:http';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { resetConnection, tlsOverTcp, TrackingHttpAgent, TrackingHttpsAgent } from '../request-group';
import { proxyAuthorization, type ProxyRoute } from './proxy-route';

/** Where a request to host:port goes (the endpoint's proxy setting and the environment, bound in). */
export type Router = (protocol: 'http:' | 'https:', host: string, port: number) => ProxyRoute;

type AgentOptions = http.AgentOptions & ConnectionOptions;
type AddRequest = (req: http.ClientRequest, options: RequestTarget, ...rest: unknown[]) => void;
type Created = (err: Error | null, socket?: Socket) => void;

interface RequestTarget {
  host?: string;
  hostname?: string;
  port?: number | string;
  timeout?: number;
}

function targetOf(options: RequestTarget, defaultPort: number): { host: string; port: number } {
  return { host: options.hostname || options.host || 'localhost', port: Number(options.port) || defaultPort };
}

function authority(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** A proxy error as the engine's classify() reads connection failures: a code, and words naming the proxy. */
function proxyError(proxy: URL, target: string, detail: string): Error {
  return Object.assign(new Error(`The proxy ${proxy.host} did not open a connection to ${target}: ${detail}`), {
    code: 'ProxyConnectFailed',
  });
}

/**
 * A connection to the proxy itself (TLS when the proxy's URL is https, over a TCP socket of its own, so that a cancel
 * can still reset it: request-group.ts, resetConnection).
 */
export function connectToProxy(proxy: URL): Socket {
  const port = Number(proxy.port) || (proxy.protocol === 'https:' ? 443 : 80);
  return proxy.protocol === 'https:'
    ? tlsOverTcp({ host: proxy.hostname, port }, { servername: proxy.hostname })
    : connectTcp({ host: proxy.hostname, port });
}

/**
 * A CONNECT tunnel through `proxy` to host:port: the socket once the proxy answered 2xx, with nothing read past the
 * answer's head (the server's first bytes belong to the TLS handshake that follows). timeoutMs (0: none): how long the
 * proxy has to connect and answer. A request waits for its tunnel before it has a socket, where no connect deadline of
 * its own can start (the lean path's starts with the socket, lean/send.ts), so the tunnel keeps one.
 */
export function openTunnel(proxy: URL, host: string, port: number, timeoutMs = 0): Promise<Socket> {
  const target = authority(host, port);
  return new Promise<Socket>((resolve, reject) => {
    const socket = connectToProxy(proxy);
    let head = Buffer.alloc(0);
    const timer =
      timeoutMs > 0
        ? setTimeout(() => fail(proxyError(proxy, target, `it did not answer within ${timeoutMs} ms`)), timeoutMs)
        : undefined;
    const fail = (err: Error): void => {
      cleanup();
      socket.destroy();
      reject(err);
    };
    const onError = (err: Error): void => fail(err);
    const onEnd = (): void => fail(proxyError(proxy, target, 'it closed the connection'));
    const onReadable = (): void => {
      let chunk: Buffer | null;
      while ((chunk = socket.read() as Buffer | null) !== null) {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) {
          if (head.length > 16 * 1024) return fail(proxyError(proxy, target, 'its answer has no end'));
          continue;
        }
        cleanup();
        const rest = head.subarray(end + 4);
        if (rest.length) socket.unshift(rest);
        const statusLine = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
        if (status >= 200 && status < 300) return resolve(socket);
        socket.destroy();
        return reject(proxyError(proxy, target, `it answered "${statusLine}"`));
      }
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      socket.off('readable', onReadable);
      socket.off('error', onError);
      socket.off('end', onEnd);
    };
    socket.on('readable', onReadable);
    socket.on('error', onError);
    socket.on('end', onEnd);
    const auth = proxyAuthorization(proxy);
    socket.write(
      `CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${auth ? `Proxy-Authorization: ${auth}\r\n` : ''}\r\n`,
    );
  });
}

/** The request's head as Node keeps it before sending: set at once for a request with "Expect: 100-continue". */
type PendingRequest = http.ClientRequest & {
  _header?: string | null;
  outputData?: { data: unknown }[];
  outputSize?: number;
};

/**
 * Makes the request go out in absolute form, with the proxy's credentials if it has some. The head is usually written
 * at the first write, after the agent saw the request, so changing the path is enough; but Node writes it in the
 * constructor when the request has "Expect: 100-continue" (the SDK's UploadPart does), so that head is rewritten.
 */
function toAbsoluteForm(req: PendingRequest, host: string, port: number, proxy: URL): void {
  const absolute = `http://${authority(host, port)}${req.path}`;
  const auth = proxyAuthorization(proxy);
  const before = req._header;
  if (typeof before === 'string' && before) {
    const [first, ...rest] = before.split('\r\n');
    const requestLine = first!.replace(/^(\S+) \S+ /, `$1 ${absolute} `);
    const after = [requestLine, ...(auth ? [`Proxy-Authorization: ${auth}`] : []), ...rest].join('\r\n');
    req._header = after;
    // With no socket yet, the head already waits in the request's output queue: rewritten there too.
    const queued = req.outputData?.[0];
    if (queued && typeof queued.data === 'string' && queued.data.startsWith(before)) {
      queued.data = after + queued.data.slice(before.length);
      if (typeof req.outputSize === 'number') req.outputSize += after.length - before.length;
    }
  } else if (auth) {
    req.setHeader('proxy-authorization', auth);
  }
  req.path = absolute;
}

/** http: a proxied request goes to the proxy, its path the whole URL. */
export class ProxyingHttpAgent extends TrackingHttpAgent {
  constructor(
    options: http.AgentOptions,
    private readonly router: Router,
  ) {
    super(options);
  }

  addRequest(req: http.ClientRequest, options: RequestTarget, ...rest: unknown[]): void {
    const { host, port } = targetOf(options, 80);
    const route = this.router('http:', host, port);
    if (route.kind === 'proxy' && !/^https?:\/\//i.test(req.path)) toAbsoluteForm(req, host, port, route.proxy);
    const base = TrackingHttpAgent.prototype as unknown as { addRequest: AddRequest };
    base.addRequest.call(this, req, options, ...rest);
  }

  override createConnection(options: RequestTarget): Socket {
    const { host, port } = targetOf(options, 80);
    const route = this.router('http:', host, port);
    if (route.kind === 'direct') return connectTcp(options as Parameters<typeof connectTcp>[0]);
    return connectToProxy(route.proxy);
  }
}

/**
 * https: a proxied request goes through a CONNECT tunnel, with TLS to the server inside it. tunnelTimeoutMs: how long
 * the proxy has to open each tunnel (openTunnel); 0 for none.
 */
export class ProxyingHttpsAgent extends TrackingHttpsAgent {
  constructor(
    options: AgentOptions,
    private readonly router: Router,
    private readonly tunnelTimeoutMs = 0,
  ) {
    super(options);
  }

  override createConnection(options: ConnectionOptions & RequestTarget, created?: Created): Socket {
    const { host, port } = targetOf(options, 443);
    const route = this.router('https:', host, port);
    if (route.kind === 'direct' || !created) return super.createConnection(options as ConnectionOptions);
    openTunnel(route.proxy, host, port, this.tunnelTimeoutMs).then(
      (tunnel) => {
        const tls: TLSSocket = connectTls({ ...options, socket: tunnel, servername: options.servername ?? host });
        // The request group resets a socket by resetAndDestroy(), which a TLS socket cannot do itself: reset the
        // tunnel's TCP socket under it (under its TLS to an https proxy, too), so that no queued byte reaches the
        // proxy after a cancel.
        tls.resetAndDestroy = () => {
          resetConnection(tunnel);
          tls.destroy();
          return tls;
        };
        created(null, tls);
      },
      (err: Error) => created(err),
    );
    // Node's agent waits for the callback when createConnection returns nothing.
    return undefined as unknown as Socket;
  }
}
