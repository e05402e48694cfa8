// The part loop's bodies share what the link has shown: a part that starts after others showed a fast link starts in
// large chunks (chunk-size.ts). Each part goes to a plain HTTP server on loopback, whose pace is hundreds of MiB/s,
// and the meter records the chunks as the socket takes them.
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { DataPath } from '../s3/lean/data-path';
import { RequestGroup, requestGroupOf } from '../s3/request-group';
import { sendRequest } from '../s3/lean/send';
import { Limiter } from '../throttle/part-slots';
import { ProgressMeter } from '../queue/progress-meter';
import { CHUNK, FAST_CHUNK } from './chunk-size';
import { putToLoopback } from './local-put.test-support';
import { PartLoop } from './send-parts';

const MiB = 1024 * 1024;
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** A meter that keeps the size of every chunk each part's body reported, by part, in the order the parts went. */
class ChunkLog extends ProgressMeter {
  readonly parts: number[][] = [];
  current: number[] = [];
  override add(n: number): void {
    this.current.push(n);
    super.add(n);
  }
}

it("starts each later part in the chunks the parts before it moved to, and sends every part's bytes", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hoist-parts-'));
  dirs.push(dir);
  // Large enough that a part judged fast (32 MiB/s on average) may take half a second: loopback on a loaded CI
  // machine still judges fast.
  const partSize = 16 * MiB;
  const bytes = randomBytes(3 * partSize);
  const path = join(dir, 'three-parts.bin');
  await writeFile(path, bytes);
  const { size, mtimeMs } = await stat(path);
  const meter = new ChunkLog();
  const data: DataPath = {
    kind: 'lean',
    putObject: () => Promise.reject(new Error('no PUT here')),
    async uploadPart(input) {
      meter.current = [];
      meter.parts.push(meter.current);
      const start = (input.partNumber - 1) * partSize;
      const same = await putToLoopback(input.body as Readable, bytes.subarray(start, start + input.contentLength));
      if (!same) throw new Error(`part ${input.partNumber} arrived different`);
      return { ETag: `"part-${input.partNumber}"` };
    },
  };
  const loop = new PartLoop(
    {
      file: { path, name: 'three-parts.bin', bucket: 'b', key: 'three-parts.bin' },
      uploadId: 'u',
      plan: { partSize, partCount: 3 },
      size,
      stamp: { size, mtimeMs },
      integrity: 'none',
      // One at a time, so that each part starts after the one before it has judged the link.
      partsPerFile: 1,
      retry: { maxAttempts: 1, baseDelayMs: 10, unreachableBudgetMs: 1000 },
      limiters: [],
      ctx: { file: path, bucket: 'b', key: 'three-parts.bin', endpoint: 'loopback' },
    },
    { data, requests: new RequestGroup(), limiter: new Limiter(1), meter, report: () => undefined },
  );
  const parts = await loop.send(new Map(), new AbortController().signal);
  expect(parts.map((p) => p.PartNumber)).toEqual([1, 2, 3]);
  expect(meter.parts.map((chunks) => chunks.reduce((a, b) => a + b, 0))).toEqual([partSize, partSize, partSize]);
  // The first part proves the link in small chunks, then moves to large ones; the later parts start there.
  expect(meter.parts[0]![0]).toBe(CHUNK);
  expect(meter.parts[0]).toContain(FAST_CHUNK);
  expect(meter.parts[1]![0]).toBe(FAST_CHUNK);
  expect(meter.parts[2]![0]).toBe(FAST_CHUNK);
});

it("resets the other parts' connections when one part fails for good, so that none goes on sending", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hoist-parts-'));
  dirs.push(dir);
  const partSize = 16 * MiB;
  const path = join(dir, 'two-parts.bin');
  await writeFile(path, Buffer.alloc(2 * partSize, 5));
  const { size, mtimeMs } = await stat(path);
  // Part 1's server reads the request head, then stops reading for a while, so that the client's socket buffers fill
  // up; then it reads to the end. After a polite close the client's kernel still delivers everything it had taken;
  // after a reset (request-group.ts) it cannot, and the server gets only what its own buffers held.
  let received: (bytes: number) => void = () => undefined;
  const receivedBytes = new Promise<number>((resolve) => (received = resolve));
  const server = createServer((sock: Socket) => {
    let bytes = 0;
    sock.once('data', () => {
      sock.pause();
      setTimeout(() => sock.resume(), 600);
    });
    sock.on('data', (chunk: Buffer) => (bytes += chunk.length));
    sock.on('close', () => received(bytes));
    sock.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const sockets: Socket[] = [];
  const agent = new (class extends Agent {
    override createConnection(...args: Parameters<Agent['createConnection']>) {
      const socket = super.createConnection(...args) as Socket;
      sockets.push(socket);
      return socket;
    }
  })({ keepAlive: true });
  /** What part 1's socket had handed to its kernel when part 2 failed. */
  let inKernel = 0;
  const data: DataPath = {
    kind: 'lean',
    putObject: () => Promise.reject(new Error('no PUT here')),
    async uploadPart(input, options) {
      if (input.partNumber === 2) {
        // Refused for good once part 1 is well under way (a refusal no retry changes).
        await new Promise((r) => setTimeout(r, 300));
        inKernel = sockets[0]!.bytesWritten - sockets[0]!.writableLength;
        throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });
      }
      const signal = options!.abortSignal!;
      await sendRequest(
        { protocol: 'http:', hostname: '127.0.0.1', port, path: '/b/k', host: `127.0.0.1:${port}` },
        'partNumber=1',
        { 'content-length': String(input.contentLength) },
        input.body as Readable,
        {
          agent,
          timeouts: { connectTimeoutMs: 5000, requestTimeoutMs: 30_000 },
          signal,
          group: requestGroupOf(signal),
        },
      );
      return { ETag: '"never"' };
    },
  };
  const loop = new PartLoop(
    {
      file: { path, name: 'two-parts.bin', bucket: 'b', key: 'k' },
      uploadId: 'u',
      plan: { partSize, partCount: 2 },
      size,
      stamp: { size, mtimeMs },
      integrity: 'none',
      partsPerFile: 2,
      retry: { maxAttempts: 1, baseDelayMs: 10, unreachableBudgetMs: 1000 },
      limiters: [],
      ctx: { file: path, bucket: 'b', key: 'k', endpoint: 'loopback' },
    },
    {
      data,
      requests: new RequestGroup(),
      limiter: new Limiter(2),
      meter: new ProgressMeter(),
      report: () => undefined,
    },
  );
  try {
    await expect(loop.send(new Map(), new AbortController().signal)).rejects.toThrow(/Access denied/);
    const bytes = await receivedBytes;
    console.log(`[send-parts] part 1's kernel held ${inKernel} bytes when part 2 failed; the server got ${bytes}`);
    // Closed politely, the server would get at least what the kernel held then (and more, sent since).
    expect(bytes).toBeLessThan(inKernel);
  } finally {
    agent.destroy();
    server.close();
  }
});
