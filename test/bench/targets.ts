// Issue 18's targets table, computed from this run: for each data path of hoist, small files against rclone (CPU,
// files/s) and boto3 (peak RSS), the big file against boto3 and curl (CPU) and 100 MB (RSS), and the cancel
// latencies. Where a target is not met, the last column gives the floor (what plain Node, Node's own reads and socket
// writes, or the lean path's requests with no engine cost on the same job): the part of the gap below it is one no Node
// client can close. The big file's targets are computed on each server and on the keep-alive sink, which of the three
// does the least work beside the client (it only reads and discards, in the bench's own process).
import { percentile } from './cancel-latency';
import { figuresOf, type Figures, type ServerName, type Workloads } from './figures';
import { cheapestSend, type IoFloor } from './io-floor';
import { memorySplitText } from './memory-split';
import { onceText, perFileText, type PerFileSplit } from './per-file';
import type { CancelSet, Row } from './report';
import {
  APP_ENGINE,
  BOTO3,
  RCLONE,
  FLOOR_CURL,
  FLOOR_LEAN,
  FLOOR_NODE,
  FLOOR_NODE_START,
  FLOOR_START,
  hoistRow,
  type DataPath,
} from './tools';

const RSS_LIMIT_MB = 100;

export interface TargetInputs {
  rows: Row[];
  w: Workloads;
  servers: ServerName[];
  /** The data paths that ran (lean only when this checkout's CLI has --data-path). */
  paths: DataPath[];
  sizeMiB: number;
  smallCount: number;
  /** The many-files run's files (per-file.ts). */
  manyCount: number;
  /** 0 when the sparse file did not run (it needs HOIST_BENCH_10G=1). */
  sparseGiB: number;
  io?: IoFloor;
  cancels: CancelSet[];
  /** Why the lean path did not run, when it did not. */
  leanUnavailable?: string;
  /** Each tool's CPU per file and once per run, where the many-files run ran (per-file.ts). */
  perFile?: PerFileSplit[];
}

interface Line {
  figure: string;
  target: string;
  measured: string;
  met: boolean | undefined;
  /** Shown only when the target is not met. */
  floor?: string;
}

const s = (x: number) => `${x.toFixed(2)} s`;
const mb = (x: number) => `${x.toFixed(0)} MB`;

/** "label: value" for each floor that ran, in order. */
function floorsText(floors: [string, Figures | undefined][], value: (f: Figures) => string): string {
  return floors
    .filter((e): e is [string, Figures] => !!e[1])
    .map(([label, f]) => `${label}: ${value(f)}`)
    .join('; ');
}

function smallLines(i: TargetInputs, path: DataPath, w: string, where: string): Line[] {
  const me = figuresOf(i.rows, w, hoistRow(path));
  if (!me) return [];
  const rclone = figuresOf(i.rows, w, RCLONE);
  const boto3 = figuresOf(i.rows, w, BOTO3);
  const node = figuresOf(i.rows, w, FLOOR_NODE);
  const start = figuresOf(i.rows, w, FLOOR_START);
  // The floors under a small-file CPU or rate figure, each with what it measured.
  const floors: [string, Figures | undefined][] = [
    ["plain Node's signed PUTs", node],
    ["signed by the SDK's signer, with CRC32", figuresOf(i.rows, w, FLOOR_LEAN)],
  ];
  const n = i.smallCount;
  const perSec = (f: Figures) => n / f.wall;
  const out: Line[] = [];
  if (rclone) {
    out.push({
      figure: `${n} × 64 KiB, client CPU (${where}), ${path}`,
      target: `≤ rclone's (${s(rclone.cpu)})`,
      measured: s(me.cpu),
      met: me.cpu <= rclone.cpu,
      floor: floorsText(floors, (f) => `${s(f.cpu)}${f.cpu > rclone.cpu ? ', already above rclone' : ''}`),
    });
    out.push({
      figure: `${n} × 64 KiB, files/s (${where}), ${path}`,
      target: `≥ rclone's (${perSec(rclone).toFixed(0)})`,
      measured: perSec(me).toFixed(0),
      met: perSec(me) >= perSec(rclone),
      floor: floorsText(floors, (f) => `${perSec(f).toFixed(0)} files/s`),
    });
  }
  if (boto3) {
    const split = memorySplitText(me, [BOTO3, boto3], figuresOf(i.rows, w, FLOOR_NODE_START));
    out.push({
      figure: `${n} × 64 KiB, peak RSS (${where}), ${path}`,
      target: `≤ boto3's (${mb(boto3.rss)})`,
      measured: mb(me.rss),
      met: me.rss <= boto3.rss,
      floor: [start && `hoist started, nothing sent: ${mb(start.rss)}`, node && `plain Node: ${mb(node.rss)}`, split]
        .filter(Boolean)
        .join('; '),
    });
    // Not one of the issue's targets: the part of peak RSS that is the process's own (memory-split.ts).
    if (me.priv !== undefined && boto3.priv !== undefined)
      out.push({
        figure: `${n} × 64 KiB, private memory at the peak (RssAnon) (${where}), ${path}`,
        target: `(boto3: ${mb(boto3.priv)})`,
        measured: mb(me.priv),
        met: undefined,
      });
  }
  return out;
}

/** Not a target: where hoist's small-file CPU goes, per file and once per run, beside rclone's (per-file.ts). */
function perFileLines(i: TargetInputs, path: DataPath): Line[] {
  const me = i.perFile?.find((p) => p.tool === hoistRow(path));
  const rclone = i.perFile?.find((p) => p.tool === RCLONE);
  if (!me || !rclone) return [];
  return [
    {
      figure: `64 KiB files, client CPU per file (keep-alive sink, ${i.smallCount} and ${i.manyCount} files), ${path}`,
      target: `(rclone: ${perFileText(rclone.perFile)})`,
      measured: perFileText(me.perFile),
      met: undefined,
    },
    {
      figure: `64 KiB files, client CPU once per run (keep-alive sink), ${path}`,
      target: `(rclone: ${onceText(rclone.once)})`,
      measured: onceText(me.once),
      met: undefined,
    },
  ];
}

/** The big file's targets on one workload (a server's, or the keep-alive sink's); `where` names it in the figure. */
function bigLines(i: TargetInputs, path: DataPath, w: string, where: string): Line[] {
  const me = figuresOf(i.rows, w, hoistRow(path));
  if (!me) return [];
  const gib = i.sizeMiB / 1024;
  const boto3 = figuresOf(i.rows, w, BOTO3);
  const curl = figuresOf(i.rows, w, FLOOR_CURL);
  const node = figuresOf(i.rows, w, FLOOR_NODE);
  const lean = figuresOf(i.rows, w, FLOOR_LEAN);
  const perGiB = (f: Figures) => f.cpu / gib;
  // What any Node uploader pays for the bytes alone (its cheapest way measured, with no server beside it), the same
  // with the CRC32 that hoist and boto3 send, what plain Node's one streamed PUT (no checksum) paid here, and what
  // hoist's own multipart upload with no engine paid here (the lean floor, on this server's load).
  const send = i.io && { ...cheapestSend(i.io), crc32S: i.io.crc32S };
  // A floor run on a server pays that run's share of the server's load: one above hoist's own figure bounds nothing.
  const above = (f: Figures) => (f.cpu > me.cpu ? ", above hoist's own: no bound in this run" : '');
  const floor = [
    send &&
      `Node's cheapest reads + socket writes (${send.how}, no server): ${send.s.toFixed(2)} s/GiB, ${(send.s + send.crc32S).toFixed(2)} with zlib's CRC32`,
    node && `plain Node's single PUT: ${perGiB(node).toFixed(2)} s/GiB${above(node)}`,
    lean && `the same multipart upload with no engine (lean floor): ${perGiB(lean).toFixed(2)} s/GiB${above(lean)}`,
  ]
    .filter(Boolean)
    .join('; ');
  const size = `1 × ${i.sizeMiB} MiB`;
  const out: Line[] = [];
  if (boto3)
    out.push({
      figure: `${size}, client CPU (${where}), ${path}`,
      target: `≤ 0.5× boto3's (${(0.5 * perGiB(boto3)).toFixed(2)} s/GiB)`,
      measured: `${perGiB(me).toFixed(2)} s/GiB = ${(me.cpu / boto3.cpu).toFixed(2)}×`,
      met: me.cpu <= 0.5 * boto3.cpu,
      floor,
    });
  if (curl)
    out.push({
      figure: `${size}, client CPU (${where}), ${path}`,
      target: `≤ 2× curl's single PUT (${(2 * perGiB(curl)).toFixed(2)} s/GiB)`,
      measured: `${perGiB(me).toFixed(2)} s/GiB = ${(me.cpu / curl.cpu).toFixed(2)}×`,
      met: me.cpu <= 2 * curl.cpu,
      floor,
    });
  out.push({
    figure: `${size}, peak RSS (${where}), ${path}`,
    target: `≤ ${RSS_LIMIT_MB} MB`,
    measured: mb(me.rss),
    met: me.rss <= RSS_LIMIT_MB,
  });
  return out;
}

/**
 * Three big files at once (the app's default; hoist's folder upload sends them together too): a dozen parts in flight,
 * each of which would hold its own large buffers if nothing rationed them (read-buffer.ts).
 */
function parallelLine(i: TargetInputs, tool: string, who: string): Line[] {
  const f = figuresOf(i.rows, i.w.parallel, tool);
  if (!f) return [];
  return [
    {
      figure: `${i.w.parallel}, peak RSS, ${who}`,
      target: `≤ ${RSS_LIMIT_MB} MB`,
      measured: `${mb(f.rss)}, ${s(f.cpu)} CPU`,
      met: f.rss <= RSS_LIMIT_MB,
    },
  ];
}

function cancelLines(set: CancelSet): Line[] {
  const out: Line[] = [];
  const p95 = (xs: number[]) => percentile(xs, 95);
  for (const [who, lastByte, verified] of [
    ['CLI, Ctrl-C', set.cli.map((c) => c.lastByteMs), set.cli.map((c) => c.verifiedMs)],
    ['engine.cancel()', set.engine.map((c) => c.lastByteMs), set.engine.map((c) => c.verifiedMs)],
  ] as const) {
    if (!lastByte.length) continue;
    out.push({
      figure: `cancel → no more bytes, p95 (${who}, ${set.server}), ${set.path}`,
      target: '≤ 100 ms',
      measured: `${p95(lastByte).toFixed(1)} ms`,
      met: p95(lastByte) <= 100,
    });
    out.push({
      figure: `cancel → cleanup verified, p95 (${who}, ${set.server}), ${set.path}`,
      target: '≤ 1 s',
      measured: `${p95(verified).toFixed(0)} ms`,
      met: p95(verified) <= 1000,
    });
  }
  return out;
}

export function renderIssue18Targets(i: TargetInputs): string {
  const lines: Line[] = [];
  if (i.leanUnavailable)
    lines.push({
      figure: 'every figure, lean',
      target: 'as below',
      measured: `not available: ${i.leanUnavailable}`,
      met: undefined,
    });
  for (const path of i.paths) {
    if (i.servers.includes('versitygw')) lines.push(...smallLines(i, path, i.w.small('versitygw'), 'versitygw'));
    lines.push(...smallLines(i, path, i.w.keepAlive, 'keep-alive sink'));
    lines.push(...perFileLines(i, path));
    for (const server of i.servers) lines.push(...bigLines(i, path, i.w.big(server), server));
    lines.push(...bigLines(i, path, i.w.bigSink, 'keep-alive sink'));
    lines.push(...parallelLine(i, hoistRow(path), path));
    const sparse = i.sparseGiB > 0 ? figuresOf(i.rows, i.w.sparse, hoistRow(path)) : undefined;
    lines.push({
      figure: `1 × ${i.sparseGiB || 10} GiB sparse, peak RSS (sink), ${path}`,
      target: `≤ ${RSS_LIMIT_MB} MB`,
      measured: sparse ? mb(sparse.rss) : 'not run (set HOIST_BENCH_10G=1)',
      met: sparse ? sparse.rss <= RSS_LIMIT_MB : undefined,
    });
    for (const set of i.cancels.filter((c) => c.path === path)) lines.push(...cancelLines(set));
  }
  // The desktop app's engine, with the app's options under plain node: held to the big files' memory target, and for
  // small files reported beside boto3.
  lines.push(...parallelLine(i, APP_ENGINE, "the app's engine"));
  for (const server of i.servers) {
    const w = i.w.small(server);
    const app = figuresOf(i.rows, w, APP_ENGINE);
    const boto3 = figuresOf(i.rows, w, BOTO3);
    if (app)
      lines.push({
        figure: `${i.smallCount} × 64 KiB, peak RSS of the app's engine (${server})`,
        target: boto3 ? `(boto3: ${mb(boto3.rss)})` : '–',
        measured: `${mb(app.rss)}, ${s(app.cpu)} CPU`,
        met: undefined,
      });
  }
  const mark = (ok: boolean | undefined) => (ok === undefined ? '–' : ok ? 'met' : '**not met**');
  const cell = (x: string) => x.replace(/\|/g, '/');
  return [
    '| figure | target | measured | met | floor (where not met) |',
    '|---|---|---|:-:|---|',
    ...lines.map(
      (l) =>
        `| ${cell(l.figure)} | ${cell(l.target)} | ${cell(l.measured)} | ${mark(l.met)} | ${l.met === false ? cell(l.floor || '–') : ''} |`,
    ),
  ].join('\n');
}
