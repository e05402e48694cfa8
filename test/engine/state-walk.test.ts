// A seeded random walk of the real engine: empty files, single PUTs and multipart uploads going out under a speed limit
// while Pause, Resume, Cancel and Retry land on them at random moments, as a user clicking about would. Every state
// change the engine makes must be one the transition table allows (the engine also throws on one under the tests);
// afterwards everything settles by itself, and nothing is left on the server or in the journal.
import { afterAll, describe, expect, it } from 'vitest';
import { Journal } from '../../src/engine';
import { canTransition, isFinished, type UploadStateKind } from '../../src/shared/upload-state';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { listMultipartUploads } from '../harness/s3-check';
import { engine, freshBucket, s3, target } from './helpers';

afterAll(cleanupTempDirs);

const KiB = 1024;
const MiB = 1024 * KiB;
/** A user's clicks; the pairs come quicker than a pause or a resume takes, so that the second lands mid-way. */
const OPS = ['pause', 'resume', 'cancel', 'retry', 'pause, cancel', 'resume, cancel'] as const;

/** mulberry32: a small seeded generator, so that a walk that fails can be walked again. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    sleep(ms).then(() => Promise.reject(new Error(`${what} did not happen within ${ms} ms`))),
  ]);
}

describe('a random walk of pause, resume, cancel and retry on the real engine', () => {
  it.each([1, 2, 3, 4, 5, 6])('seed %i: every change is in the table, and everything settles clean', async (seed) => {
    const next = random(seed);
    const dir = await makeTempDir();
    const sizes = [0, 64 * KiB, 700 * KiB, 6 * MiB, 11 * MiB, 16 * MiB];
    const files = await Promise.all(sizes.map((size, i) => makeFile(dir, `walk-${i}.bin`, size, seed * 10 + i)));
    const bucket = await freshBucket(`walk${seed}`);
    const stateDir = await makeTempDir();
    // One file at a time on odd seeds, so that a resumed file often waits in the queue when the next click lands.
    const eng = engine({
      filesInParallel: seed % 2 === 0 ? 2 : 1,
      partSize: 5 * MiB,
      multipartThreshold: 5 * MiB,
      bytesPerSecond: 30 * MiB,
      stateDir,
    });

    const last = new Map<string, UploadStateKind>();
    const refused: string[] = [];
    eng.subscribe((event) => {
      if (event.type !== 'items') return;
      for (const item of event.items) {
        const before = last.get(item.id);
        const now = item.state.kind;
        if (before !== undefined && before !== now && !canTransition(before, now))
          refused.push(`${item.key}: ${before} → ${now}`);
        last.set(item.id, now);
      }
    });

    const { items } = await eng.add(files, target(bucket));
    const log: string[] = [];
    const errors: string[] = [];
    const pending: Promise<void>[] = [];
    for (let step = 0; step < 60; step++) {
      await sleep(next() * 40);
      const item = items[Math.floor(next() * items.length)]!;
      const op = OPS[Math.floor(next() * OPS.length)]!;
      log.push(`${op} ${item.key} (${eng.get(item.id)?.state.kind})`);
      const act = async (): Promise<void> => {
        if (op === 'pause') await eng.pause(item.id);
        else if (op === 'cancel') await eng.cancel(item.id);
        else if (op === 'resume') eng.resume(item.id);
        else if (op === 'retry') eng.retry(item.id);
        else if (op === 'pause, cancel') await Promise.all([eng.pause(item.id), eng.cancel(item.id)]);
        else {
          eng.resume(item.id);
          await eng.cancel(item.id);
        }
      };
      pending.push(act().catch((err: Error) => void errors.push(`${op} ${item.key}: ${err.message}`)));
    }
    await within(Promise.all(pending), 30_000, 'the pauses and cancels');
    // Whatever is paused goes on; everything then ends by itself.
    eng.resumeAll();
    await within(eng.idle(), 60_000, 'idle');

    const context = `seed ${seed}:\n${log.join('\n')}`;
    expect(refused, context).toEqual([]);
    expect(errors, context).toEqual([]);
    for (const item of eng.snapshot())
      expect(isFinished(item.state.kind), `${item.key} ${item.state.kind}\n${context}`).toBe(true);
    expect(await listMultipartUploads(s3(), bucket), context).toEqual([]);
    expect(await new Journal(stateDir).list(), context).toEqual([]);
    await eng.close();
  });
});
