// A stalled upload's speed falls to 0 on screen. With no bytes moving the engine has no progress to report, so
// without a reason to send the row again the window kept its last speed and time left ("5.4 MiB/s · 2 s left") for
// as long as the stall lasted.
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { engine, freshBucket, target, useFaultProxy } from './helpers';

const MiB = 1024 * 1024;
const proxy = useFaultProxy();
afterAll(cleanupTempDirs);

describe('speed of a stalled upload', () => {
  it('falls to 0 while the request is held, without waiting for the next byte', async () => {
    const dir = await makeTempDir();
    const file = await makeFile(dir, 'held.bin', 6 * MiB, 31);
    const bucket = await freshBucket('stalledspeed');
    proxy().throttle(2 * MiB);
    // Held halfway through the body for longer than the 3 s window the speed is averaged over.
    proxy().stallNext(1, 7000, { match: /^PUT / });
    const eng = engine({ requestTimeoutMs: 30_000 });
    const seen: { kind: string; bps: number }[] = [];
    eng.subscribe((e) => {
      if (e.type !== 'items') return;
      for (const i of e.items) seen.push({ kind: i.state.kind, bps: i.bytesPerSecond });
    });
    const { items } = await eng.add([file], target(bucket, '', {}, proxy().endpoint));
    await eng.idle();
    expect(eng.get(items[0]!.id)?.state.kind).toBe('done');
    expect(proxy().faultsInjected).toBe(1);
    const moving = seen.findIndex((s) => s.kind === 'uploading' && s.bps > 0);
    expect(moving).toBeGreaterThanOrEqual(0);
    const finished = seen.findIndex((s) => s.kind === 'completing' || s.kind === 'done');
    const meanwhile = seen.slice(moving, finished < 0 ? undefined : finished);
    // The row was sent again during the stall, its speed shown falling to 0 while it still says uploading.
    expect(meanwhile.some((s) => s.kind === 'uploading' && s.bps === 0)).toBe(true);
    await eng.close();
  });
});
