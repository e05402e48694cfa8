// The figures of one benchmark row (medians of its runs) and the best peer per figure.
import type { Row } from './report';

const MiB = 1024 * 1024;

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
export const mb = (mib: number): number => (mib * MiB) / 1e6;

export interface Figures {
  wall: number;
  cpu: number;
  rss: number;
  /** Private memory (RssAnon) at the largest RSS measure.py sampled, MB: the process's own pages. */
  priv?: number;
  /** File-backed RSS at the same moment, MB: pages of the executable and its libraries, shared through the page cache. */
  file?: number;
}

/** The S3 servers the upload workloads run on besides the keep-alive sink: moto (no signature checks, a new
 *  connection per request) and versitygw (checks SigV4; started with --keep-alive, connections stay open). */
export type ServerName = 'moto' | 'versitygw';

/** The bench's workload names, which rows are found by: built here only, so a renamed one cannot drop a target row. */
export interface Workloads {
  big(server: ServerName): string;
  small(server: ServerName): string;
  keepAlive: string;
  /** The big file to the keep-alive sink: each client's cost with the least server load beside it. */
  bigSink: string;
  /** Files of 1 MB to the keep-alive sink: one PUT each, above the size hoist reads whole (memory). */
  midSize: string;
  /** Three big files at once to the keep-alive sink: memory with a dozen parts in flight (the app's default). */
  parallel: string;
  /** The many-files run on the keep-alive sink (per-file.ts). */
  many: string;
  sparse: string;
}

/** The parallel workload's files: as many as the desktop app uploads at once by default, a quarter of the big file each. */
export const PARALLEL_FILES = 3;
export const parallelMiB = (sizeMiB: number): number => Math.max(1, Math.round(sizeMiB / 4));

/** The 1 MB files: a fifth as many as the small files, from 8 (a quick run) to 200 (the default, and the most). */
export const MID_BYTES = 1_000_000;
export const midCount = (smallCount: number): number => Math.min(200, Math.max(8, Math.round(smallCount / 5)));

export function workloadNames(o: {
  sizeMiB: number;
  smallCount: number;
  manyCount: number;
  sparseGiB: number;
}): Workloads {
  const files = (count: number, where: string) => `${count} × 64 KiB (${where})`;
  return {
    big: (server) => `1 × ${o.sizeMiB} MiB (${server})`,
    small: (server) => files(o.smallCount, server),
    keepAlive: files(o.smallCount, 'keep-alive sink'),
    bigSink: `1 × ${o.sizeMiB} MiB (keep-alive sink)`,
    parallel: `${PARALLEL_FILES} × ${parallelMiB(o.sizeMiB)} MiB at once (keep-alive sink)`,
    midSize: `${midCount(o.smallCount)} × 1 MB (keep-alive sink)`,
    many: files(o.manyCount, 'keep-alive sink'),
    sparse: `1 × ${o.sparseGiB} GiB sparse (sink)`,
  };
}

export function figures(r: Row): Figures {
  // The split is sampled only where /proc exists; a row without it on every run has none.
  const split = (pick: (s: Row['samples'][number]) => number | null | undefined): number | undefined => {
    const xs = r.samples.map(pick).filter((x): x is number => typeof x === 'number');
    return xs.length === r.samples.length && xs.length ? mb(median(xs)) : undefined;
  };
  return {
    wall: median(r.samples.map((s) => s.wall)),
    cpu: median(r.samples.map((s) => s.cpu)),
    rss: mb(median(r.samples.map((s) => s.rssMiB))),
    priv: split((s) => s.anonMiB),
    file: split((s) => s.fileMiB),
  };
}

/** A row that ran and succeeded every time (not one marked unavailable). */
export const measured = (r: Row): boolean => r.samples.length > 0 && r.failures.length === 0;

/** The figures of a tool's successful row for a workload, if it has one. */
export function figuresOf(rows: Row[], workload: string, tool: string): Figures | undefined {
  const r = rows.find((x) => x.workload === workload && x.tool.name === tool && measured(x));
  return r && figures(r);
}

/** The best peer per figure (lowest), among the peers that succeeded. */
export function bestPeers(
  rows: Row[],
  workload: string,
): { cpu?: [string, number]; rss?: [string, number]; wall?: [string, number]; priv?: [string, number] } {
  const peers = rows.filter((r) => r.workload === workload && r.tool.peer && measured(r));
  const best = (pick: (f: Figures) => number | undefined): [string, number] | undefined => {
    let out: [string, number] | undefined;
    for (const p of peers) {
      const v = pick(figures(p));
      if (v !== undefined && (!out || v < out[1])) out = [p.tool.name, v];
    }
    return out;
  };
  return {
    cpu: best((f) => f.cpu),
    rss: best((f) => f.rss),
    wall: best((f) => f.wall),
    priv: best((f) => f.priv),
  };
}
