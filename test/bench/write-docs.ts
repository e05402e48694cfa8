// Writes what a run of `npm run bench` leaves behind: docs/benchmarks.json (its figures, which a later run's --before
// reads) and docs/benchmarks.md (the sections report.ts and floors.ts render, with how and on what they were measured,
// including the versions of the tools compared).
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Results } from './report';
import { CA_BUNDLE_VARIABLES } from './tools';

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
  /** Issue 6's checks that issue 18's targets do not repeat. */
  otherChecks: string;
  /** Issue 18's targets table: the report ends with it. */
  targets: string;
  /** Where the two files go (docs/ for a full run). */
  docsDir: string;
  /** Tools that could not run here, for the closing line. */
  missing: string[];
}

export async function writeBenchDocs(run: BenchDocs): Promise<void> {
  const { command, minutes, machine, versions, note, repeat, results, before, comparison } = run;
  const { table, sinkNote, floors, cancelText, libLine, limitText, otherChecks, targets, missing, docsDir } = run;
  await mkdir(docsDir, { recursive: true });
  await writeFile(
    join(docsDir, 'benchmarks.json'),
    `${JSON.stringify({ date: new Date().toISOString(), command, ...(note ? { note } : {}), machine, ...results }, null, 2)}\n`,
  );
  await writeFile(
    join(docsDir, 'benchmarks.md'),
    [
      '# Benchmarks',
      '',
      `Written by \`${command}\` on ${new Date().toISOString().slice(0, 10)} (${minutes} min).`,
      '',
      `Machine: ${machine}.${note ? ` Measured: ${note}.` : ''}`,
      `Tools: ${versions}.`,
      '',
      'Each tool uploads the same files to the same local server, one tool at a time, with its default settings (hoist: 8 MiB parts, 4 parts in flight; ' +
        'its folder upload runs 8 files at once), and with the integrity check it sends by default. The integrity-check column is what the sink ' +
        '(test/bench/sink-s3.ts, which records the checksum headers and the aws-chunked trailer of each request) received from the same command ' +
        "line with one 64 KiB file and with a big file (the big workload's size, at most 208 MiB: above rclone's 200 MiB multipart cutoff). " +
        "No tool here asks the server first, so each sends the same to moto and versitygw (hoist's automatic check turns to Content-MD5 only " +
        'where an endpoint refuses CRC32). A signed SHA-256 of the body is what botocore and the JS SDK sign over plain http. ' +
        'hoist runs on both of its data paths: `--data-path lean` (PutObject and UploadPart signed and sent over node:http, the PUT of a small file straight onto a socket) and `--data-path sdk` ' +
        '(every request through @aws-sdk/client-s3). versitygw (started with --keep-alive, as the bench starts it) checks every SigV4 signature and keeps connections open; moto checks none and ' +
        "closes each connection. `app engine` is the desktop app's engine, built with the app's options (appEngineOptions) under plain node, " +
        'as its main process runs it (3 files at once, the app default): its peak RSS is the main process’s upload memory. CPU is user + system seconds of the client process and its children; RSS is the peak of the largest ' +
        'client process, in MB (10^6 bytes), and "of which private" is how much of it was the process\'s own pages (RssAnon: heap, buffers, JIT ' +
        'code) at the largest RSS test/bench/measure.py saw, sampling /proc every 10 ms; the rest is, roughly, pages of the executable and its ' +
        'libraries, shared through the page cache (test/bench/memory-split.ts says why that split matters for a Node client). Every tool runs without the CA-bundle variables this machine sets (`' +
        CA_BUNDLE_VARIABLES.join('`, `') +
        '`): the servers are plain http, and NODE_EXTRA_CA_CERTS alone makes every Node process parse the system bundle as it starts ' +
        `(about 50 ms of CPU), which a user's machine does not usually ask for. ${repeat > 1 ? `Every figure is the median of ${repeat} runs, interleaved.` : 'One run each: on a busy machine, wall times vary by tens of percent, CPU seconds less.'}`,
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
      '## Other checks (issue 6)',
      '',
      otherChecks,
      '',
      '## Targets (issue 18)',
      '',
      'Computed from this run, for each data path. Where a target is not met, the last column gives the floor measured on the same job: ' +
        "plain Node's signed PUTs (test/bench/node-floor.mjs), the same PUTs signed by the SDK's signer with the CRC32 header (lean-floor.ts), " +
        "hoist's own start-up, Node's reads and socket writes alone (io-floor.mjs, with no server), or, for the big file, hoist's " +
        "multipart upload with no engine (lean-floor-parts.ts). The part of a gap below plain Node's floor is one no " +
        'Node client can close; below the SDK-signer floor, one no client that signs and checks as issue 18 asks of the lean path can. ' +
        "A floor measured on a server pays that server's load on the shared cores, which moves from run to run: one measured above " +
        "hoist's own figure is marked so, and bounds nothing there.",
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
