// One lean request (send.ts) and its socket: the connect deadline applies to a socket still connecting, not to one
// that waited in the agent's queue and was handed a socket connected long before.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cleanupTempDirs, makeFile, makeTempDir } from '../../../../test/harness/fixtures';
import { FileRangeBody } from '../../job/counting-stream';
import { RateLimiter } from '../../throttle/speed-limit';
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
