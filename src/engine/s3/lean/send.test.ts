// One lean request (send.ts) and its socket: the connect deadline applies to a socket still connecting, not to one
// that waited in the agent's queue and was handed a socket connected long before; a proxy tunnel that never opens
// is cut off in the same time.
import http from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { cleanupTempDirs, makeFile, makeTempDir } from '../../../../test/harness/fixtures';
import { FileRangeBody } from '../../job/counting-stream';
import { RateLimiter } from '../../throttle/speed-limit';
import { TrackingHttpsAgent } from '../request-group';
import type { ObjectUrl } from './object-url';
import { sendRequest } from './send';

let server: http.Server;
let port: number;
let file: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  file = await makeFile(await makeTempDir(), 'body.bin', 1_000_000);
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await cleanupTempDirs();
});

it('a request that waited for the only socket is not cut by the connect deadline while its body goes out', async () => {
  // One socket: the second request waits in the agent's queue until the first is answered, then takes its socket.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const timeouts = { connectTimeoutMs: 300, requestTimeoutMs: 10_000 };
  const put = (size: number, limiters: RateLimiter[]) => {
    const body = new FileRangeBody(file, 0, size, () => undefined, limiters);
    const url: ObjectUrl = { protocol: 'http:', hostname: '127.0.0.1', port, host: `127.0.0.1:${port}`, path: '/b/k' };
    return sendRequest(url, '', { 'content-length': String(size) }, body, {
      agent,
      timeouts,
      signal: new AbortController().signal,
      group: undefined,
    }).finally(() => body.destroy());
  };
  try {
    const started = performance.now();
    // 1,000,000 bytes at 1 MB/s: about a second on the reused socket, three connect deadlines long.
    const [first, second] = await Promise.all([put(1000, []), put(1_000_000, [new RateLimiter(1_000_000)])]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(performance.now() - started).toBeGreaterThan(600);
  } finally {
    agent.destroy();
  }
});

it('a request whose proxy never answers CONNECT fails within the connect deadline, naming the proxy', async () => {
  // Takes the connection, reads the CONNECT, says nothing: the request never gets a socket of its own.
  const held: Socket[] = [];
  const silent = createTcpServer((sock) => {
    held.push(sock);
    sock.resume();
  });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const proxyPort = (silent.address() as AddressInfo).port;
  const agent = new TrackingHttpsAgent({ keepAlive: true });
  const url: ObjectUrl = {
    protocol: 'https:',
    hostname: 'bucket.example.invalid',
    host: 'bucket.example.invalid',
    path: '/k',
  };
  const started = performance.now();
  try {
    const sent = sendRequest(url, '', { 'content-length': '5' }, Buffer.from('hello'), {
      agent,
      timeouts: { connectTimeoutMs: 300, requestTimeoutMs: 10_000, proxyUrl: `http://127.0.0.1:${proxyPort}` },
      signal: new AbortController().signal,
      group: undefined,
    });
    await expect(sent).rejects.toThrow(
      `The proxy 127.0.0.1:${proxyPort} did not open a connection to bucket.example.invalid:443: it did not answer within 300 ms`,
    );
    expect(performance.now() - started).toBeLessThan(5000);
  } finally {
    agent.destroy();
    for (const sock of held) sock.destroy();
    silent.close();
  }
});

it('leaves no listener of a request on its kept-alive socket, which would hold the request and its body', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const url: ObjectUrl = { protocol: 'http:', hostname: '127.0.0.1', port, host: `127.0.0.1:${port}`, path: '/b/k' };
  try {
    const answer = await sendRequest(url, '', { 'content-length': '5' }, Buffer.from('hello'), {
      agent,
      timeouts: { connectTimeoutMs: 5000, requestTimeoutMs: 10_000 },
      signal: new AbortController().signal,
      group: undefined,
    });
    expect(answer.status).toBe(200);
    await vi.waitFor(() => expect(Object.values(agent.freeSockets).flat()).toHaveLength(1));
    const socket = Object.values(agent.freeSockets).flat()[0]!;
    expect([socket.listenerCount('connect'), socket.listenerCount('secureConnect')]).toEqual([0, 0]);
  } finally {
    agent.destroy();
  }
});
