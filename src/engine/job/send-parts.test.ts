// The part loop's bodies share what the link has shown: a part that starts after others showed a fast link starts in
// large chunks (chunk-size.ts). Each part goes to a plain HTTP server on loopback, whose pace is hundreds of MiB/s,
// and the meter records the chunks as the socket takes them.
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { DataPath } from '../s3/lean/data-path';
import { RequestGroup } from '../s3/request-group';
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
