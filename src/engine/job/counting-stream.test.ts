// A file body reads through a plain descriptor (no FileHandle, which would close itself when collected): every way a
// body ends must close it, and never while a read on it is in flight, nor read from it once it is closed (the number
// may name another file by then). Node's fs calls are watched, and slowed where a case needs one in flight.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LinkPace } from './chunk-size';
import { countingFileStream } from './counting-stream';
import { LARGE_HELD, largeBuffersHeld } from './read-buffer';
import { putToLoopback } from './local-put.test-support';

const MiB = 1024 * 1024;
let dir: string;
let path: string;
let bytes: Buffer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoist-body-fd-'));
  bytes = randomBytes(4 * MiB);
  path = join(dir, 'body.bin');
  await writeFile(path, bytes);
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

/** Pipes body into a PUT whose server drops the connection cutAfterMs after the first bytes; resolves once it closed. */
async function pipeToCutOff(body: NodeJS.ReadableStream, cutAfterMs: number): Promise<void> {
  const server = createServer((req) => req.once('data', () => setTimeout(() => req.socket.destroy(), cutAfterMs)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const req = request({
      port: (server.address() as AddressInfo).port,
      host: '127.0.0.1',
      method: 'PUT',
      headers: { 'content-length': bytes.length },
    });
    const ended = new Promise((r) => req.once('close', r));
    req.on('error', () => undefined);
    body.pipe(req);
    await ended;
  } finally {
    server.close();
  }
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
    await pipeToCutOff(
      countingFileStream(path, 0, bytes.length, () => undefined),
      0,
    );
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
    // The ration was reached (twenty were asked for at once), never passed, and is whole again.
    expect(most).toBe(LARGE_HELD);
    expect(largeBuffersHeld()).toBe(0);
  });

  it('gives them back when its request is destroyed midway, and when a read fails', async () => {
    const cut = pipeToCutOff(
      countingFileStream(path, 0, bytes.length, () => undefined, [], fastLink()),
      20,
    );
    await vi.waitFor(() => expect(largeBuffersHeld()).toBeGreaterThan(0), { interval: 1 });
    await cut;
    await expect.poll(() => largeBuffersHeld()).toBe(0);

    // A read that fails: the pump ends with its error, the buffer it read into comes back.
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
});
