// Cutting a cancelled upload's connections with a TCP reset instead of a close.
//
// The SDK aborts a request by destroying it, which closes the socket politely: the kernel then still delivers
// whatever the socket's send buffer holds (megabytes on a fast link), so bytes keep reaching the server after the
// user pressed Cancel. A reset discards the send buffer at once.
//
// The SDK does not hand out its requests, so a job tags the ones it sends: the AbortSignal it passes to client.send()
// is registered with its group; the SDK hands that signal to the request handler, which registers the request's
// headers object with the group; Node passes that same headers object to the agent, which records the ClientRequest
// in the group. Nothing is added to the request itself. (An AsyncLocalStorage did this before; the promise hooks it
// turns on cost every promise of the process, about 8% of the CPU of 1,000 small uploads.) The lean data path
// (lean/send.ts) makes its requests itself and adds them to the group of the signal they were sent with.
import http from 'node:http';
import https from 'node:https';
import { connect as connectTcp, type NetConnectOpts, type Socket } from 'node:net';
import { connect as connectTls, type ConnectionOptions } from 'node:tls';
import { endpointLookup } from './shared-lookup';
const groupOfSignal = new WeakMap<AbortSignal, RequestGroup>();
const groupOfHeaders = new WeakMap<object, RequestGroup>();
/** The TCP socket under each TLS socket the https agent made: only a TCP socket can be reset. */
const tcpUnderTls = new WeakMap<Socket, Socket>();

export class RequestGroup {
  private readonly requests = new Set<http.ClientRequest>();
  /** The connections of the lean path's own PUTs (lean/raw-put.ts), while each carries one. */
  private readonly sockets = new Set<Socket>();
  private closed = false;

  /** Options for client.send(): the signal, registered so that requests sent with it join this group. */
  sendOptions(signal: AbortSignal): { abortSignal: AbortSignal } {
    if (!this.closed) groupOfSignal.set(signal, this);
    return { abortSignal: signal };
  }

  /** The job is over: nothing more is tracked. */
  close(): void {
    this.closed = true;
    // Signals stay registered until collected; a closed group ignores their requests.
    this.requests.clear();
    this.sockets.clear();
  }

  add(req: http.ClientRequest): void {
    if (this.closed) return;
    this.requests.add(req);
    req.once('close', () => this.requests.delete(req));
  }

  /** A connection that carries one of the group's requests until deleteSocket(). */
  addSocket(socket: Socket): void {
    if (!this.closed) this.sockets.add(socket);
  }

  deleteSocket(socket: Socket): void {
    this.sockets.delete(socket);
  }

  /**
   * Resets every request of the group. The job calls it just before it aborts their signal, so that it comes before
   * the SDK's own abort handler (which would close them politely). Called, not listened for: an abort listener cost
   * about 25 us per job (EventTarget), a share of 1,000 small files' CPU.
   */
  resetAll(): void {
    for (const req of this.requests) {
      const socket = req.socket as Socket | null;
      if (socket && !socket.destroyed) resetConnection(socket);
    }
    this.requests.clear();
    for (const socket of this.sockets) if (!socket.destroyed) resetConnection(socket);
    this.sockets.clear();
  }
}

/**
 * Ends a connection with a TCP reset. A TLS socket's handle is not a TCP one and cannot be reset (Node throws
 * ERR_INVALID_HANDLE_TYPE): the TCP socket under it is, where it was made by tlsOverTcp() or the https agent below;
 * a socket that can be reset in no way is closed.
 */
export function resetConnection(socket: Socket): void {
  const tcp = tcpUnderTls.get(socket) ?? socket;
  try {
    tcp.resetAndDestroy();
  } catch {
    socket.destroy();
  }
}

/** A TLS connection over a TCP socket made here, so that resetConnection() can reset it. */
export function tlsOverTcp(tcpOptions: NetConnectOpts, tlsOptions: ConnectionOptions): Socket {
  const tcp = connectTcp(tcpOptions);
  const tls = connectTls({ ...tlsOptions, socket: tcp });
  tcpUnderTls.set(tls, tcp);
  return tls;
}

/** The group a signal was registered with by sendOptions(): the lean data path adds its requests to it directly. */
export function requestGroupOf(signal: AbortSignal): RequestGroup | undefined {
  return groupOfSignal.get(signal);
}

/**
 * Tags an SDK request's headers object with the group its signal was registered with (grouping-handler.ts, which
 * sees both), so that the agent, handed the same object, can add the request to that group.
 */
export function tagHeaders(signal: AbortSignal | undefined, headers: object): void {
  const group = signal && groupOfSignal.get(signal);
  if (group) groupOfHeaders.set(headers, group);
}

type AddRequest = (req: http.ClientRequest, options: { headers?: object }, ...rest: unknown[]) => void;

function track(proto: { addRequest?: AddRequest }): void {
  const original = proto.addRequest;
  if (!original) return;
  proto.addRequest = function addRequest(
    this: unknown,
    req: http.ClientRequest,
    options: { headers?: object },
    ...rest: unknown[]
  ) {
    const group = options?.headers && groupOfHeaders.get(options.headers);
    group?.add(req);
    return original.call(this, req, options, ...rest);
  };
}

/** http.Agent whose requests join the RequestGroup they were tagged with; its sockets share lookups under way. */
export class TrackingHttpAgent extends http.Agent {
  constructor(options: http.AgentOptions = {}) {
    super({ lookup: endpointLookup, ...options });
  }
}
export class TrackingHttpsAgent extends https.Agent {
  constructor(options: https.AgentOptions = {}) {
    super({ lookup: endpointLookup, ...options });
  }

  /** As https.Agent's, but over a TCP socket made here, so that a cancel can reset it (see resetAll). */
  override createConnection(options: ConnectionOptions & { host?: string; port?: number }): Socket {
    return tlsOverTcp(options as NetConnectOpts, options);
  }
}
track(TrackingHttpAgent.prototype as unknown as { addRequest?: AddRequest });
track(TrackingHttpsAgent.prototype as unknown as { addRequest?: AddRequest });
