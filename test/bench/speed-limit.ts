// The upload speed limit, measured where it matters: the rate at which body bytes reach a loopback proxy in front of
// the server, while the engine (in this process, as the desktop app runs it) uploads one file under the limit.
import { performance } from 'node:perf_hooks';
import { createEngine } from '../../src/engine/index';
import { startFaultProxy } from '../harness/fault-proxy';
import { createBucket, testTarget, uniqueBucket } from '../harness/s3-check';
import { trackBodyBytes } from './cancel-latency';

export interface SpeedLimitRun {
  setBytesPerSecond: number;
  /** Body bytes at the proxy ÷ time from the first to the last of them. */
  wireBytesPerSecond: number;
  /** File size ÷ time from add() to done, CreateMultipartUpload and CompleteMultipartUpload included. */
  endToEndBytesPerSecond: number;
  ok: boolean;
}

export async function measureSpeedLimit(
  endpoint: string,
  file: string,
  size: number,
  bytesPerSecond: number,
): Promise<SpeedLimitRun> {
  const bucket = uniqueBucket('bench-limit');
  await createBucket(endpoint, bucket);
  const proxy = await startFaultProxy(endpoint);
  const body = trackBodyBytes(proxy);
  const engine = createEngine({ bytesPerSecond });
  try {
    const started = performance.now();
    const { items } = await engine.add([file], testTarget(proxy.endpoint, bucket, 'limited.bin'));
    await engine.idle();
    const ended = performance.now();
    const ok = engine.get(items[0]!.id)?.state.kind === 'done';
    return {
      setBytesPerSecond: bytesPerSecond,
      wireBytesPerSecond: (body.bytes * 1000) / (body.lastAt - body.firstAt),
      endToEndBytesPerSecond: (size * 1000) / (ended - started),
      ok,
    };
  } finally {
    await engine.close();
    await proxy.close();
  }
}
