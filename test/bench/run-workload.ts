// One upload workload of the bench: every tool in turn (each round of --repeat in the same order), each into a fresh
// bucket, measured by measure.py and checked by counting what the server holds afterwards.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBucket, listObjects, uniqueBucket } from '../harness/s3-check';
import { mb } from './figures';
import type { Row, Sample } from './report';
import { measure } from './run-steps';
import type { Tool } from './tools';

export interface BenchContext {
  python: string;
  env: NodeJS.ProcessEnv;
  repeat: number;
  /** Every workload's rows, in the order they ran. */
  rows: Row[];
}

export interface Workload {
  name: string;
  shape: Row['shape'];
  tools: Tool[];
  /** The command of one tool into one bucket, or null when the tool does not do this kind of upload. */
  build(tool: Tool, bucket: string): string[] | null;
  expectObjects: number;
  endpoint: string;
  /** After each run: drop what it stored. */
  reset?(bucket: string): Promise<void>;
  /** Objects the bucket holds (default: listed through boto3). */
  count?(bucket: string): Promise<number> | number;
  /** After each run, before reset: e.g. what the sink saw of it. */
  inspect?(tool: Tool, bucket: string): void;
}

export async function runWorkload(ctx: BenchContext, job: Workload): Promise<void> {
  const count = job.count ?? (async (b: string) => (await listObjects(job.endpoint, b)).length);
  const active = job.tools.filter((t) => job.build(t, 'probe'));
  const mine: Row[] = active.map((tool) => ({
    workload: job.name,
    shape: job.shape,
    tool,
    samples: [] as Sample[],
    failures: [] as string[],
  }));
  ctx.rows.push(...mine);
  for (let round = 1; round <= ctx.repeat; round++) {
    for (const row of mine) {
      if (row.tool.unavailable) {
        if (round === 1) console.log(`  ${job.name} · ${row.tool.name} … not available: ${row.tool.unavailable}`);
        continue;
      }
      const bucket = uniqueBucket('bench');
      await createBucket(job.endpoint, bucket);
      const cmd = job.build(row.tool, bucket)!;
      process.stdout.write(`  ${job.name} · ${row.tool.name}${ctx.repeat > 1 ? ` (${round}/${ctx.repeat})` : ''} … `);
      // A fresh state folder per run: hoist keeps its journal and upload history there, and a history grown by the
      // runs before would have each later run read a bigger file (the log's compaction check at its first write).
      const stateHome = await mkdtemp(join(tmpdir(), 'hoist-bench-state-'));
      const env = { ...(row.tool.env ? row.tool.env(ctx.env) : ctx.env), XDG_STATE_HOME: stateHome };
      const r = await measure(ctx.python, cmd, env).finally(() => rm(stateHome, { recursive: true, force: true }));
      const want = row.tool.uploads === false ? 0 : job.expectObjects;
      const objects = await count(bucket);
      const ok = r.code === 0 && objects === want;
      row.samples.push(r);
      if (!ok)
        row.failures.push(
          `exit ${r.code}, ${objects}/${want} objects: ${r.stderr.trim().split('\n').slice(-2).join(' ')}`,
        );
      console.log(
        `${r.wall.toFixed(2)} s wall, ${r.cpu.toFixed(2)} s CPU (${r.user.toFixed(2)} user + ${r.sys.toFixed(2)} sys), ${mb(r.rssMiB).toFixed(0)} MB${ok ? '' : '  FAILED ' + row.failures.at(-1)}`,
      );
      job.inspect?.(row.tool, bucket);
      await job.reset?.(bucket);
    }
  }
}
