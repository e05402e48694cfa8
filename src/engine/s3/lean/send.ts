// One signed request over node:http or node:https, through the endpoint's keep-alive agent: its body streamed (the
// counting file stream writes itself to the request, see counting-stream.ts), its answer read whole (S3 answers a
// PUT with headers and at most a short XML error). The request joins the job's RequestGroup, so that a cancel resets
// its socket as it does the SDK's; the timeouts are the SDK client's, with the same error names; a proxy set for the
// endpoint or in the environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) is used as the SDK client uses it. Where no proxy
// is set at all, a small file's PUT (read whole beforehand) is written straight onto a connection of the endpoint's
// own instead (raw-put.ts).
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { abortError } from '../backoff';
import type { ClientTimeouts } from '../sdk-client';
import type { RequestGroup } from '../request-group';
import type { ObjectUrl } from './object-url';
import { routedAgent } from '../proxy/endpoint-agents';
import { MemoryBody } from '../../job/memory-body';
import { rawPut } from './raw-put';
import { hangUp, MAX_ANSWER, timeoutError } from './request-errors';
import type { SocketPool } from './socket-pool';

export interface LeanAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface SendOptions {
  agent: http.Agent;
  /** The endpoint's own connections, for a small file's PUT where no proxy applies (raw-put.ts). */
  pool?: SocketPool;
  timeouts: ClientTimeouts;
  signal: AbortSignal;
  group: RequestGroup | undefined;
}

/** Sockets that have connected once: one handed to a request from the agent's queue needs no connect deadline. */
const connectedSockets = new WeakSet<object>();

export function sendRequest(
  url: ObjectUrl,
  query: string,
  headers: Record<string, string>,
  body: Readable | Buffer | MemoryBody,
  opts: SendOptions,
): Promise<LeanAnswer> {
  const { signal, timeouts } = opts;
  if (signal.aborted) return Promise.reject(abortError());
  // Through the proxy the endpoint or the environment names (a CONNECT tunnel for https), as the SDK's requests.
  const agent = routedAgent(opts.agent, timeouts.proxyUrl, timeouts.connectTimeoutMs);
  const path = query ? `${url.path}?${query}` : url.path;
  // The pool's scheme must be the request's: a pool without TLS never carries an https request.
  if (
    opts.pool &&
    agent === opts.agent &&
    body instanceof MemoryBody &&
    opts.pool.secure === (url.protocol === 'https:')
  ) {
    return rawPut(url, path, headers, body, { pool: opts.pool, timeouts, signal, group: opts.group });
  }
  return new Promise<LeanAnswer>((resolve, reject) => {
    const request = url.protocol === 'https:' ? https.request : http.request;
    const req = request({
      method: 'PUT',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port,
      path,
      headers,
      agent,
    });
    opts.group?.add(req);
    let connectTimer: NodeJS.Timeout | undefined;
    const settle = (): void => {
      clearTimeout(connectTimer);
      signal.removeEventListener('abort', onAbort);
    };
    const fail = (err: Error): void => {
      settle();
      reject(err);
    };
    // The group's own listener (registered when the job began) has reset the socket by now; this only settles.
    const onAbort = (): void => {
      req.destroy();
      fail(abortError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    req.once('socket', (socket) => {
      // A kept-alive socket is connected already; a new one (TCP, or TLS over it) gets the connect deadline. A request
      // that waited in the agent's queue gets a freed socket without reusedSocket set: that one is known here.
      if (req.reusedSocket || connectedSockets.has(socket) || !timeouts.connectTimeoutMs) return;
      connectTimer = setTimeout(() => {
        req.destroy();
        fail(timeoutError(`The connection to ${url.host} was not established within ${timeouts.connectTimeoutMs} ms.`));
      }, timeouts.connectTimeoutMs);
      // Whichever comes, both go: the other never fires on its kind of socket ('secureConnect' on plain TCP), and a
      // listener left on a kept-alive socket would hold this request, its body and its bytes for the socket's life.
      const connected = (): void => {
        clearTimeout(connectTimer);
        connectedSockets.add(socket);
        socket.off('connect', connected);
        socket.off('secureConnect', connected);
      };
      socket.once('connect', connected);
      socket.once('secureConnect', connected);
    });
    if (timeouts.requestTimeoutMs > 0) {
      req.setTimeout(timeouts.requestTimeoutMs, () => {
        req.destroy();
        fail(timeoutError(`The request socket to ${url.host} was idle for ${timeouts.requestTimeoutMs} ms.`));
      });
    }
    // Once the server has answered, its answer decides: a server that refuses a request before reading its body
    // (a bad signature) may close the connection while the body is still going out, and the write error that
    // follows must not hide the refusal.
    let answered = false;
    req.on('error', (err) => {
      if (!answered) fail(err);
    });
    req.once('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      let length = 0;
      res.on('data', (chunk: Buffer) => {
        if (length < MAX_ANSWER) chunks.push(chunk);
        length += chunk.length;
      });
      res.once('error', (err) => fail(err));
      // An answer cut off before its end (the connection reset mid-answer) is a connection failure, as with the SDK.
      res.once('close', () => {
        if (!res.complete) fail(hangUp());
      });
      res.once('end', () => {
        settle();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    if (Buffer.isBuffer(body)) req.end(body);
    else if (body instanceof MemoryBody) body.sendTo(req);
    else body.pipe(req);
  });
}
