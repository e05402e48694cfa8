// Ctrl-C on the hoist CLI mid-upload: how long until the process has exited with the cleanup verified, and what the
// server holds afterwards.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { repoRoot } from '../harness/python';
import { createBucket, listMultipartUploads, listObjects, uniqueBucket } from '../harness/s3-check';

export interface CancelRun {
  exitMs: number;
  code: number | null;
  cleanupVerified: boolean;
  leftUploads: number;
  leftObjects: number;
}

export async function cancelOnce(endpoint: string, file: string, size: number, env: NodeJS.ProcessEnv): Promise<CancelRun> {
  const bucket = uniqueBucket('bench-cancel');
  await createBucket(endpoint, bucket);
  const child = spawn('node', [join(repoRoot, 'bin', 'hoist.js'), 'cp', file, `s3://${bucket}/`, '--endpoint-url', endpoint, '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let buffered = '';
  let signalledAt = 0;
  let cleanupVerified = false;
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
        child.kill('SIGINT');
      }
      if (event.type === 'cancelled' && event.cleanup === 'verified') cleanupVerified = true;
    }
  });
  child.stderr.resume();
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  const exitMs = signalledAt ? performance.now() - signalledAt : NaN;
  return {
    exitMs, code, cleanupVerified,
    leftUploads: (await listMultipartUploads(endpoint, bucket)).length,
    leftObjects: (await listObjects(endpoint, bucket)).length,
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
