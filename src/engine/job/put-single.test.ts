// A single PUT of a small file read whole, sent from memory (MemoryBody) over a real request: what the job records of
// it on the server (PutLeft) follows the bytes. Its body is 'whole' once the server has taken every byte, before any
// answer (a cancel then must check the key: put-cleanup.ts), and 'stored' once answered.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProgressMeter } from '../queue/progress-meter';
import type { DataPath } from '../s3/lean/data-path';
import type { ObjectUrl } from '../s3/lean/object-url';
import { sendRequest } from '../s3/lean/send';
import { RequestGroup } from '../s3/request-group';
import { integrityChoice } from './integrity';
import type { PutLeft } from './job-types';
import { MemoryBody } from './memory-body';
import { putOutcome } from './put-cleanup';
import { putSingle } from './put-single';
import type { ControlClient } from '../s3/s3-sdk';

let server: http.Server;
let port: number;
/** Bodies the server has read whole, each with the answer it holds back until released. */
const held: { bytes: Buffer; answer: () => void }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const got: Buffer[] = [];
    req.on('data', (c: Buffer) => got.push(c));
    req.on('end', () =>
      held.push({ bytes: Buffer.concat(got), answer: () => res.writeHead(200, { etag: '"e1"' }).end() }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise((r) => server.close(r)));

/** A data path that sends each PUT to the loopback server; calls() sees the record at each attempt's start. */
function loopbackData(agent: http.Agent, requestTimeoutMs: number, calls: (body: unknown) => void): DataPath {
  return {
    kind: 'lean',
    async putObject(input, options) {
      calls(input.body);
      const url: ObjectUrl = {
        protocol: 'http:',
        hostname: '127.0.0.1',
        port,
        host: `127.0.0.1:${port}`,
        path: '/b/k',
      };
      const answer = await sendRequest(url, '', { 'content-length': String(input.contentLength) }, input.body, {
        agent,
        timeouts: { connectTimeoutMs: 5000, requestTimeoutMs },
        signal: options.abortSignal,
        group: undefined,
      });
      return { ETag: answer.headers.etag as string };
    },
    uploadPart: () => Promise.reject(new Error('no parts here')),
  };
}

/** putSingle of bytes held in memory under /nowhere/photo.jpg, with no control calls: what varies per test. */
function putInMemory(
  bytes: Buffer,
  left: PutLeft,
  data: DataPath,
  opts: {
    integrity: 'off' | 'auto';
    maxAttempts: number;
    meter?: ProgressMeter;
    report?: (kind: string) => void;
    hooks?: { onRetry?: () => void };
    signal?: AbortSignal;
    /** The file the bytes are of (a look at the key compares its MD5), and the client for that look. */
    path?: string;
    control?: ControlClient;
  },
): Promise<string> {
  const path = opts.path ?? '/nowhere/photo.jpg';
  return putSingle(
    {
      file: { path, name: 'photo.jpg', bucket: 'b', key: 'k' },
      size: bytes.length,
      data: bytes,
      stamp: undefined,
      left,
      settings: {
        integrity: integrityChoice(opts.integrity),
        limiters: [],
        retry: { maxAttempts: opts.maxAttempts, baseDelayMs: 10, unreachableBudgetMs: 60_000 },
      },
      ctx: { file: path, bucket: 'b', key: 'k', endpoint: 'loopback' },
    },
    {
      connection: {
        control: () => {
          if (opts.control) return opts.control;
          throw new Error('no control calls here');
        },
        data,
      },
      requests: new RequestGroup(),
      meter: opts.meter ?? new ProgressMeter(),
      report: (s) => opts.report?.(s.kind),
      hooks: opts.hooks ?? {},
    },
    opts.signal ?? new AbortController().signal,
  );
}

it("marks a small file's body whole once the server took every byte, and stored once it answered", async () => {
  const agent = new http.Agent({ keepAlive: true });
  const bytes = randomBytes(64 * 1024);
  const bodies: unknown[] = [];
  const data = loopbackData(agent, 10_000, (body) => bodies.push(body));
  const left: PutLeft = { kind: 'put', startedAt: Date.now(), body: 'partial', unchecked: false };
  const meter = new ProgressMeter();
  const states: string[] = [];
  try {
    const etag = putInMemory(bytes, left, data, {
      integrity: 'off',
      maxAttempts: 1,
      meter,
      report: (kind) => states.push(kind),
    });
    for (let waited = 0; held.length === 0 && waited < 5000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    expect(held).toHaveLength(1);
    expect(held[0]!.bytes.equals(bytes)).toBe(true);
    expect(bodies[0]).toBeInstanceOf(MemoryBody);
    // Every byte taken, no answer yet.
    expect(left.body).toBe('whole');
    expect(meter.sent).toBe(bytes.length);
    expect(states).toEqual(['uploading']);
    held[0]!.answer();
    expect(await etag).toBe('"e1"');
    expect(left.body).toBe('stored');
    expect(states).toEqual(['uploading', 'completing']);
  } finally {
    agent.destroy();
  }
});

it("keeps a body that went out whole, and the first attempt's start, across a retry cancelled in its back-off", async () => {
  held.length = 0;
  const agent = new http.Agent({ keepAlive: true });
  const bytes = randomBytes(16 * 1024);
  // As the job sets it, before the first attempt.
  const begun = Date.now() - 1000;
  const left: PutLeft = { kind: 'put', startedAt: begun, body: 'partial', unchecked: false };
  const starts: number[] = [];
  // The server reads every body whole and never answers: each attempt times out after its body went out.
  const data = loopbackData(agent, 300, () => starts.push(left.startedAt));
  const stop = new AbortController();
  let retries = 0;
  try {
    const put = putInMemory(bytes, left, data, {
      integrity: 'auto',
      maxAttempts: 5,
      // Cancelled in the back-off after the second attempt.
      hooks: { onRetry: () => void (++retries === 2 && stop.abort()) },
      signal: stop.signal,
    });
    await expect(put).rejects.toThrow();
    expect(held).toHaveLength(2);
    expect(held.every((h) => h.bytes.equals(bytes))).toBe(true);
    // The server may hold either attempt's body: the cleanup must look for it since the first attempt began.
    expect(left.body).toBe('whole');
    expect(left.startedAt).toBe(begun);
    expect(starts).toEqual([begun, begun]);
  } finally {
    held.forEach((h) => h.answer());
    agent.destroy();
  }
});

it('records that it removed the object of a file that changed, so that a cancel meanwhile reports nothing kept', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hoist-put-'));
  try {
    // Streamed (over 512 KiB): its bytes are read while sent, and the file is looked at again after the answer.
    const path = join(dir, 'video.bin');
    await writeFile(path, randomBytes(600 * 1024));
    const st = await stat(path);
    const file = { path, name: 'video.bin', bucket: 'b', key: 'k' };
    const data: DataPath = {
      kind: 'lean',
      async putObject(input) {
        for await (const _chunk of input.body as Readable);
        // Written to while it went out: a new modification time by the answer.
        await utimes(path, new Date(), new Date(st.mtimeMs + 5000));
        return { ETag: '"e1"' };
      },
      uploadPart: () => Promise.reject(new Error('no parts here')),
    };
    const deletes: unknown[] = [];
    const control = { send: async (command: unknown) => void deletes.push(command) } as unknown as ControlClient;
    const left: PutLeft = { kind: 'put', startedAt: Date.now(), body: 'partial', unchecked: false };
    const sent = putSingle(
      {
        file,
        size: st.size,
        data: undefined,
        stamp: { size: st.size, mtimeMs: st.mtimeMs },
        left,
        settings: {
          integrity: integrityChoice('off'),
          limiters: [],
          retry: { maxAttempts: 1, baseDelayMs: 10, unreachableBudgetMs: 1000 },
        },
        ctx: { file: path, bucket: 'b', key: 'k', endpoint: 'loopback' },
      },
      {
        connection: { control: () => control, data },
        requests: new RequestGroup(),
        meter: new ProgressMeter(),
        report: () => undefined,
        hooks: {},
      },
      new AbortController().signal,
    );
    await expect(sent).rejects.toThrow(/changed while it was uploading/);
    expect(deletes).toHaveLength(1);
    expect(left.body).toBe('removed');
    // A cancel that came during the look or the removal: its cleanup must not say the object was kept.
    expect(await putOutcome(control, { file, size: st.size, endpoint: 'loopback' }, left)).toEqual({
      kind: 'cancelled',
      cleanup: 'verified',
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

describe('a PUT that failed after its whole body went out', () => {
  /** A data path that takes every byte of the body, then fails as `err`. */
  const takesThenFails = (err: Error): DataPath => ({
    kind: 'lean',
    async putObject(input) {
      const body = input.body instanceof MemoryBody ? input.body.toStream() : (input.body as Readable);
      for await (const _ of body);
      throw err;
    },
    uploadPart: () => Promise.reject(new Error('no parts here')),
  });
  /** A key that holds these bytes, written now (its ETag their MD5), in version v7. */
  const holding = (bytes: Buffer): ControlClient =>
    ({
      send: async () => ({
        ContentLength: bytes.length,
        ETag: `"${createHash('md5').update(bytes).digest('hex')}"`,
        VersionId: 'v7',
        LastModified: new Date(),
      }),
    }) as unknown as ControlClient;

  // The file on disk (a look at the key compares its MD5), in a folder of its own for each test.
  const bytes = randomBytes(40 * 1024);
  let path = '';
  beforeEach(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hoist-lost-'));
    path = join(dir, 'photo.jpg');
    await writeFile(path, bytes);
  });
  afterEach(() => rm(dirname(path), { recursive: true, force: true }));
  const fresh = (): PutLeft => ({ kind: 'put', startedAt: Date.now(), body: 'partial', unchecked: false });

  it('with its answer lost: done with the stored object, its bytes on the bar once', async () => {
    const left = fresh();
    const meter = new ProgressMeter();
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const etag = await putInMemory(bytes, left, takesThenFails(reset), {
      integrity: 'auto',
      maxAttempts: 1,
      meter,
      path,
      control: holding(bytes),
    });
    expect(etag).toBe(`"${createHash('md5').update(bytes).digest('hex')}"`);
    expect(left.body).toBe('stored');
    expect({ loaded: meter.loaded, confirmed: meter.confirmed, sent: meter.sent }).toEqual({
      loaded: bytes.length,
      confirmed: bytes.length,
      sent: bytes.length,
    });
  });

  it('refused with an answer (403): failed, never taken for done by the same bytes already at the key', async () => {
    const left = fresh();
    const denied = Object.assign(new Error('Access Denied'), {
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
    const put = putInMemory(bytes, left, takesThenFails(denied), {
      integrity: 'auto',
      maxAttempts: 1,
      path,
      control: holding(bytes),
    });
    await expect(put).rejects.toThrow(/^Access denied writing k/);
    // Its body was answered, so not stored: nothing for a cancel or the failure to look for.
    expect(left.body).toBe('partial');
  });

  /** A PUT reset after its whole body went out, whose look at the key goes to `heads`, stopped by `stop`. */
  const resetThenLook = (heads: ControlClient, stop: AbortController) =>
    putInMemory(bytes, fresh(), takesThenFails(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })), {
      integrity: 'auto',
      maxAttempts: 1,
      control: heads,
      signal: stop.signal,
    });
  /** A HEAD that never answers: only the signal it is sent with ends it, with the SDK's abort error. */
  const unanswered = (options: { abortSignal: AbortSignal }, seen?: unknown[]) =>
    new Promise((_resolve, reject) =>
      options.abortSignal.addEventListener('abort', () => {
        seen?.push(options.abortSignal.reason);
        reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
      }),
    );

  it('a stop during its look cuts the settle short: one look, and the failure as it was', async () => {
    const stop = new AbortController();
    let heads = 0;
    const missing = {
      send: async () => {
        heads++;
        // The user stops the item while the first look is out; the second look would come 750 ms later.
        setTimeout(() => stop.abort(), 10);
        throw Object.assign(new Error('Not Found'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } });
      },
    } as unknown as ControlClient;
    await expect(resetThenLook(missing, stop)).rejects.toThrow(/ECONNRESET/);
    expect(heads).toBe(1);
  });

  it('a stop during its look cuts the HEAD itself short, not at its own deadline', async () => {
    const stop = new AbortController();
    const reasons: unknown[] = [];
    const silent = {
      send: (_: unknown, options: { abortSignal: AbortSignal }) => {
        setTimeout(() => stop.abort(new Error('stopped by the user')), 10);
        return unanswered(options, reasons);
      },
    } as unknown as ControlClient;
    await expect(resetThenLook(silent, stop)).rejects.toThrow(/ECONNRESET/);
    // Cut by the stop (its reason), not by the HEAD's 5 s deadline (a TimeoutError).
    expect(reasons).toEqual([stop.signal.reason]);
  });

  it('a HEAD the stop cuts is not reported as one that went unanswered', async () => {
    const stop = new AbortController();
    let heads = 0;
    // The first look is refused (so a second one follows the settle); the user stops the item while the second is out.
    const refusedThenSilent = {
      send: (_: unknown, options: { abortSignal: AbortSignal }) => {
        if (++heads === 1)
          return Promise.reject(
            Object.assign(new Error('Internal Error'), { name: 'InternalError', $metadata: { httpStatusCode: 500 } }),
          );
        const look = unanswered(options);
        stop.abort();
        return look;
      },
    } as unknown as ControlClient;
    // The PUT's own failure, as it was: not followed by "no answer within 5 s", which the server never failed to give.
    const err = await resetThenLook(refusedThenSilent, stop).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(heads).toBe(2);
    expect(err?.message).toMatch(/ECONNRESET/);
    expect(err?.message).not.toMatch(/could not be looked at|HeadObject/);
  });
});
