// The bench's settings: command-line flags, and environment variables for running one workload alone or a small run.
//
// Flags (defaults keep a full run around 11 minutes on 2 idle cores):
//   --size-mib N        the big file, MiB (1024)
//   --small N           how many 64 KiB files (1000); the 1 MB files are a fifth as many (8 to 200)
//   --many N            the many-files run on the keep-alive sink: hoist, rclone and the lean floor only (10000; quick:
//                       400; at most --small skips it): with the small run, splits CPU into once per run and per file
//   --sparse-gib N      the sparse file for the memory workload, GiB (0, i.e. skipped; HOIST_BENCH_10G=1 makes it 10)
//   --sparse-peers      also run the peers on the sparse file (adds ~5 minutes; rclone alone takes ~2.5)
//   --cancel-runs N     cancel runs per data path, for the CLI and for the engine in process each (10)
//   --cancel-server S   where the cancel runs go: moto (default), versitygw, or moto,versitygw for both (the speed-limit
//                       and lib-storage runs go to the first)
//   --limit-mib N       speed limit to check, MiB/s (20; 0 skips it), over --limit-size-mib N MiB (200)
//   --repeat N          run every upload N times, interleaved, and report the medians (1)
//   --only LIST         comma-separated sections: big,io,small,keepalive,many,sparse,checksums,cancel,limit,lib,ui
//                       (all; many needs keepalive)
//   --servers LIST      the S3 servers of the big and small workloads: moto,versitygw (both)
//   --ui-files N        files in the UI benchmark (10000); ui runs test/e2e/perf/run-ui-bench.ts, which needs Chromium
//   --endpoint-url URL  use a running server instead of starting moto
//   --before FILE       the docs/benchmarks.json of an earlier run: adds a before → after table for hoist
//   --note TEXT         a note kept with this run's figures (say, which commit or patch it measured)
//   --docs-dir DIR      where benchmarks.md and benchmarks.json go (docs/; a quick run or one with --only or
//                       HOIST_BENCH_ONLY: .cache/bench/docs/)
// Environment:
//   HOIST_BENCH_ONLY=small-files  as --only (aliases: small-files, big-file, keep-alive, 10g, checksum-probe)
//   HOIST_BENCH_QUICK=1           a smoke run: 32 MiB big file, 40 small files, 3 cancel runs, 40 MiB under the limit,
//                                 io floor steps of 128 MiB, no UI unless asked for by name
//   HOIST_BENCH_10G=1             adds the 10 GiB sparse file (hoist on both paths: about 35 s each)
//   HOIST_BENCH_SERVERS=moto      as --servers
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../harness/python';
import type { ServerName } from './figures';

export const SECTIONS = [
  'big',
  'io',
  'small',
  'keepalive',
  'many',
  'sparse',
  'checksums',
  'cancel',
  'limit',
  'lib',
  'ui',
] as const;
export type Section = (typeof SECTIONS)[number];

const ALIASES: Record<string, Section> = {
  'small-files': 'small',
  'big-file': 'big',
  'keep-alive': 'keepalive',
  '10g': 'sparse',
  'checksum-probe': 'checksums',
};

export interface BenchOptions {
  sizeMiB: number;
  smallCount: number;
  /** Files of the many-files run (per-file.ts); at most smallCount: not run. */
  manyCount: number;
  sparseGiB: number;
  sparsePeers: boolean;
  cancelRuns: number;
  /** Undefined: moto. */
  cancelServers?: ServerName[];
  limitMiB: number;
  limitSizeMiB: number;
  repeat: number;
  only: Set<Section>;
  servers: ServerName[];
  uiFiles: number;
  endpointUrl?: string;
  before?: string;
  note?: string;
  /** Where benchmarks.md and benchmarks.json are written. */
  docsDir: string;
  quick: boolean;
  /** Bytes per io-floor step (IO_FLOOR_BYTES); undefined: 1 GiB. */
  ioStepBytes?: number;
}

const on = (v: string | undefined) => !!v && v !== '0' && v !== 'false';

function list<T extends string>(text: string, known: readonly T[], aliases: Record<string, T>, what: string): T[] {
  return text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
    .map((s) => {
      const name = (aliases[s] ?? s) as T;
      if (!known.includes(name)) throw new Error(`unknown ${what} "${s}" (known: ${known.join(', ')})`);
      return name;
    });
}

export function benchOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values: f } = parseArgs({
    args: argv,
    options: {
      'size-mib': { type: 'string' },
      small: { type: 'string' },
      many: { type: 'string' },
      'sparse-gib': { type: 'string' },
      'sparse-peers': { type: 'boolean', default: false },
      'cancel-runs': { type: 'string' },
      'cancel-server': { type: 'string' },
      'limit-mib': { type: 'string' },
      'limit-size-mib': { type: 'string' },
      repeat: { type: 'string', default: '1' },
      only: { type: 'string' },
      servers: { type: 'string' },
      'ui-files': { type: 'string', default: '10000' },
      'endpoint-url': { type: 'string' },
      before: { type: 'string' },
      note: { type: 'string' },
      'docs-dir': { type: 'string' },
    },
  });
  const quick = on(env.HOIST_BENCH_QUICK);
  const num = (flag: string | undefined, full: number, small: number) => Number(flag ?? (quick ? small : full));
  const onlyText = f.only ?? env.HOIST_BENCH_ONLY;
  // A quick run leaves the UI out (it needs Chromium and a build) unless it is named.
  const only = new Set(
    onlyText ? list(onlyText, SECTIONS, ALIASES, 'section') : SECTIONS.filter((s) => !(quick && s === 'ui')),
  );
  // The many-files run is split against the keep-alive run's figures: alone it would measure nothing it can use.
  if (only.has('many') && !only.has('keepalive'))
    throw new Error(
      '--only many needs keepalive too (the per-file split compares the two runs): --only keepalive,many',
    );
  const servers = list(f.servers ?? env.HOIST_BENCH_SERVERS ?? 'moto,versitygw', ['moto', 'versitygw'], {}, 'server');
  const cancelServers = f['cancel-server'] ? list(f['cancel-server'], ['moto', 'versitygw'], {}, 'server') : undefined;
  return {
    sizeMiB: num(f['size-mib'], 1024, 32),
    smallCount: num(f.small, 1000, 40),
    manyCount: num(f.many, 10_000, 400),
    sparseGiB: Number(f['sparse-gib'] ?? (on(env.HOIST_BENCH_10G) ? 10 : 0)),
    sparsePeers: !!f['sparse-peers'],
    cancelRuns: num(f['cancel-runs'], 10, 3),
    cancelServers,
    limitMiB: num(f['limit-mib'], 20, 20),
    limitSizeMiB: num(f['limit-size-mib'], 200, 40),
    repeat: Math.max(1, Number(f.repeat) || 1),
    only,
    servers,
    uiFiles: Number(f['ui-files']),
    endpointUrl: f['endpoint-url'],
    before: f.before,
    note: f.note,
    // Only a full run replaces docs/benchmarks.*: a quick or partial one would leave them with sections missing.
    docsDir: f['docs-dir'] ?? join(repoRoot, ...(quick || onlyText ? ['.cache', 'bench', 'docs'] : ['docs'])),
    quick,
    ioStepBytes: quick ? 128 * 1024 * 1024 : undefined,
  };
}
