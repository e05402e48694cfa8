// A small file's PUT (a MemoryBody: read whole, one chunk, no speed limit) written straight onto a kept-alive
// connection of the endpoint's SocketPool, its head and body in one write, and its answer read by AnswerParser:
// node:http's ClientRequest, agent and IncomingMessage cost about 0.17 ms of CPU per request around the same bytes
// (1,000 PUTs of 64 KiB to the keep-alive sink, 8 at a time: ~300 ms through http.request, ~120 ms written onto 8
// sockets with a minimal reader of the answers; the CLI's CPU for 1,000 such files fell by 0.13 s with this file).
// Everything else is as send.ts does it over node:http: the same timeouts (the connect deadline until the connection
// is made, the idle deadline from then on) and their errors, a cancel that resets the connection (it joins the job's
// RequestGroup while it carries the request), an answer that decides once it has come even if the body was still
// going out, and an answer cut short failing as a reset connection. Used only where no proxy is set; send.ts sends
// everything else (streamed bodies, proxies) through node:http.
import { abortError } from '../backoff';
import { resetConnection, type RequestGroup } from '../request-group';
import type { ClientTimeouts } from '../sdk-client';
import type { MemoryBody } from '../../job/memory-body';
import { AnswerParser, type ParsedAnswer } from './answer-parser';
import { BAD_HEADER_VALUE, HEADER_NAME } from './http-syntax';
import type { ObjectUrl } from './object-url';
import { hangUp, timeoutError } from './request-errors';
import type { LeanAnswer } from './send';
import type { ConnectionUser, SocketPool } from './socket-pool';

export interface RawSendOptions {
  pool: SocketPool;
  timeouts: ClientTimeouts;
  signal: AbortSignal;
  group: RequestGroup | undefined;
}

/** The request's head: the request line, then the signed headers (Host among them), checked as node:http checks. */
function requestHead(path: string, headers: Record<string, string>): string {
  let head = `PUT ${path} HTTP/1.1\r\n`;
  for (const name of Object.keys(headers)) {
    const value = headers[name]!;
    if (!HEADER_NAME.test(name))
      throw Object.assign(new TypeError(`Header name must be a valid HTTP token ["${name}"]`), {
        code: 'ERR_INVALID_HTTP_TOKEN',
      });
    if (BAD_HEADER_VALUE.test(value))
      throw Object.assign(new TypeError(`Invalid character in header content ["${name}"]`), {
        code: 'ERR_INVALID_CHAR',
      });
    head += `${name}: ${value}\r\n`;
  }
  // Said as node:http says it with a keep-alive agent; HTTP/1.1 keeps the connection open without it too.
  return `${head}Connection: keep-alive\r\n\r\n`;
}

/**
 * How long the server says it keeps an idle connection (Keep-Alive: timeout=N), less a second so that a request is
 * not written just as the server closes it; undefined when it does not say.
 */
function idleAllowanceMs(answer: ParsedAnswer): number | undefined {
  const hint = answer.headers['keep-alive'];
  const seconds = typeof hint === 'string' ? /\btimeout=(\d+)/i.exec(hint)?.[1] : undefined;
  return seconds === undefined ? undefined : Number(seconds) * 1000 - 1000;
}

export function rawPut(
  url: ObjectUrl,
  path: string,
  headers: Record<string, string>,
  body: MemoryBody,
  opts: RawSendOptions,
): Promise<LeanAnswer> {
  const { signal, timeouts, pool, group } = opts;
  let head: string;
  try {
    head = requestHead(path, headers);
  } catch (err) {
    return Promise.reject(err);
  }
  return new Promise<LeanAnswer>((resolve, reject) => {
    const port = url.port ?? (url.protocol === 'https:' ? 443 : 80);
    const { conn, fresh } = pool.take(url.hostname, port);
    const socket = conn.socket;
    const parser = new AnswerParser();
    let settled = false;
    let connectTimer: NodeJS.Timeout | undefined;
    /** A fresh connection until its TCP connect: the connect deadline runs, the idle one not yet. */
    let connecting = fresh;

    const finish = (answer: ParsedAnswer | undefined, reusable: boolean): void => {
      settled = true;
      clearTimeout(connectTimer);
      signal.removeEventListener('abort', onAbort);
      group?.deleteSocket(socket);
      pool.give(conn, reusable, answer && idleAllowanceMs(answer));
    };
    const fail = (err: Error): void => {
      if (settled) return;
      finish(undefined, false);
      reject(err);
    };
    const answered = (answer: ParsedAnswer, reusable: boolean): void => {
      finish(answer, reusable);
      resolve(answer);
    };
    const onAbort = (): void => {
      if (settled) return;
      // The group's own reset (the job calls it before the abort) has usually cut the connection already.
      if (!socket.destroyed) resetConnection(socket);
      fail(abortError());
    };
    const idleDeadline = (): void => {
      if (timeouts.requestTimeoutMs > 0) socket.setTimeout(timeouts.requestTimeoutMs);
    };
    const user: ConnectionUser = {
      connected: () => {
        // As node:http: the connect deadline ends at the connection (TCP's, before a TLS handshake), and the idle
        // deadline starts there, with a connect deadline or without one. A TLS socket says so twice.
        if (!connecting) return;
        connecting = false;
        clearTimeout(connectTimer);
        idleDeadline();
      },
      data: (bytes) => {
        if (settled) return;
        let answer;
        try {
          answer = parser.push(bytes);
        } catch (err) {
          return fail(err as Error);
        }
        // A connection whose body was still going out when the answer came (a refusal before the body was read: the
        // socket still holds bytes it has not handed to the kernel) is not used again: the server may stop reading it,
        // and the rest of the body would precede the next request.
        if (answer) answered(answer, answer.keepAlive && socket.writableLength === 0);
      },
      ended: () => {
        if (settled) return;
        // An answer that runs to the connection's end is whole now; any other is cut short.
        const answer = parser.end();
        if (answer) answered(answer, false);
        else fail(hangUp());
      },
      failed: (err) => fail(err),
      timedOut: () => {
        if (settled) return;
        socket.destroy();
        fail(timeoutError(`The request socket to ${url.host} was idle for ${timeouts.requestTimeoutMs} ms.`));
      },
    };
    conn.user = user;
    group?.addSocket(socket);
    signal.addEventListener('abort', onAbort, { once: true });
    if (!connecting) idleDeadline();
    else if (timeouts.connectTimeoutMs) {
      connectTimer = setTimeout(() => {
        if (settled) return;
        socket.destroy();
        fail(timeoutError(`The connection to ${url.host} was not established within ${timeouts.connectTimeoutMs} ms.`));
      }, timeouts.connectTimeoutMs);
    }
    socket.cork();
    socket.write(head, 'latin1');
    body.writeTo(socket);
    socket.uncork();
  });
}
