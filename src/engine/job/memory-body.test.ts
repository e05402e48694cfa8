// A small file's bytes as one body: sent whole by the lean path's request and counted once taken, never counted when
// the request is cut before they go; read as the counting stream by any other consumer; and only for what fits.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
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
  return sendRequest(url, '', { 'content-length': String(body.length) }, body, {
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

  it('reads as the counting stream for any other consumer, counted exactly', async () => {
    const bytes = randomBytes(100_000);
    let counted = 0;
    const body = new MemoryBody(bytes, (n) => (counted += n));
    expect(await putToLoopback(body.toStream(), bytes)).toBe(true);
    expect(counted).toBe(bytes.length);
  });

  it('is for a body within one chunk, with no speed limit, and not empty', () => {
    expect(MemoryBody.fits(1, false)).toBe(true);
    expect(MemoryBody.fits(CHUNK, false)).toBe(true);
    expect(MemoryBody.fits(CHUNK + 1, false)).toBe(false);
    expect(MemoryBody.fits(64 * 1024, true)).toBe(false);
    expect(MemoryBody.fits(0, false)).toBe(false);
  });
});
