// A small file's PUT written onto the endpoint's own connections (raw-put.ts, reached through send.ts): against real
// servers on loopback, what node:http did for it must still hold: a connection is kept and used again, one the
// server closes is not, a refusal before the body is read is the answer, a cancel resets the connection, and the
// timeouts and a cut-short answer fail as before. Over TLS with a CA of the test's own as well.
import http from 'node:http';
import https from 'node:https';
import { connect, createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { cleanupTempDirs, makeTempDir } from '../../../../test/harness/fixtures';
import { makeTestCa } from '../../../../test/harness/tls-ca';
import { MemoryBody } from '../../job/memory-body';
import { RequestGroup, TrackingHttpAgent } from '../request-group';
import type { ObjectUrl } from './object-url';
import { sendRequest } from './send';
import { PooledConnection, SocketPool } from './socket-pool';

const TIMEOUTS = { connectTimeoutMs: 5000, requestTimeoutMs: 10_000 };
let pool: SocketPool;
const agent = new TrackingHttpAgent({ keepAlive: true });
const take = vi.spyOn(SocketPool.prototype, 'take');
/** The PUTs sent that must go onto the pool's connections. */
let rawPuts = 0;
const closers: (() => void)[] = [];

// No proxy from the machine's environment: with one, send.ts would take node:http and these tests would prove nothing.
beforeAll(() => {
  for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']) vi.stubEnv(name, '');
});

afterEach(() => {
  pool?.destroy();
  for (const close of closers.splice(0)) close();
  // Every request meant for the pool took a connection from it (none fell back to node:http), and no other did.
  expect(take.mock.calls.length).toBe(rawPuts);
  take.mockClear();
  rawPuts = 0;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  agent.destroy();
  await cleanupTempDirs();
});

function urlOf(server: Server, protocol: 'http:' | 'https:' = 'http:'): ObjectUrl {
  const port = (server.address() as AddressInfo).port;
  return { protocol, hostname: '127.0.0.1', port, host: `127.0.0.1:${port}`, path: '/bucket/key' };
}

async function listen<S extends Server>(server: S): Promise<S> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => server.close());
  return server;
}

/** A node:http server that reads each body and answers 200 with an ETag; counts the connections it was given. */
async function okServer(answer: (res: http.ServerResponse) => void = (res) => res.end()) {
  const seen = { connections: 0, bodies: [] as number[] };
  const server = http.createServer((req, res) => {
    let n = 0;
    req.on('data', (c: Buffer) => (n += c.length));
    req.on('end', () => {
      seen.bodies.push(n);
      res.setHeader('ETag', `"e${seen.bodies.length}"`);
      answer(res);
    });
  });
  server.on('connection', (s: Socket) => {
    seen.connections++;
    closers.push(() => s.destroy());
  });
  return { server: await listen(server), seen };
}

/** A TCP server that reads whatever comes and never answers; the errors of its connections go into `errors`. */
function silentServer(errors: string[] = []): Promise<Server> {
  return listen(
    createTcpServer((sock) => {
      closers.push(() => sock.destroy());
      sock.on('error', (err: NodeJS.ErrnoException) => errors.push(err.code ?? ''));
      sock.resume();
    }),
  );
}

function put(
  url: ObjectUrl,
  bytes: Buffer,
  opts: { signal?: AbortSignal; group?: RequestGroup; timeouts?: object; raw?: boolean } = {},
) {
  if (opts.raw !== false) rawPuts++;
  let counted = 0;
  const body = new MemoryBody(bytes, (n) => (counted += n));
  const sent = sendRequest(url, '', { host: url.host, 'content-length': String(bytes.length) }, body, {
    agent,
    pool,
    timeouts: { ...TIMEOUTS, ...opts.timeouts },
    signal: opts.signal ?? new AbortController().signal,
    group: opts.group,
  });
  return { sent, counted: () => counted };
}

it('sends the body, counts it once taken, and carries the next PUT on the same connection', async () => {
  pool = new SocketPool(undefined);
  const { server, seen } = await okServer();
  const first = put(urlOf(server), Buffer.alloc(65_536, 1));
  const a = await first.sent;
  const b = await put(urlOf(server), Buffer.alloc(1000, 2)).sent;
  expect([a.status, a.headers['etag'], b.headers['etag']]).toEqual([200, '"e1"', '"e2"']);
  expect(first.counted()).toBe(65_536);
  expect(seen.bodies).toEqual([65_536, 1000]);
  expect(seen.connections).toBe(1);
});

it('opens a new connection after an answer that closes its own, and after the server drops an idle one', async () => {
  pool = new SocketPool(undefined);
  let answers = 0;
  const { server, seen } = await okServer((res) => {
    answers++;
    if (answers === 1) res.setHeader('Connection', 'close');
    const socket = res.socket;
    res.end();
    // The second answer's connection is ended by the server a moment later, while it sits idle in the pool.
    if (answers === 2) setTimeout(() => socket?.end(), 50);
  });
  expect((await put(urlOf(server), Buffer.alloc(10)).sent).status).toBe(200);
  expect((await put(urlOf(server), Buffer.alloc(10)).sent).status).toBe(200);
  await new Promise((r) => setTimeout(r, 200));
  expect((await put(urlOf(server), Buffer.alloc(10)).sent).status).toBe(200);
  expect(seen.connections).toBe(3);
});

it('a refusal sent before the body is read is the answer, and its connection is not used again', async () => {
  pool = new SocketPool(undefined);
  const xml = '<Error><Code>AccessDenied</Code><Message>Denied.</Message></Error>';
  let connections = 0;
  const server = await listen(
    createTcpServer((sock) => {
      connections++;
      closers.push(() => sock.destroy());
      sock.once('data', () => {
        // Answers after the first bytes and reads no more: the rest of the body stays in the client's socket.
        sock.pause();
        sock.write(`HTTP/1.1 403 Forbidden\r\nContent-Length: ${xml.length}\r\n\r\n${xml}`);
      });
    }),
  );
  // More than the kernel's buffers hold (a real small file is at most 128 KiB, but the rule is the same).
  const a = await put(urlOf(server), Buffer.alloc(16 * 1024 * 1024, 3)).sent;
  expect([a.status, a.body]).toEqual([403, xml]);
  const b = await put(urlOf(server), Buffer.alloc(10)).sent;
  expect(b.status).toBe(403);
  expect(connections).toBe(2);
});

it("a cancel's reset of the group cuts the connection of its PUT, and not one gone back to the pool", async () => {
  pool = new SocketPool(undefined);
  const resets: string[] = [];
  let connections = 0;
  // Answers the first request at once; reads the others and never answers.
  const server = await listen(
    createTcpServer((sock) => {
      connections++;
      closers.push(() => sock.destroy());
      sock.on('error', (err: NodeJS.ErrnoException) => resets.push(err.code ?? ''));
      let answered = false;
      sock.on('data', () => {
        if (!answered) sock.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
        answered = true;
      });
    }),
  );
  // A finished PUT's group: its connection went back to the pool and now carries the next job's PUT.
  const oldGroup = new RequestGroup();
  expect((await put(urlOf(server), Buffer.alloc(10), { group: oldGroup }).sent).status).toBe(200);
  const group = new RequestGroup();
  const { sent } = put(urlOf(server), Buffer.alloc(1000), { group });
  const outcome = sent.then(
    () => 'answered',
    (err: NodeJS.ErrnoException) => err.code ?? err.name,
  );
  await new Promise((r) => setTimeout(r, 100));
  oldGroup.resetAll();
  await new Promise((r) => setTimeout(r, 100));
  expect(resets).toEqual([]);
  // Only the group's own reset: no abort, so nothing in the request itself cuts the connection.
  group.resetAll();
  await expect.poll(() => resets).toEqual(['ECONNRESET']);
  expect(await outcome).toBe('ECONNRESET');
  expect(connections).toBe(1);
});

it('an abort alone resets the connection and fails the PUT as aborted', async () => {
  pool = new SocketPool(undefined);
  const resets: string[] = [];
  const server = await silentServer(resets);
  const ac = new AbortController();
  const { sent } = put(urlOf(server), Buffer.alloc(1000), { signal: ac.signal });
  await new Promise((r) => setTimeout(r, 100));
  ac.abort();
  await expect(sent).rejects.toMatchObject({ name: 'AbortError' });
  await expect.poll(() => resets).toEqual(['ECONNRESET']);
});

it('times out a server that takes the body and says nothing, and fails an answer cut short as a reset', async () => {
  pool = new SocketPool(undefined);
  const silent = await silentServer();
  await expect(
    put(urlOf(silent), Buffer.alloc(10), { timeouts: { requestTimeoutMs: 200 } }).sent,
  ).rejects.toMatchObject({
    name: 'TimeoutError',
    message: expect.stringContaining('was idle for 200 ms'),
  });
  const cut = await listen(
    createTcpServer((sock) => {
      sock.once('data', () => sock.end('HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nabc'));
    }),
  );
  await expect(put(urlOf(cut), Buffer.alloc(10)).sent).rejects.toMatchObject({
    code: 'ECONNRESET',
    message: 'socket hang up',
  });
});

it('refuses a header value with a line break before connecting', async () => {
  pool = new SocketPool(undefined);
  const { server, seen } = await okServer();
  const body = new MemoryBody(Buffer.alloc(1), () => undefined);
  const sent = sendRequest(urlOf(server), '', { host: 'h', 'x-amz-meta-a': 'a\r\nx-injected: 1' }, body, {
    agent,
    pool,
    timeouts: TIMEOUTS,
    signal: new AbortController().signal,
    group: undefined,
  });
  await expect(sent).rejects.toMatchObject({ code: 'ERR_INVALID_CHAR' });
  // Long enough for a connection, had one been opened, to reach the server.
  await new Promise((r) => setTimeout(r, 100));
  expect(seen.connections).toBe(0);
});

it('over TLS, trusts the given CA, keeps the connection, and fails on a certificate it cannot trust', async () => {
  const ca = await makeTestCa(await makeTempDir());
  const [cert, key, caPem] = await Promise.all([
    readFile(ca.certFile),
    readFile(ca.keyFile),
    readFile(ca.caFile, 'utf8'),
  ]);
  let connections = 0;
  const server = https.createServer({ cert, key }, (req, res) => {
    req.resume();
    req.on('end', () => res.end());
  });
  server.on('secureConnection', (s: Socket) => {
    connections++;
    closers.push(() => s.destroy());
  });
  await listen(server);
  pool = new SocketPool({ ca: caPem });
  expect((await put(urlOf(server, 'https:'), Buffer.alloc(5000)).sent).status).toBe(200);
  expect((await put(urlOf(server, 'https:'), Buffer.alloc(5000)).sent).status).toBe(200);
  expect(connections).toBe(1);
  pool.destroy();
  pool = new SocketPool({});
  await expect(put(urlOf(server, 'https:'), Buffer.alloc(5)).sent).rejects.toMatchObject({
    code: expect.stringMatching(/CERT|UNABLE_TO|SELF_SIGNED/),
  });
});

it('does not keep a connection past the time the server says it keeps one', async () => {
  pool = new SocketPool(undefined);
  let hint = 'timeout=1';
  const { server, seen } = await okServer((res) => {
    res.setHeader('Keep-Alive', hint);
    res.end();
  });
  // One second, less the margin for a request written as the server closes: not kept at all.
  await put(urlOf(server), Buffer.alloc(10)).sent;
  await put(urlOf(server), Buffer.alloc(10)).sent;
  expect(seen.connections).toBe(2);
  // Two seconds: kept for one, then no longer handed out.
  hint = 'timeout=2';
  await put(urlOf(server), Buffer.alloc(10)).sent;
  await put(urlOf(server), Buffer.alloc(10)).sent;
  expect(seen.connections).toBe(3);
  await new Promise((r) => setTimeout(r, 1100));
  await put(urlOf(server), Buffer.alloc(10)).sent;
  expect(seen.connections).toBe(4);
});

it('without a connect deadline, the idle deadline still starts only once the connection is made', async () => {
  pool = new SocketPool(undefined);
  const silent = await silentServer();
  // A connection whose name takes 500 ms to look up: it connects half a second after the request is written.
  const socket = connect({
    port: (silent.address() as AddressInfo).port,
    host: 'slow.test',
    lookup: (_host, opts, done) =>
      setTimeout(() => {
        // Asked for all addresses where Node tries each family in turn (autoSelectFamily).
        if (opts.all)
          (done as (e: null, a: { address: string; family: number }[]) => void)(null, [
            { address: '127.0.0.1', family: 4 },
          ]);
        else done(null, '127.0.0.1', 4);
      }, 500),
  });
  closers.push(() => socket.destroy());
  take.mockReturnValueOnce({ conn: new PooledConnection(socket, 'slow.test:0', pool), fresh: true });
  const started = performance.now();
  await expect(
    put(urlOf(silent), Buffer.alloc(5), { timeouts: { connectTimeoutMs: 0, requestTimeoutMs: 300 } }).sent,
  ).rejects.toMatchObject({ name: 'TimeoutError', message: expect.stringContaining('was idle for 300 ms') });
  expect(performance.now() - started).toBeGreaterThan(700);
});

it('over TLS, the connect deadline ends at the TCP connection, then the idle deadline runs (as node:http)', async () => {
  // Accepts the TCP connection and never answers the TLS handshake.
  const server = await silentServer();
  pool = new SocketPool({});
  const started = performance.now();
  await expect(
    put(urlOf(server, 'https:'), Buffer.alloc(5), { timeouts: { connectTimeoutMs: 200, requestTimeoutMs: 700 } }).sent,
  ).rejects.toMatchObject({ name: 'TimeoutError', message: expect.stringContaining('was idle for 700 ms') });
  expect(performance.now() - started).toBeGreaterThan(600);
});

it('never writes an https request onto a connection without TLS', async () => {
  let connections = 0;
  const server = await listen(
    createTcpServer((sock) => {
      connections++;
      sock.destroy();
    }),
  );
  // A pool made for http (an endpoint whose scheme was misread) is handed an https URL: node:http refuses it instead.
  pool = new SocketPool(undefined);
  await expect(put(urlOf(server, 'https:'), Buffer.alloc(5), { raw: false }).sent).rejects.toMatchObject({
    code: 'ERR_INVALID_PROTOCOL',
  });
  await new Promise((r) => setTimeout(r, 100));
  expect(connections).toBe(0);
});
