// Finds out which integrity check each tool sends with its default settings: every tool uploads one small file (a PUT)
// and one big file (multipart for all but curl and the Node and SDK floors) to the sink, which keeps the headers it
// received (checksum-seen.ts). The small-file check is also read from the keep-alive workload when it ran; this fills
// in the rest.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { makeFile } from '../harness/fixtures';
import { uniqueBucket } from '../harness/s3-check';
import { describeChecks, type ChecksSeen } from './checksum-seen';
import { measure, sparseFile } from './run-steps';
import type { SinkS3 } from './sink-s3';
import type { Tool } from './tools';

const MiB = 1024 * 1024;
/** rclone sends files under 200 MiB (its --s3-upload-cutoff) as one PUT: above that, every tool goes multipart. */
const MULTIPART_FOR_ALL = 208 * MiB;

export async function probeChecksums(o: {
  python: string;
  env: NodeJS.ProcessEnv;
  sink: SinkS3;
  tools: Tool[];
  dir: string;
  /** The big workload's file size: the probe's big file is as big, up to MULTIPART_FOR_ALL. */
  bigBytes: number;
  checks: ChecksSeen;
}): Promise<void> {
  const { sink, checks } = o;
  const smallDir = join(o.dir, 'probe-small');
  await mkdir(smallDir, { recursive: true });
  await makeFile(smallDir, 'one.bin', 64 * 1024, 3);
  // Sparse: reads of zeros cost the tools the same hashing as real bytes, and the file takes no disk.
  const big = await sparseFile(join(o.dir, 'probe-big.bin'), Math.min(o.bigBytes, MULTIPART_FOR_ALL));
  for (const tool of o.tools) {
    if (tool.unavailable) continue;
    if (tool.uploads === false) {
      checks.small.set(tool.name, 'none (uploads nothing)');
      checks.big.set(tool.name, 'none (uploads nothing)');
      continue;
    }
    const shapes = [
      ['small', (b: string) => (checks.small.has(tool.name) ? null : tool.folder(smallDir, b, 'p/'))],
      ['big', (b: string) => tool.file(big, b, 'probe.bin')],
    ] as const;
    for (const [shape, build] of shapes) {
      const bucket = uniqueBucket('probe');
      const cmd = build(bucket);
      if (!cmd) continue;
      const r = await measure(o.python, cmd, tool.env ? tool.env(o.env) : o.env);
      const seen = describeChecks(sink.seen(bucket));
      const text = r.code === 0 ? seen || 'none' : `probe failed (exit ${r.code})${seen ? `; sent ${seen}` : ''}`;
      checks[shape].set(tool.name, text);
      console.log(`  ${tool.name}, ${shape === 'small' ? 'one 64 KiB file' : 'the big file'}: ${text}`);
    }
  }
}
