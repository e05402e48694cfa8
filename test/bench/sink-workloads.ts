// The workloads against the keep-alive sink (test/bench/sink-s3.ts, in the bench's own process): the small files, the
// big file, three files at once, the many-files run, the checksum probe and the sparse file. The sink keeps connections
// open, as S3 does, checks no signatures and stores only each object's size, which is what these workloads' checks
// count; each returns a note for the docs on what its figures mean.
import { link, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { LARGE_HELD } from '../../src/engine/job/read-buffer';
import { WHOLE_READ_MAX } from '../../src/engine/job/small-file';
import { makeFile } from '../harness/fixtures';
import type { BenchOptions } from './bench-options';
import { probeChecksums } from './checksum-probe';
import { describeChecks, type ChecksSeen } from './checksum-seen';
import { figuresOf, MID_BYTES, midCount, parallelMiB, PARALLEL_FILES, type Workloads } from './figures';
import type { PerFileInputs } from './per-file';
import { sparseFile } from './run-steps';
import { runWorkload, type BenchContext } from './run-workload';
import type { BenchServer } from './servers';
import { startSinkS3 } from './sink-s3';
import { APP_ENGINE, BOTO3, FLOOR_LEAN, isHoistRow, RCLONE, tools, type ToolSetup } from './tools';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export const smallName = (i: number) => `f${String(i).padStart(5, '0')}.bin`;

/**
 * The many-files run's folder: hard links to the small files, taken in turn, rather than as many new files written
 * (640 MB for 10,000). Every tool reads each name as a file of its own; the sink keeps only sizes.
 */
async function linkManyFiles(smallDir: string, smallCount: number, manyDir: string, count: number): Promise<void> {
  await mkdir(manyDir);
  for (let i = 0; i < count; i++) await link(join(smallDir, smallName(i % smallCount)), join(manyDir, smallName(i)));
}

export interface SinkRunInputs {
  o: BenchOptions;
  ctx: BenchContext;
  python: string;
  env: NodeJS.ProcessEnv;
  setup: ToolSetup;
  /** The run's temporary folder; smallDir and bigFile are in it (bigFile '' when no section needs it). */
  dir: string;
  smallDir: string;
  bigFile: string;
  w: Workloads;
  checks: ChecksSeen;
  /** The row that stands for hoist where one must (its default data path). */
  hoistName: string;
  servers: BenchServer[];
}

/** Runs the sink's workloads that o.only asks for; answers their notes and the per-file split's inputs. */
export async function runSinkWorkloads(i: SinkRunInputs): Promise<{ notes: string[]; perFile: PerFileInputs }> {
  const { o, ctx, python, env, setup, dir, smallDir, bigFile, w, checks, hoistName, servers } = i;
  const { only } = o;
  const rows = ctx.rows;
  // The sink workloads share one loopback sink; it stores only each object's size, which is what their checks count.
  const sinkNotes: string[] = [];
  const wantsSparse = only.has('sparse') && o.sparseGiB > 0;
  const sink =
    only.has('keepalive') || only.has('big') || wantsSparse || only.has('checksums') ? await startSinkS3() : undefined;
  const sinkTools = sink ? tools(python, sink.endpoint, { ...setup, curl: false }).filter((t) => !t.variant) : [];
  // hoist on its default path, rclone (the small-file CPU target's peer) and the lean floor: the peers that take
  // seconds per thousand files would add minutes here.
  const perFile: PerFileInputs = {
    rows,
    small: { workload: w.keepAlive, count: o.smallCount },
    many: { workload: w.many, count: o.manyCount },
    tools: [hoistName, RCLONE, FLOOR_LEAN],
  };
  if (sink && only.has('keepalive')) {
    console.log('Uploading the small files to a discarding sink that keeps connections open…');
    await runWorkload(ctx, {
      name: w.keepAlive,
      shape: 'small',
      tools: sinkTools,
      build: (t, b) => t.folder(smallDir, b, 'small/'),
      expectObjects: o.smallCount,
      endpoint: sink.endpoint,
      count: (b) => sink.objects(b),
      // The same run says which check each tool sends with a small file.
      inspect: (t, b) => void checks.small.set(t.name, describeChecks(sink.seen(b)) || 'none'),
    });
    sinkNotes.push(
      `The keep-alive workload sends the same ${o.smallCount} small files to a loopback sink (test/bench/sink-s3.ts) that keeps ` +
        'connections open, as S3 does: moto closes every connection after its response, so there each file also pays for a new TCP ' +
        "connection. The sink checks no signatures and stores only each object's size, so its figures are the clients' cost per request; " +
        'versitygw keeps connections open too, and checks every signature.',
    );
  }
  if (sink && only.has('big') && bigFile) {
    console.log('Uploading the big file to the sink (each client with the least server load beside it)…');
    await runWorkload(ctx, {
      name: w.bigSink,
      shape: 'big',
      // Every tool, curl's single PUT among them: the big file's targets against the least server work of the three.
      tools: tools(python, sink.endpoint, setup).filter((t) => !t.variant),
      build: (t, b) => t.file(bigFile, b, 'big.bin'),
      expectObjects: 1,
      endpoint: sink.endpoint,
      count: (b) => sink.objects(b),
    });
    const cpuTo = (where: string) => figuresOf(rows, where, hoistName)?.cpu.toFixed(2) ?? '–';
    sinkNotes.push(
      `The big file goes to the keep-alive sink as well (\`${w.bigSink}\`; test/bench/sink-s3.ts reads and discards every body). ` +
        "The servers run on the clients' machine, and their work " +
        `raises every client's CPU for the same bytes: in this run hoist's took ${cpuTo(w.bigSink)} s to the sink, ` +
        servers.map((s) => `${cpuTo(w.big(s.name))} s to ${s.name}`).join(', ') +
        ". The sink runs in the bench's own process and only reads and discards: of the three servers it does the least " +
        'work beside the client.',
    );
  }
  if (sink && only.has('big')) {
    // Memory with a dozen parts in flight: hoist's folder upload and the app's engine both send these three at once.
    const parallelDir = join(dir, 'parallel');
    await mkdir(parallelDir);
    for (let k = 0; k < PARALLEL_FILES; k++)
      await makeFile(parallelDir, `p${k}.bin`, parallelMiB(o.sizeMiB) * MiB, 20 + k);
    console.log(`Uploading ${PARALLEL_FILES} files at once to the sink (memory with their parts in flight)…`);
    await runWorkload(ctx, {
      name: w.parallel,
      shape: 'big',
      tools: sinkTools.filter((t) => isHoistRow(t.name) || t.name === APP_ENGINE),
      build: (t, b) => t.folder(parallelDir, b, 'parallel/'),
      expectObjects: PARALLEL_FILES,
      endpoint: sink.endpoint,
      count: (b) => sink.objects(b),
    });
    sinkNotes.push(
      `\`${w.parallel}\` is about memory: hoist's folder upload and the desktop app's engine (3 files at once, its ` +
        "default) each send the three files together, 4 parts of each in flight (at the default 1 GiB; a quick run's " +
        'files are one part each). A part on a fast link sends 1 MiB chunks, two at a time, but the whole process has ' +
        `at most ${LARGE_HELD} such buffers out at once (src/engine/job/read-buffer.ts) and the other parts send 128 KiB chunks: ` +
        'without that ration, memory grew with every part in flight.',
    );
  }
  if (sink && only.has('keepalive')) {
    // Files of 1 MB: each one PUT, above the size hoist reads whole (src/engine/job/small-file.ts), so its memory.
    const midDir = join(dir, 'mid');
    await mkdir(midDir);
    const count = midCount(o.smallCount);
    for (let n = 0; n < count; n++) await makeFile(midDir, `m${String(n).padStart(4, '0')}.bin`, MID_BYTES, 300 + n);
    console.log(`Uploading ${count} files of 1 MB to the sink (memory with a file per request)…`);
    await runWorkload(ctx, {
      name: w.midSize,
      shape: 'small',
      tools: sinkTools.filter((t) => isHoistRow(t.name) || [APP_ENGINE, RCLONE, BOTO3].includes(t.name)),
      build: (t, b) => t.folder(midDir, b, 'mid/'),
      expectObjects: count,
      endpoint: sink.endpoint,
      count: (b) => sink.objects(b),
    });
    sinkNotes.push(
      `\`${w.midSize}\` is about memory too: hoist reads a file of up to ${WHOLE_READ_MAX / 1024} KiB whole before its PUT and streams a larger ` +
        "one through the process's reused buffers. Each whole read is fresh memory, and one that outlives a young-generation " +
        'collection stays until a full one: read whole, these files kept tens of MB of dead buffers about.',
    );
  }
  if (only.has('many') && only.has('keepalive') && o.manyCount <= o.smallCount)
    console.warn(`bench: the many-files run is skipped: --many ${o.manyCount} is not above --small ${o.smallCount}.`);
  if (sink && only.has('keepalive') && only.has('many') && o.manyCount > o.smallCount) {
    const manyDir = join(dir, 'many');
    await linkManyFiles(smallDir, o.smallCount, manyDir, o.manyCount);
    console.log(`Uploading ${o.manyCount} small files to the sink (what each tool pays per file)…`);
    await runWorkload(ctx, {
      name: w.many,
      shape: 'small',
      tools: sinkTools.filter((t) => perFile.tools.includes(t.name)),
      build: (t, b) => t.folder(manyDir, b, 'many/'),
      expectObjects: o.manyCount,
      endpoint: sink.endpoint,
      count: (b) => sink.objects(b),
    });
  }
  if (sink && only.has('checksums')) {
    console.log('Which integrity check each tool sends (headers seen at the sink)…');
    const probeTools = tools(python, sink.endpoint, setup);
    await probeChecksums({ python, env, sink, tools: probeTools, dir, bigBytes: o.sizeMiB * MiB, checks });
  }
  if (sink && wantsSparse) {
    const sparse = await sparseFile(join(dir, 'sparse.bin'), o.sparseGiB * GiB);
    console.log(`Uploading a ${o.sparseGiB} GiB sparse file to a discarding sink (memory only)…`);
    await runWorkload(ctx, {
      name: w.sparse,
      shape: 'big',
      tools: sinkTools.filter((t) => isHoistRow(t.name) || (o.sparsePeers && t.peer)),
      build: (t, b) => t.file(sparse, b, 'sparse.bin'),
      expectObjects: 1,
      endpoint: sink.endpoint,
      count: (b) => sink.objects(b),
    });
    sinkNotes.push(
      `The ${o.sparseGiB} GiB sparse file goes to a loopback sink (test/bench/sink-s3.ts) that reads and discards every body: ` +
        `moto joins the parts of a multipart upload in memory on completion, and versitygw would write ${o.sparseGiB} GiB to disk. ` +
        `Its figures are for memory; wall and CPU there are the sink's pace.` +
        (o.sparsePeers
          ? ''
          : ' Only hoist runs on it by default; `--sparse-peers` adds the peers (about 5 more minutes).'),
    );
  }
  await sink?.close();
  return { notes: sinkNotes, perFile };
}
