// Writes what a run of `npm run bench` leaves behind: docs/benchmarks.json (its figures, which a later run's --before
// reads) and docs/benchmarks.md (the sections report.ts and floors.ts render, with how and on what they were measured,
// including the versions of the tools compared).
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../harness/python';
import type { Results } from './report';

/** One run as the docs describe it: how it was started, on what, and its rendered sections. */
export interface BenchDocs {
  /** The command line of the run, e.g. `npm run bench -- --repeat 2`. */
  command: string;
  /** How long the run took, in minutes (as printed). */
  minutes: string;
  /** The machine and the server, in one line. */
  machine: string;
  /** The tools compared and their versions (toolVersions()). */
  versions: string;
  /** --note: which commit or patch the run measured. */
  note?: string;
  /** --repeat: runs per upload. */
  repeat: number;
  results: Omit<Results, 'date' | 'command'>;
  /** --before: the earlier run, and the comparison table of it with this one ('' without one). */
  before?: Results;
  comparison: string;
  table: string;
  /** Why the keep-alive and sparse workloads went to a sink, and what that means for their figures ('' when neither ran). */
  sinkNote: string;
  floors: string;
  cancelText: string;
  /** The lib-storage probe's finding ('' when it did not run). */
  libLine: string;
  /** The speed limit section ('' when it did not run). */
  limitText: string;
  targets: string;
  /** Tools that could not run here, for the closing line. */
  missing: string[];
}

export async function writeBenchDocs(run: BenchDocs): Promise<void> {
  const { command, minutes, machine, versions, note, repeat, results, before, comparison } = run;
  const { table, sinkNote, floors, cancelText, libLine, limitText, targets, missing } = run;
  await mkdir(join(repoRoot, 'docs'), { recursive: true });
  await writeFile(
    join(repoRoot, 'docs', 'benchmarks.json'),
    `${JSON.stringify({ date: new Date().toISOString(), command, ...(note ? { note } : {}), machine, ...results }, null, 2)}\n`,
  );
  await writeFile(
    join(repoRoot, 'docs', 'benchmarks.md'),
    [
      '# Benchmarks',
      '',
      `Written by \`${command}\` on ${new Date().toISOString().slice(0, 10)} (${minutes} min).`,
      '',
      `Machine: ${machine}.${note ? ` Measured: ${note}.` : ''}`,
      `Tools: ${versions}.`,
      '',
      'Each tool uploads the same files to the same local server, one tool at a time, with its default settings (hoist: 8 MiB parts, 4 parts in flight; ' +
        'its folder upload runs 8 files at once). CPU is user + system seconds of the client process and its children; RSS is the peak of the largest ' +
        `client process, in MB (10^6 bytes). ${repeat > 1 ? `Every figure is the median of ${repeat} runs, interleaved.` : 'One run each: on a busy machine, wall times vary by tens of percent, CPU seconds less.'}`,
      '',
      ...(before
        ? [
            '## Before → after',
            '',
            `Before: \`${before.command}\` on ${before.date.slice(0, 10)}${before.note ? `, ${before.note}` : ''}. One run each, so differences of ~10% are noise.`,
            '',
            comparison,
            '',
          ]
        : []),
      '## Uploads',
      '',
      table,
      '',
      ...(sinkNote ? [sinkNote, ''] : []),
      '## Floors: what Node and the SDK alone cost',
      '',
      floors,
      '',
      '## Cancel',
      '',
      cancelText,
      '',
      ...(libLine ? [libLine, ''] : []),
      '## Speed limit',
      '',
      limitText || 'Not measured in this run.',
      '',
      '## Targets (issue 6)',
      '',
      targets,
      '',
      ...(missing.length ? [`Not measured: ${missing.join(', ')}.`, ''] : []),
    ].join('\n'),
  );
}

/** The "Tools:" line of docs/benchmarks.md: the versions of the AWS CLI, boto3, rclone, curl and moto installed here
 *  ('?' for one that does not answer). */
export function toolVersions(python: string, available: { rclone: boolean; curl: boolean }): string {
  const get = (cmd: string, args: string[], pick: (s: string) => string): string => {
    try {
      return pick(execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
    } catch {
      return '?';
    }
  };
  const parts = [
    `aws-cli ${get(
      python,
      ['-c', 'import awscli, botocore, boto3; print(awscli.__version__, botocore.__version__, boto3.__version__)'],
      (s) => {
        const [a, bc, b3] = s.trim().split(' ');
        return `${a} (botocore ${bc}), boto3 ${b3}`;
      },
    )}`,
    available.rclone ? `rclone ${get('rclone', ['version'], (s) => s.split('\n')[0]!.replace(/^rclone\s+/, ''))}` : '',
    available.curl ? `curl ${get('curl', ['--version'], (s) => s.split(' ')[1] ?? '?')}` : '',
    `moto ${get(python, ['-c', 'import moto; print(moto.__version__)'], (s) => s.trim())}`,
  ];
  return parts.filter(Boolean).join(', ');
}
