// A cancel under a speed limit: each part in flight had a chunk waiting for its turn at the limit. Those turns used to
// be served after the cancel all the same, bytes counted against the limit that were never sent, so the next upload
// waited for them (8 parts × 64 KiB at 64 KiB/s: 8 s) while the cancelled parts still held their files open.
import { afterAll, expect, it } from 'vitest';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { listObjects } from '../harness/s3-check';
import { engine, freshBucket, inState, s3, target, waitFor } from './helpers';

afterAll(cleanupTempDirs);

const KiB = 1024;
const MiB = 1024 * KiB;

it('the next upload after a cancel goes at the limit at once, not after the cancelled parts’ turns', async () => {
  const dir = await makeTempDir();
  const big = await makeFile(dir, 'big.bin', 40 * MiB, 1);
  const small = await makeFile(dir, 'small.bin', 48 * KiB, 2);
  const bucket = await freshBucket('limit-after-cancel');
  const eng = engine({
    bytesPerSecond: 64 * KiB,
    partSize: 5 * MiB,
    multipartThreshold: 5 * MiB,
    partsPerFile: 8,
  });
  try {
    const { items } = await eng.add([big], target(bucket));
    const id = items[0]!.id;
    // One chunk sent: every other part's request is open, its first chunk waiting at the limit.
    await waitFor(eng, id, (i) => i.loaded >= 64 * KiB);
    await eng.cancel(id);
    expect(eng.get(id)?.state.kind).toBe('cancelled');
    const started = performance.now();
    const next = await eng.add([small], target(bucket));
    await waitFor(eng, next.items[0]!.id, inState('done', 'failed'), 20_000);
    const seconds = (performance.now() - started) / 1000;
    expect(eng.get(next.items[0]!.id)?.state.kind).toBe('done');
    // 48 KiB at 64 KiB/s, less the limiter's burst: under a second; the cancelled parts' turns would add 7 s.
    expect(seconds).toBeLessThan(3);
    expect((await listObjects(s3(), bucket)).map((o) => o.key)).toEqual(['small.bin']);
  } finally {
    await eng.close();
  }
});
