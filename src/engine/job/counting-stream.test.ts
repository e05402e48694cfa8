// A file body reads through a plain descriptor (no FileHandle, which would close itself when collected): every way a
// body ends must close it, and never while a read on it is in flight, nor read from it once it is closed (the number
// may name another file by then). Node's fs calls are watched, and slowed where a case needs one in flight.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent, createServer, request, type ClientRequest, type IncomingMessage } from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LinkPace } from './chunk-size';
import { countingFileStream, GIVEN_UP_DRAIN_MS } from './counting-stream';
import { LARGE_HELD, largeBuffersHeld } from './read-buffer';
import { putToLoopback } from './local-put.test-support';

const MiB = 1024 * 1024;
let dir: string;
let path: string;
let bytes: Buffer;
/** Larger than a loopback socket's buffers can hold (for a server that does not read). */
const BIG = 48 * MiB;
let bigPath: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoist-body-fd-'));
  bytes = randomBytes(4 * MiB);
  path = join(dir, 'body.bin');
  await writeFile(path, bytes);
  bigPath = join(dir, 'big.bin');
  await writeFile(bigPath, Buffer.alloc(BIG, 7));
});
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

type Callback = (...args: unknown[]) => void;

/**
 * Watches the descriptors opened on the test's file (other code in this process may use fs meanwhile): which are open,
 * the reads in flight on each, and every misuse.
 */
function watchDescriptors(delays: { openMs?: number; readMs?: number } = {}) {
  const open = new Set<number>();
  const reading = new Map<number, number>();
  const misuse: string[] = [];
  const calls = { open: 0, read: 0, close: 0 };
  /** Descriptors of the test's file, open or closed: a read or close on any other is not the body's. */
  const ours = new Set<number>();
  const later = (ms: number | undefined, fn: () => void) => (ms ? setTimeout(fn, ms) : fn());
  const realOpen = fs.open.bind(fs) as (...args: unknown[]) => void;
  const realRead = fs.read.bind(fs) as (...args: unknown[]) => void;
  const realClose = fs.close.bind(fs) as (...args: unknown[]) => void;
  vi.spyOn(fs, 'open').mockImplementation(((...args: unknown[]) => {
    const done = args.pop() as Callback;
    if (args[0] !== path) return realOpen(...args, done);
    calls.open++;
    realOpen(...args, (err: unknown, fd: number) =>
      later(delays.openMs, () => {
        if (!err) open.add(fd);
        if (!err) ours.add(fd);
        done(err, fd);
      }),
    );
  }) as typeof fs.open);
  vi.spyOn(fs, 'read').mockImplementation(((fd: number, ...args: unknown[]) => {
    const done = args.pop() as Callback;
    if (!ours.has(fd)) return realRead(fd, ...args, done);
    calls.read++;
    if (!open.has(fd)) misuse.push(`read on descriptor ${fd}, which is not open`);
    reading.set(fd, (reading.get(fd) ?? 0) + 1);
    realRead(fd, ...args, (...result: unknown[]) =>
      later(delays.readMs, () => {
        reading.set(fd, reading.get(fd)! - 1);
        done(...result);
      }),
    );
  }) as typeof fs.read);
  vi.spyOn(fs, 'close').mockImplementation(((fd: number, done: Callback) => {
    if (!ours.has(fd)) return realClose(fd, done);
    calls.close++;
    if (!open.has(fd)) misuse.push(`close of descriptor ${fd}, which is not open`);
    if ((reading.get(fd) ?? 0) > 0) misuse.push(`close of descriptor ${fd} while a read on it is in flight`);
    open.delete(fd);
    realClose(fd, done);
  }) as typeof fs.close);
  const inFlight = () => [...reading.values()].reduce((a, b) => a + b, 0);
  return { open, misuse, inFlight, calls };
}

/**
 * Pipes body into a PUT of `length` bytes to a server that does with the request what `serve` says (drop it, hold it);
 * `closed` resolves once the request has closed.
 */
async function pipeToServer(
  body: NodeJS.ReadableStream,
  length: number,
  serve: (req: IncomingMessage) => void,
): Promise<{ req: ClientRequest; closed: Promise<unknown> }> {
  const server = createServer(serve);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const req = request({
    port: (server.address() as AddressInfo).port,
    host: '127.0.0.1',
    method: 'PUT',
    headers: { 'content-length': length },
  });
  const closed = new Promise((r) => req.once('close', r));
  req.on('error', () => undefined);
  body.pipe(req);
  void closed.finally(() => server.close());
  return { req, closed };
}

describe.skipIf(process.platform === 'win32')('a file body', () => {
  it('sent whole through its request, closes its file', async () => {
    const w = watchDescriptors();
    expect(
      await putToLoopback(
        countingFileStream(path, 0, bytes.length, () => undefined),
        bytes,
      ),
    ).toBe(true);
    await expect.poll(() => w.open.size).toBe(0);
    expect(w.calls).toMatchObject({ open: 1, close: 1 });
    expect(w.misuse).toEqual([]);
  });

  it('destroyed while a read is in flight, closes its file only after that read', async () => {
    const w = watchDescriptors({ readMs: 30 });
    const body = countingFileStream(path, 0, bytes.length, () => undefined);
    body.once('data', () => undefined);
    await vi.waitFor(() => expect(w.inFlight()).toBeGreaterThan(0), { interval: 1 });
    body.destroy();
    expect(w.inFlight()).toBeGreaterThan(0);
    await expect.poll(() => w.open.size).toBe(0);
    expect(w.calls.close).toBe(1);
    expect(w.misuse).toEqual([]);
  });

  it('destroyed while its file is being opened, closes it once it opens, and reads nothing', async () => {
    const w = watchDescriptors({ openMs: 30 });
    const body = countingFileStream(path, 0, bytes.length, () => undefined);
    body.resume();
    // The stream asks for its first bytes on the next tick: by the next turn of the loop the open has been made.
    await new Promise((r) => setImmediate(r));
    expect(w.calls.open).toBe(1);
    body.destroy();
    // The open answers 30 ms after it was made: the body must then close what it opened, and read nothing.
    await vi.waitFor(() => expect(w.calls.close).toBe(1));
    expect(w.open.size).toBe(0);
    expect(w.calls.read).toBe(0);
    expect(w.misuse).toEqual([]);
  });

  it('piped to a request that the server cuts off midway, closes its file', async () => {
    const w = watchDescriptors();
    const { closed } = await pipeToServer(
      countingFileStream(path, 0, bytes.length, () => undefined),
      bytes.length,
      (r) => r.once('data', () => r.socket.destroy()),
    );
    await closed;
    await expect.poll(() => w.open.size).toBe(0);
    expect(w.calls.open).toBe(1);
    expect(w.calls.close).toBe(1);
    expect(w.misuse).toEqual([]);
  });
});

/** A link already shown fast: every chunk of a body asks for a large buffer from its first. */
function fastLink(): LinkPace {
  const pace = new LinkPace();
  pace.fast = true;
  return pace;
}

describe.skipIf(process.platform === 'win32')('the large buffers a file body holds (read-buffer.ts)', () => {
  it('ten bodies at once on a fast link hold at most LARGE_HELD of them, send every byte, and give every one back', async () => {
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, largeBuffersHeld())), 0);
    try {
      const sent = await Promise.all(
        Array.from({ length: 10 }, () =>
          putToLoopback(
            countingFileStream(path, 0, bytes.length, () => undefined, [], fastLink()),
            bytes,
          ),
        ),
      );
      expect(sent).toEqual(Array(10).fill(true));
    } finally {
      clearInterval(watch);
    }
    // The ration was reached (twenty were asked for at once, and every byte still arrived right) and is whole again.
    expect(most).toBe(LARGE_HELD);
    expect(largeBuffersHeld()).toBe(0);
  });

  it('gives them back when its request is destroyed while its writes wait on a full socket', async () => {
    // The server never reads: once the socket's buffers are full, the body's two chunks wait on their callbacks.
    let sent = 0;
    const body = countingFileStream(bigPath, 0, BIG, (n) => (sent += n), [], fastLink());
    const { req, closed } = await pipeToServer(body, BIG, (r) => r.pause());
    await vi.waitFor(
      async () => {
        const before = sent;
        await new Promise((r) => setTimeout(r, 50));
        expect(sent).toBe(before);
        expect(largeBuffersHeld()).toBe(2);
      },
      { timeout: 5000, interval: 1 },
    );
    expect(sent).toBeLessThan(BIG);
    req.destroy();
    await closed;
    await expect.poll(() => largeBuffersHeld()).toBe(0);
  });

  it('gives them back when its request is destroyed before it has a socket', async () => {
    // One server, and an agent with one socket, taken by a request that never ends: the body's request waits for it,
    // its two chunks queued in the request itself, where no write callback comes for them.
    const server = createServer(() => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const put = (length: number) => {
      const req = request({
        port: (server.address() as AddressInfo).port,
        host: '127.0.0.1',
        method: 'PUT',
        headers: { 'content-length': length },
        agent,
      });
      req.on('error', () => undefined);
      return req;
    };
    try {
      const blocker = put(10);
      new PassThrough().pipe(blocker);
      const req = put(bytes.length);
      countingFileStream(path, 0, bytes.length, () => undefined, [], fastLink()).pipe(req);
      await vi.waitFor(() => expect(largeBuffersHeld()).toBe(2), { interval: 1 });
      expect(req.socket).toBeFalsy();
      // Destroyed while queued, the request closes once the agent hands it a socket: here when the blocker goes.
      req.destroy();
      blocker.destroy();
      await expect.poll(() => largeBuffersHeld()).toBe(0);
    } finally {
      agent.destroy();
      server.close();
    }
  });

  it('gives back the one a failed read was to fill', async () => {
    const realRead = fs.read.bind(fs) as (...args: unknown[]) => void;
    let reads = 0;
    vi.spyOn(fs, 'read').mockImplementation(((...args: unknown[]) => {
      const done = args.pop() as Callback;
      if (++reads === 2) return setTimeout(() => done(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' })), 5);
      realRead(...args, done);
    }) as typeof fs.read);
    const body = countingFileStream(path, 0, bytes.length, () => undefined, [], fastLink());
    await expect(putToLoopback(body, bytes)).rejects.toThrow(/EIO/);
    await expect.poll(() => largeBuffersHeld()).toBe(0);
  });

  it('on a fast link, reads a tail shorter than a large buffer in one read, not in small ones', async () => {
    const descriptors = watchDescriptors();
    const length = MiB + MiB / 2;
    const body = countingFileStream(path, 0, length, () => undefined, [], fastLink());
    expect(await putToLoopback(body, bytes.subarray(0, length))).toBe(true);
    // A full MiB, then the half MiB left: two reads (in 128 KiB ones the tail alone would take four).
    expect(descriptors.calls.read).toBe(2);
    expect(descriptors.misuse).toEqual([]);
    expect(largeBuffersHeld()).toBe(0);
  });
});

it('destroys a request it ended after being given up, once its last writes have not finished in time', async () => {
  // A connection that takes the first 3 MiB (and the request head) and never the rest, as a server that answered a
  // refusal and stopped reading: the body has handed its request every byte, its last chunk's write still out.
  const length = 4 * MiB;
  let taken = 0;
  const wire = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      taken += chunk.length;
      if (taken <= 3 * MiB + 4096) done();
    },
  });
  const req = request({
    createConnection: () => wire as never,
    method: 'PUT',
    host: 'x',
    path: '/b/k',
    headers: { 'content-length': length },
  });
  req.on('error', () => undefined);
  const body = countingFileStream(path, 0, length, () => undefined, [], fastLink());
  body.pipe(req);
  await vi.waitFor(() => expect(taken).toBeGreaterThan(3 * MiB), { timeout: 5000 });
  // The refusal: its sender gives the body up, and the request is ended with its last write still out.
  const answered = new Promise((resolve) =>
    req.once('response', (res: IncomingMessage) => res.resume().on('end', resolve)),
  );
  wire.push('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
  await answered;
  body.destroy();
  await vi.waitFor(() => expect(req.writableEnded).toBe(true));
  expect(req.writableFinished).toBe(false);
  expect(req.destroyed).toBe(false);
  // Left so, the connection (a kept-alive socket, from its agent's pool) would stay this request's for good.
  await vi.waitFor(() => expect(req.destroyed).toBe(true), { timeout: GIVEN_UP_DRAIN_MS + 2000, interval: 100 });
});
