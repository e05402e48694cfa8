// Low speed limits with several parts in flight, which share the limit's turns.
// - A cancel: each part in flight had a chunk waiting for its turn at the limit. Those turns used to be served after
//   the cancel all the same, bytes counted against the limit that were never sent, so the next upload waited for them
//   (8 parts × 64 KiB at 64 KiB/s: 8 s; in today's smaller chunks under a low limit, a 20th of a second per part)
//   while the cancelled parts still held their files open.
// - The idle timeout: each request gets a chunk once every other part has had its turn. In 64 KiB chunks, 4 parts at
//   16 KiB/s wait 16 s between two writes, and 12 parts (the app's 3 files × 4) at 20 KiB/s 38 s, past the 30 s a
//   request may stay idle: every part failed with a timeout, again and again.
import { writeFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { listObjects } from '../harness/s3-check';
import { engine, freshBucket, inState, recordStates, s3, target, waitFor } from './helpers';

afterAll(cleanupTempDirs);

const KiB = 1024;
const MiB = 1024 * KiB;

it('the next upload after a cancel goes at the limit at once, not after the cancelled parts’ turns', async () => {
  const dir = await makeTempDir();
  // 64 parts in flight, each with a chunk waiting at the limit (3.2 KiB at 64 KiB/s: a 20th of a second's bytes);
  // a sparse file, since only the first few KiB are ever read.
  const big = join(dir, 'big.bin');
  await writeFile(big, '');
  await truncate(big, 64 * 5 * MiB);
  const small = await makeFile(dir, 'small.bin', 48 * KiB, 2);
  const bucket = await freshBucket('limit-after-cancel');
  const eng = engine({
    bytesPerSecond: 64 * KiB,
    partSize: 5 * MiB,
    multipartThreshold: 5 * MiB,
    partsPerFile: 64,
  });
  try {
    const { items } = await eng.add([big], target(bucket));
    const id = items[0]!.id;
    // A few chunks sent: the other parts' requests are open, their first chunks waiting at the limit.
    await waitFor(eng, id, (i) => i.loaded >= 16 * KiB);
    await eng.cancel(id);
    expect(eng.get(id)?.state.kind).toBe('cancelled');
    const started = performance.now();
    const next = await eng.add([small], target(bucket));
    await waitFor(eng, next.items[0]!.id, inState('done', 'failed'), 20_000);
    const seconds = (performance.now() - started) / 1000;
    expect(eng.get(next.items[0]!.id)?.state.kind).toBe('done');
    // 48 KiB at 64 KiB/s, less the limiter's burst: under a second; the cancelled parts' turns would add 3 s.
    expect(seconds).toBeLessThan(2.5);
    expect((await listObjects(s3(), bucket)).map((o) => o.key)).toEqual(['small.bin']);
  } finally {
    await eng.close();
  }
});

it('parts sharing a low limit keep their requests busy: none times out while it waits for its turn', async () => {
  const dir = await makeTempDir();
  const big = await makeFile(dir, 'big.bin', 20 * MiB, 3);
  const bucket = await freshBucket('limit-idle');
  // A 2 s idle timeout stands for the default 30 s: 4 parts in 64 KiB chunks at 16 KiB/s would each wait 16 s.
  const eng = engine({
    bytesPerSecond: 16 * KiB,
    partSize: 5 * MiB,
    multipartThreshold: 5 * MiB,
    partsPerFile: 4,
    requestTimeoutMs: 2000,
  });
  const states = recordStates(eng);
  try {
    const { items } = await eng.add([big], target(bucket));
    const id = items[0]!.id;
    await new Promise((r) => setTimeout(r, 5000));
    expect(states.get(id)).not.toContain('retrying');
    expect(eng.get(id)?.state.kind).toBe('uploading');
    // About 5 s at 16 KiB/s went out, whatever the chunk size.
    expect(eng.get(id)!.loaded).toBeGreaterThan(48 * KiB);
    await eng.cancel(id);
  } finally {
    await eng.close();
  }
});
