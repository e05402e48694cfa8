// Ctrl-C on the hoist CLI mid-upload, through the fault proxy with a throttle (so that parts are still streaming, with
// full socket buffers, when the signal comes): how long until no more part bytes reach the proxy, how long until the
// CLI reports the cleanup verified, how long until it exits, and what the server holds afterwards.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import type { FaultProxy } from '../harness/fault-proxy';
import { repoRoot } from '../harness/python';
import { createBucket, listMultipartUploads, listObjects, uniqueBucket } from '../harness/s3-check';

export interface CancelRun {
  /** SIGINT → the last byte of a request body (a part) arriving at the proxy; 0 if none came after the signal. */
  lastByteMs: number;
  /** Part bytes that reached the proxy after the signal. */
  bytesAfter: number;
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
  proxy: FaultProxy, body: BodyBytes,
  checkEndpoint: string, file: string, size: number, env: NodeJS.ProcessEnv,
): Promise<CancelRun> {
  const bucket = uniqueBucket('bench-cancel');
  await createBucket(checkEndpoint, bucket);
  const child = spawn('node', [join(repoRoot, 'bin', 'hoist.js'), 'cp', file, `s3://${bucket}/`, '--endpoint-url', proxy.endpoint, '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let buffered = '';
  let signalledAt = 0;
  let bytesAtSignal = 0;
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
    verifiedMs: since(verifiedAt),
    exitMs: since(exitedAt),
    code,
    cleanupVerified: !Number.isNaN(verifiedAt),
    leftUploads: (await listMultipartUploads(checkEndpoint, bucket)).length,
    leftObjects: (await listObjects(checkEndpoint, bucket)).length,
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
