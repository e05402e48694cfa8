// Reads one HTTP/1.1 answer off a kept-alive connection, for the PUTs the lean path writes itself (raw-put.ts): the
// status, the headers as Node's IncomingMessage names them (lower case; a repeat joined with ", ", or the first kept
// where Node keeps the first), the body (at most MAX_ANSWER bytes of it kept: S3 answers a PUT with headers and at most
// a short XML error), and whether the connection may carry another request. A body comes sized by Content-Length, in
// chunks, or, with neither, up to the connection's end. Interim answers (100 Continue) are passed over.

import { HEADER_NAME } from './http-syntax';
import { MAX_ANSWER } from './request-errors';

export interface ParsedAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
  /** False where the server closes the connection after this answer, or the connection can no longer be trusted. */
  keepAlive: boolean;
}

/** Node's own limit on an answer's header block. */
const MAX_HEAD = 16 * 1024;
const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
const EMPTY = Buffer.alloc(0);
/** Where Node's IncomingMessage keeps the first of repeated headers rather than joining them. */
const FIRST_WINS = new Set([
  'age',
  'authorization',
  'content-length',
  'content-type',
  'etag',
  'expires',
  'from',
  'host',
  'if-modified-since',
  'if-unmodified-since',
  'last-modified',
  'location',
  'max-forwards',
  'proxy-authorization',
  'referer',
  'retry-after',
  'server',
  'user-agent',
]);

type BodyMode =
  { kind: 'none' } | { kind: 'length'; left: number } | { kind: 'chunked'; left: number } | { kind: 'close' };

interface Head {
  status: number;
  headers: Record<string, string | string[]>;
  keepAlive: boolean;
  body: BodyMode;
}

export class AnswerError extends Error {
  readonly code = 'HPE_INVALID_ANSWER';
  constructor(what: string) {
    super(`The server's answer could not be read: ${what}.`);
  }
}

export class AnswerParser {
  private pending: Buffer = EMPTY;
  private head: Head | undefined;
  private readonly kept: Buffer[] = [];
  private keptLength = 0;
  /** In a chunked body: the CRLF after a chunk's data, then the trailer lines after the last chunk. */
  private chunkStep: 'size' | 'data' | 'data-end' | 'trailers' = 'size';

  /** Takes the next bytes; the answer once it is whole. Throws an AnswerError for bytes that are no HTTP answer. */
  push(bytes: Buffer): ParsedAnswer | undefined {
    this.pending = this.pending.length ? Buffer.concat([this.pending, bytes]) : bytes;
    for (;;) {
      if (!this.head) {
        const end = this.pending.indexOf(HEAD_END);
        if (end < 0 ? this.pending.length > MAX_HEAD : end > MAX_HEAD)
          throw new AnswerError('its headers are too long');
        if (end < 0) return undefined;
        const head = parseHead(this.pending.toString('latin1', 0, end));
        this.pending = this.pending.subarray(end + 4);
        // An interim answer (100 Continue, 103 Early Hints): the real one follows on the same connection.
        if (head.status >= 100 && head.status < 200) continue;
        this.head = head;
      }
      const done = this.readBody(this.head);
      if (!done) return undefined;
      // Bytes after a whole answer belong to no request of ours: the connection is out of step.
      return this.answer(this.head, this.head.keepAlive && this.pending.length === 0);
    }
  }

  /** The connection ended: the answer, when its body was to run to the end; undefined when it was cut short. */
  end(): ParsedAnswer | undefined {
    if (this.head?.body.kind === 'close') return this.answer(this.head, false);
    return undefined;
  }

  private answer(head: Head, keepAlive: boolean): ParsedAnswer {
    // Most answers to a PUT have no body: no buffer is made for them.
    const body = this.kept.length ? Buffer.concat(this.kept).toString('utf8') : '';
    return { status: head.status, headers: head.headers, body, keepAlive };
  }

  private keep(bytes: Buffer): void {
    if (this.keptLength < MAX_ANSWER) this.kept.push(bytes);
    this.keptLength += bytes.length;
  }

  /** Takes up to body.left bytes of what has come as body; true once none is left. */
  private take(body: { left: number }): boolean {
    const n = Math.min(body.left, this.pending.length);
    this.keep(this.pending.subarray(0, n));
    this.pending = this.pending.subarray(n);
    body.left -= n;
    return body.left === 0;
  }

  /** Consumes what it can of the body; true once the body is whole. */
  private readBody(head: Head): boolean {
    const body = head.body;
    switch (body.kind) {
      case 'none':
        return true;
      case 'close':
        this.keep(this.pending);
        this.pending = EMPTY;
        return false;
      case 'length':
        return this.take(body);
      case 'chunked':
        return this.readChunks(body);
    }
  }

  private readChunks(body: { left: number }): boolean {
    for (;;) {
      if (this.chunkStep === 'data') {
        if (!this.take(body)) return false;
        this.chunkStep = 'data-end';
        continue;
      }
      const eol = this.pending.indexOf(CRLF);
      if (eol < 0) {
        if (this.pending.length > MAX_HEAD) throw new AnswerError('a chunk line is too long');
        return false;
      }
      const line = this.pending.toString('latin1', 0, eol);
      this.pending = this.pending.subarray(eol + 2);
      if (this.chunkStep === 'data-end') {
        if (line !== '') throw new AnswerError('a chunk is longer than its size');
        this.chunkStep = 'size';
      } else if (this.chunkStep === 'size') {
        const size = /^([0-9a-fA-F]{1,8})[ \t]*(;.*)?$/.exec(line);
        if (!size) throw new AnswerError('a chunk size is not a number');
        body.left = parseInt(size[1]!, 16);
        this.chunkStep = body.left === 0 ? 'trailers' : 'data';
      } else if (line === '') {
        // The blank line after the last chunk (and any trailer lines, which an answer to a PUT has no use for).
        return true;
      }
    }
  }
}

function parseHead(text: string): Head {
  const lines = text.split('\r\n');
  const status = /^HTTP\/1\.([01]) (\d{3})(?: .*)?$/.exec(lines[0]!);
  if (!status) throw new AnswerError('it does not begin with an HTTP/1 status line');
  const code = Number(status[2]);
  const headers: Record<string, string | string[]> = {};
  let last: string | undefined;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if ((line[0] === ' ' || line[0] === '\t') && last !== undefined) {
      // An obsolete folded line continues the header before it.
      const prev = headers[last];
      if (typeof prev === 'string') headers[last] = `${prev} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    const rawName = colon > 0 ? line.slice(0, colon) : '';
    if (!HEADER_NAME.test(rawName)) throw new AnswerError(`a header line has no name ("${line.slice(0, 40)}")`);
    const name = rawName.toLowerCase();
    const value = line.slice(colon + 1).trim();
    last = name;
    const prev = headers[name];
    // Two lengths that differ leave no way to tell where the answer ends (llhttp refuses them too).
    if (name === 'content-length' && prev !== undefined && prev !== value)
      throw new AnswerError('it has two different Content-Length headers');
    if (prev === undefined) headers[name] = name === 'set-cookie' ? [value] : value;
    else if (Array.isArray(prev)) prev.push(value);
    else if (!FIRST_WINS.has(name)) headers[name] = `${prev}, ${value}`;
  }
  const connection = String(headers['connection'] ?? '').toLowerCase();
  const http10 = status[1] === '0';
  const body = bodyMode(code, headers);
  // A chunked body that also names a length is read by its chunks, but such a connection is not trusted again.
  const mixed = body.kind === 'chunked' && headers['content-length'] !== undefined;
  const keepAlive = !mixed && (http10 ? /\bkeep-alive\b/.test(connection) : !/\bclose\b/.test(connection));
  return { status: code, headers, keepAlive, body };
}

function bodyMode(status: number, headers: Record<string, string | string[]>): BodyMode {
  if (status < 200 || status === 204 || status === 304) return { kind: 'none' };
  const coding = headers['transfer-encoding'];
  if (typeof coding === 'string' && /\bchunked\s*$/i.test(coding)) return { kind: 'chunked', left: 0 };
  const length = headers['content-length'];
  if (typeof length === 'string') {
    if (!/^\d{1,15}$/.test(length)) throw new AnswerError(`its Content-Length is not a number ("${length}")`);
    const n = Number(length);
    return n === 0 ? { kind: 'none' } : { kind: 'length', left: n };
  }
  return { kind: 'close' };
}
