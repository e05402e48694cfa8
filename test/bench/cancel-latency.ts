// Ctrl-C on the hoist CLI mid-upload, through the fault proxy with a throttle (so that parts are still streaming, with
// full socket buffers, when the signal comes): how long until no more part bytes reach the proxy, how long until the
// CLI reports the cleanup verified, how long until it exits, and what the server holds afterwards.
import { spawn } from 'node:child_process';
import { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { createEngine, type EngineOptions } from '../../src/engine/index';
import type { FaultProxy } from '../harness/fault-proxy';
import { receiveQueueBytes } from '../harness/receive-queue';
import { repoRoot } from '../harness/python';
import { createBucket, listMultipartUploads, listObjects, testTarget, uniqueBucket } from '../harness/s3-check';

export interface CancelRun {
  /** SIGINT → the last byte of a request body (a part) arriving at the proxy; 0 if none came after the signal. */
  lastByteMs: number;
  /** Part bytes that reached the proxy after the signal. */
  bytesAfter: number;
  /** Bytes already in the proxy's kernel receive queue when the signal went (arrived before it, read after it). */
  queuedAtCancel: number;
  /** SIGINT → the CLI's `cancelled` line with cleanup verified (AbortMultipartUpload, then ListParts: NoSuchUpload). */
  verifiedMs: number;
  /** SIGINT → the process has exited. */
  exitMs: number;
  code: number | null;
  cleanupVerified: boolean;
  leftUploads: number;
  leftObjects: number;
}

const REQUEST_LINE = /^([A-Z]+) \S+ HTTP\/1\.[01]\r\n/;

export interface BodyBytes {
  /** performance.now() of the first and the last chunk of a PUT (a part or a single PUT) seen. */
  readonly firstAt: number;
  readonly lastAt: number;
  /** Bytes of PUT requests (bodies and their heads) seen. */
  readonly bytes: number;
}

/**
 * The proxy's lastUpByteAt counts every byte, including the heads of the cleanup requests that a cancel sends on
 * purpose, and the CompleteMultipartUpload that follows the last part. This follows the PUT requests only (the parts,
 * or a single PUT), by wrapping the proxy's per-chunk hook: the harness calls proxy.onUp(link, chunk, offset) for each
 * client->server chunk, and Node's HTTP client starts every request at the start of a chunk.
 */
export function trackBodyBytes(proxy: FaultProxy): BodyBytes {
  const hooked = proxy as unknown as { onUp?: (link: object, chunk: Buffer, offset: number) => void };
  const original = hooked.onUp?.bind(proxy);
  if (!original) throw new Error('fault proxy has no onUp hook: the harness changed; update trackBodyBytes()');
  const state = { firstAt: 0, lastAt: 0, bytes: 0 };
  const method = new WeakMap<object, string>();
  hooked.onUp = (link, chunk, offset) => {
    original(link, chunk, offset);
    const line = REQUEST_LINE.exec(chunk.toString('latin1', 0, Math.min(chunk.length, 2048)));
    if (line) method.set(link, line[1]!);
    if (method.get(link) !== 'PUT') return;
    state.lastAt = performance.now();
    state.firstAt ||= state.lastAt;
    state.bytes += chunk.length;
  };
  return state;
}

export async function cancelOnce(
  proxy: FaultProxy,
  body: BodyBytes,
  checkEndpoint: string,
  file: string,
  size: number,
  env: NodeJS.ProcessEnv,
  /** More arguments for `hoist cp`, e.g. ['--data-path', 'lean']. */
  extraArgs: string[] = [],
): Promise<CancelRun> {
  const bucket = uniqueBucket('bench-cancel');
  await createBucket(checkEndpoint, bucket);
  const child = spawn(
    join(repoRoot, 'bin', 'hoist.cjs'),
    ['cp', file, `s3://${bucket}/`, '--endpoint-url', proxy.endpoint, '--json', ...extraArgs],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let buffered = '';
  let signalledAt = 0;
  let bytesAtSignal = 0;
  let queuedAtCancel = 0;
  let verifiedAt = NaN;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      let event: { type?: string; loaded?: number; cleanup?: string };
      try {
        event = JSON.parse(line);
      } catch {
        continue;
      }
      if (event.type === 'progress' && !signalledAt && (event.loaded ?? 0) >= size / 4) {
        signalledAt = performance.now();
        bytesAtSignal = body.bytes;
        child.kill('SIGINT');
        queuedAtCancel = atCancel(proxy);
      }
      if (event.type === 'cancelled' && event.cleanup === 'verified' && signalledAt) verifiedAt = performance.now();
    }
  });
  child.stderr.resume();
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  const exitedAt = performance.now();
  const since = (t: number): number => (signalledAt ? t - signalledAt : NaN);
  return {
    lastByteMs: signalledAt ? Math.max(0, body.lastAt - signalledAt) : NaN,
    bytesAfter: body.bytes - bytesAtSignal,
    queuedAtCancel,
    verifiedMs: since(verifiedAt),
    exitMs: since(exitedAt),
    code,
    cleanupVerified: !Number.isNaN(verifiedAt),
    leftUploads: (await listMultipartUploads(checkEndpoint, bucket)).length,
    leftObjects: (await listObjects(checkEndpoint, bucket)).length,
  };
}

export interface EngineCancelRun {
  /** engine.cancel() → the first connection reset (Socket.resetAndDestroy) in this process. */
  resetMs: number;
  /** engine.cancel() → the last byte of a part arriving at the proxy; 0 if none came after. */
  lastByteMs: number;
  bytesAfter: number;
  /** Bytes already in the proxy's kernel receive queue when the cancel came (arrived before it, read after it). */
  queuedAtCancel: number;
  /** engine.cancel() → its promise resolved: the item is cancelled with the cleanup verified. */
  verifiedMs: number;
  ok: boolean;
}

const resets: number[] = [];
let resetHooked = false;
/** Timestamps every Socket.resetAndDestroy() of this process: when the engine cut its connections. */
function hookResets(): void {
  if (resetHooked) return;
  resetHooked = true;
  const proto = Socket.prototype as Socket & { resetAndDestroy(): Socket };
  const original = proto.resetAndDestroy;
  proto.resetAndDestroy = function resetAndDestroy(this: Socket) {
    resets.push(performance.now());
    return original.call(this);
  };
}

/**
 * engine.cancel() in this process, as the desktop app's main process calls it, on the same throttled proxy. The engine
 * and the proxy then share one event loop, which changes how much the proxy's socket buffers hold (see the README of
 * the figures in index.ts), so both this and the CLI's figure are reported.
 */
export async function engineCancelOnce(
  proxy: FaultProxy,
  body: BodyBytes,
  checkEndpoint: string,
  file: string,
  size: number,
  /** Engine options for this run, e.g. the data path. */
  options: EngineOptions = {},
): Promise<EngineCancelRun> {
  hookResets();
  const bucket = uniqueBucket('bench-ecancel');
  await createBucket(checkEndpoint, bucket);
  const engine = createEngine(options);
  try {
    const { items } = await engine.add([file], testTarget(proxy.endpoint, bucket, ''));
    const id = items[0]!.id;
    await new Promise<void>((resolve) => {
      const off = engine.subscribe(() => {
        if ((engine.get(id)?.loaded ?? 0) >= size / 4) {
          off();
          resolve();
        }
      });
    });
    const t0 = performance.now();
    const bytesAtCancel = body.bytes;
    resets.length = 0;
    const cancelled = engine.cancel(id);
    const queuedAtCancel = atCancel(proxy);
    await cancelled;
    const verifiedMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 300)); // anything still in socket buffers arrives
    const state = engine.get(id)?.state;
    const left =
      (await listMultipartUploads(checkEndpoint, bucket)).length + (await listObjects(checkEndpoint, bucket)).length;
    return {
      resetMs: resets.length ? resets[0]! - t0 : NaN,
      lastByteMs: Math.max(0, body.lastAt - t0),
      bytesAfter: body.bytes - bytesAtCancel,
      queuedAtCancel,
      verifiedMs,
      ok: state?.kind === 'cancelled' && state.cleanup === 'verified' && left === 0,
    };
  } finally {
    await engine.close();
  }
}

/**
 * Called right after the cancel. The throttled proxy reads slowly, so the kernel holds up to megabytes that had
 * already arrived from the client; counted as they are read, they would look like bytes sent after the cancel. So the
 * queue is measured, and the throttle lifted: the proxy then drains it at once, and a byte read later than a few
 * milliseconds after the cancel really did leave the client after it.
 */
function atCancel(proxy: FaultProxy): number {
  const queued = receiveQueueBytes(proxy.port);
  proxy.throttle(null);
  return queued;
}

export function percentile(values: number[], p: number): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
