// A small file's bytes as one body: sent whole by the lean path's request and counted once taken, never counted when
// the request is cut before they go; a request answered before it sent them all does not keep its socket; read as the
// counting stream by any other consumer; and only for what fits.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectUrl } from '../s3/lean/object-url';
import { sendRequest } from '../s3/lean/send';
import { CHUNK } from './chunk-size';
import { putToLoopback } from './local-put.test-support';
import { MemoryBody } from './memory-body';

let server: http.Server;
let url: ObjectUrl;
/** What the server received, per request, in the order they ended. */
const received: Buffer[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const got: Buffer[] = [];
    req.on('data', (c: Buffer) => got.push(c));
    req.on('end', () => {
      received.push(Buffer.concat(got));
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  url = { protocol: 'http:', hostname: '127.0.0.1', port, host: `127.0.0.1:${port}`, path: '/b/k' };
});

afterAll(() => new Promise((r) => server.close(r)));

function send(body: MemoryBody, signal: AbortSignal, agent: http.Agent) {
  return sendRequest(url, '', { 'content-length': String(body.bytes.length) }, body, {
    agent,
    timeouts: { connectTimeoutMs: 5000, requestTimeoutMs: 10_000 },
    signal,
    group: undefined,
  });
}

describe('a small body sent from memory', () => {
  it('reaches the server whole over the lean request, counted once, to the exact total', async () => {
    const agent = new http.Agent({ keepAlive: true });
    try {
      const bytes = randomBytes(64 * 1024);
      const counts: number[] = [];
      received.length = 0;
      const answer = await send(new MemoryBody(bytes, (n) => counts.push(n)), new AbortController().signal, agent);
      expect(answer.status).toBe(200);
      expect(received).toHaveLength(1);
      expect(received[0]!.equals(bytes)).toBe(true);
      expect(counts).toEqual([bytes.length]);
    } finally {
      agent.destroy();
    }
  });

  it('counts nothing when its request is cut before the bytes went out', async () => {
    const agent = new http.Agent({ keepAlive: true });
    try {
      const counts: number[] = [];
      received.length = 0;
      const stop = new AbortController();
      const sending = send(new MemoryBody(randomBytes(1000), (n) => counts.push(n)), stop.signal, agent);
      // Before the socket has even connected: the request is destroyed with its bytes unsent.
      stop.abort();
      await expect(sending).rejects.toMatchObject({ name: 'AbortError' });
      // Long enough for a request that did go out to have reached the server.
      await new Promise((r) => setTimeout(r, 100));
      expect(counts).toEqual([]);
      expect(received).toEqual([]);
    } finally {
      agent.destroy();
    }
  });

  it('frees the socket of a request the server refused before taking all its bytes', async () => {
    // A server that refuses at the headers, keeps the connection open and reads no further: the bytes beyond what the
    // socket buffers hold never go, so the request never finishes sending. (The class takes bytes of any size; 32 MiB
    // is more than loopback's buffers hold, which a small file's 128 KiB is not.)
    const refusing = net.createServer((socket) => {
      socket.once('data', () => {
        socket.pause();
        socket.write('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n');
      });
    });
    await new Promise<void>((r) => refusing.listen(0, '127.0.0.1', r));
    const { port } = refusing.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const busy = () => Object.values(agent.sockets).flat().length;
    try {
      const body = new MemoryBody(Buffer.alloc(32 * 1024 * 1024), () => undefined);
      const answer = await sendRequest(
        { protocol: 'http:', hostname: '127.0.0.1', port, host: `127.0.0.1:${port}`, path: '/b/k' },
        '',
        { 'content-length': String(body.bytes.length) },
        body,
        {
          agent,
          timeouts: { connectTimeoutMs: 5000, requestTimeoutMs: 10_000 },
          signal: new AbortController().signal,
          group: undefined,
        },
      );
      expect(answer.status).toBe(403);
      // Still sending: the agent holds the socket, and would hold it for good.
      expect(busy()).toBe(1);
      body.destroy();
      for (let waited = 0; busy() > 0 && waited < 2000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      expect(busy()).toBe(0);
    } finally {
      agent.destroy();
      refusing.close();
    }
  });

  it('reads as the counting stream for any other consumer, counted exactly, and that stream goes with it', async () => {
    const bytes = randomBytes(100_000);
    let counted = 0;
    const body = new MemoryBody(bytes, (n) => (counted += n));
    const stream = body.toStream();
    const got: Buffer[] = [];
    for await (const chunk of stream) got.push(chunk as Buffer);
    expect(Buffer.concat(got).equals(bytes)).toBe(true);
    expect(counted).toBe(bytes.length);
    // Piped into a request of its own (the SDK's), the stream destroys that request when it is destroyed half-sent.
    const again = new MemoryBody(bytes, () => undefined);
    const piped = again.toStream();
    expect(await putToLoopback(piped, bytes)).toBe(true);
    again.destroy();
    expect(piped.destroyed).toBe(true);
  });

  it('is for a body within one chunk, with no speed limit, and not empty', () => {
    expect(MemoryBody.fits(1, false)).toBe(true);
    expect(MemoryBody.fits(CHUNK, false)).toBe(true);
    expect(MemoryBody.fits(CHUNK + 1, false)).toBe(false);
    expect(MemoryBody.fits(64 * 1024, true)).toBe(false);
    expect(MemoryBody.fits(0, false)).toBe(false);
  });
});
