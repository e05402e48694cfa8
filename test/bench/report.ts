// The text of docs/benchmarks.md and docs/benchmarks.json: the upload table with hoist's ratio to the best peer and the
// integrity check each tool sent, the speed limit, issue 6's remaining checks, and a before → after comparison with an
// earlier run. The cancel section is in cancel-report.ts, issue 18's targets in targets.ts.
import { percentile, type CancelRun, type EngineCancelRun } from './cancel-latency';
import type { ChecksSeen } from './checksum-seen';
import type { SpeedLimitRun } from './speed-limit';
import { bestPeers, figures, figuresOf, measured, type Workloads } from './figures';
import { leadTargetRows } from './floors';
import { CHECKSUM_MD5, CHECKSUM_OFF, DATA_PATHS, hoistRow, isHoistRow, type DataPath, type Tool } from './tools';
import { uiTargetRow, type UiSection } from './ui-section';

const MiB = 1024 * 1024;

/** The cancel runs: a file of this size through a proxy throttled to this rate, Ctrl-C at a quarter of it. */
export const CANCEL_FILE = 64 * MiB;
export const CANCEL_THROTTLE = 16 * MiB;

export interface Sample {
  code: number;
  wall: number;
  cpu: number;
  user: number;
  sys: number;
  rssMiB: number;
  /** Private (RssAnon) and file-backed (RssFile) memory at the largest RSS measure.py sampled; null where it could not. */
  anonMiB?: number | null;
  fileMiB?: number | null;
  stderr: string;
}
export interface Row {
  workload: string;
  /** Which of the tool's checks (checksum-seen.ts) applies: one small file's PUT, or a big file's. */
  shape: 'small' | 'big';
  tool: Tool;
  /** Empty for a row that could not run here (tool.unavailable says why). */
  samples: Sample[];
  failures: string[];
}

/** The cancel runs of one data path. */
export interface CancelSet {
  path: DataPath;
  /** The server behind the proxy. */
  server: string;
  cli: CancelRun[];
  engine: EngineCancelRun[];
}

type CancelSummary = NonNullable<Results['cancel']>;

/** What docs/benchmarks.json holds: medians per workload and tool, and the cancel and speed-limit summaries. */
export interface Results {
  date: string;
  command: string;
  /** Free text, e.g. which commit the run measured. */
  note?: string;
  uploads: {
    workload: string;
    tool: string;
    ok: boolean;
    wall: number;
    cpu: number;
    rssMB: number;
    /** Private memory (RssAnon) at the peak; absent in runs before it was measured. */
    privateMB?: number;
  }[];
  cancel?: {
    cliLastByteP50: number;
    cliLastByteP95: number;
    cliVerifiedP50: number;
    cliVerifiedP95: number;
    engineLastByteP50?: number;
    engineLastByteP95?: number;
    engineVerifiedP50?: number;
    engineVerifiedP95?: number;
  };
  limit?: { setMiBps: number; wireMiBps: number };
  /** The cancel figures of each data path that ran (cancel above is the first of them). */
  cancelByPath?: Partial<Record<DataPath, CancelSummary>>;
}

export function summarize(
  rows: Row[],
  cancelSets: CancelSet[],
  limit: SpeedLimitRun | undefined,
): Omit<Results, 'date' | 'command'> {
  const p = (xs: number[], q: number) => +percentile(xs, q).toFixed(1);
  const cancelOf = ({ cli, engine }: CancelSet): CancelSummary => ({
    cliLastByteP50: p(
      cli.map((c) => c.lastByteMs),
      50,
    ),
    cliLastByteP95: p(
      cli.map((c) => c.lastByteMs),
      95,
    ),
    cliVerifiedP50: p(
      cli.map((c) => c.verifiedMs),
      50,
    ),
    cliVerifiedP95: p(
      cli.map((c) => c.verifiedMs),
      95,
    ),
    ...(engine.length
      ? {
          engineLastByteP50: p(
            engine.map((c) => c.lastByteMs),
            50,
          ),
          engineLastByteP95: p(
            engine.map((c) => c.lastByteMs),
            95,
          ),
          engineVerifiedP50: p(
            engine.map((c) => c.verifiedMs),
            50,
          ),
          engineVerifiedP95: p(
            engine.map((c) => c.verifiedMs),
            95,
          ),
        }
      : {}),
  });
  const sets = cancelSets.filter((c) => c.cli.length || c.engine.length);
  return {
    uploads: rows
      .filter((r) => r.samples.length)
      .map((r) => {
        const f = figures(r);
        return {
          workload: r.workload,
          tool: r.tool.name,
          ok: r.failures.length === 0,
          wall: +f.wall.toFixed(2),
          cpu: +f.cpu.toFixed(2),
          rssMB: +f.rss.toFixed(0),
          ...(f.priv === undefined ? {} : { privateMB: +f.priv.toFixed(0) }),
        };
      }),
    ...(sets.length
      ? {
          cancel: cancelOf(sets[0]!),
          // The first server's runs: the one a full run makes, and what an earlier run's JSON holds.
          cancelByPath: Object.fromEntries(
            sets.filter((c) => c.server === sets[0]!.server).map((c) => [c.path, cancelOf(c)]),
          ),
        }
      : {}),
    ...(limit
      ? { limit: { setMiBps: limit.setBytesPerSecond / MiB, wireMiBps: +(limit.wireBytesPerSecond / MiB).toFixed(2) } }
      : {}),
  };
}

/** hoist's own figures: an earlier run against this one. */
export function renderComparison(before: Results, after: Omit<Results, 'date' | 'command'>): string {
  const lines = ['| figure | before | after | after ÷ before |', '|---|---:|---:|---:|'];
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '');
  for (const a of after.uploads.filter((u) => u.tool.startsWith('hoist'))) {
    // A run from before issue 18 named its moto workloads without "(moto)" and had one "hoist" row: both paths
    // compare with it.
    const b =
      before.uploads.find((u) => u.workload === a.workload && u.tool === a.tool) ??
      before.uploads.find(
        (u) =>
          u.workload === a.workload.replace(/ \(moto\)$/, '') && u.tool === (isHoistRow(a.tool) ? 'hoist' : a.tool),
      );
    if (!b) continue;
    lines.push(
      `| ${a.workload} · ${a.tool}: CPU s | ${b.cpu.toFixed(2)} | ${a.cpu.toFixed(2)} | ${ratio(a.cpu, b.cpu)} |`,
    );
    lines.push(`| ${a.workload} · ${a.tool}: peak RSS MB | ${b.rssMB} | ${a.rssMB} | ${ratio(a.rssMB, b.rssMB)} |`);
    lines.push(
      `| ${a.workload} · ${a.tool}: wall s | ${b.wall.toFixed(2)} | ${a.wall.toFixed(2)} | ${ratio(a.wall, b.wall)} |`,
    );
  }
  const bc = before.cancel;
  const ac = after.cancel;
  if (bc && ac) {
    lines.push(
      `| CLI Ctrl-C → no more part bytes at the proxy, p50 / p95 ms | ${bc.cliLastByteP50} / ${bc.cliLastByteP95} | ${ac.cliLastByteP50} / ${ac.cliLastByteP95} | |`,
    );
    lines.push(
      `| CLI Ctrl-C → cleanup verified, p50 / p95 ms | ${bc.cliVerifiedP50} / ${bc.cliVerifiedP95} | ${ac.cliVerifiedP50} / ${ac.cliVerifiedP95} | |`,
    );
    if (ac.engineLastByteP95 !== undefined && bc.engineLastByteP95 !== undefined) {
      lines.push(
        `| engine.cancel() → no more part bytes at the proxy, p50 / p95 ms | ${bc.engineLastByteP50} / ${bc.engineLastByteP95} | ${ac.engineLastByteP50} / ${ac.engineLastByteP95} | |`,
      );
      lines.push(
        `| engine.cancel() → cleanup verified, p50 / p95 ms | ${bc.engineVerifiedP50} / ${bc.engineVerifiedP95} | ${ac.engineVerifiedP50} / ${ac.engineVerifiedP95} | |`,
      );
    }
  }
  if (before.limit && after.limit)
    lines.push(
      `| speed limit ${after.limit.setMiBps} MiB/s, measured at the proxy | ${before.limit.wireMiBps} MiB/s | ${after.limit.wireMiBps} MiB/s | |`,
    );
  return lines.join('\n');
}
/** The integrity check a row's tool sent, as the sink saw it for the same shape of upload. */
export function checkOf(r: Row, checks: ChecksSeen): string {
  return (r.shape === 'small' ? checks.small : checks.big).get(r.tool.name) ?? 'not observed';
}

export function renderTable(rows: Row[], checks: ChecksSeen): string {
  const lines = [
    '| workload | tool | integrity check (seen at the sink) | wall s | CPU s | peak RSS MB | of which private MB |',
    '|---|---|---|---:|---:|---:|---:|',
  ];
  const cell = (s: string) => s.replace(/\|/g, '/');
  const workloads = [...new Set(rows.map((r) => r.workload))];
  for (const w of workloads) {
    for (const r of rows.filter((x) => x.workload === w)) {
      if (!r.samples.length) {
        lines.push(`| ${w} | ${r.tool.name} | – | not available: ${cell(r.tool.unavailable ?? 'not run')} | | | |`);
        continue;
      }
      const f = figures(r);
      lines.push(
        `| ${w} | ${r.tool.name}${r.failures.length ? ` (FAILED: ${cell(r.failures[0]!)})` : ''} | ${cell(checkOf(r, checks))} | ${f.wall.toFixed(2)} | ${f.cpu.toFixed(2)} | ${f.rss.toFixed(0)} | ${f.priv === undefined ? '–' : f.priv.toFixed(0)} |`,
      );
    }
    const best = bestPeers(rows, w);
    for (const path of DATA_PATHS) {
      const hoist = rows.find((r) => r.workload === w && r.tool.name === hoistRow(path) && measured(r));
      if (!hoist || !best.cpu) continue;
      const h = figures(hoist);
      const ratio = (mine: number, peer?: [string, number]) =>
        peer ? `${(mine / peer[1]).toFixed(2)} (${peer[0]})` : '';
      lines.push(
        `| ${w} | **${hoistRow(path)} ÷ best peer** | | ${ratio(h.wall, best.wall)} | ${ratio(h.cpu, best.cpu)} | ${ratio(h.rss, best.rss)} | ${h.priv === undefined ? '' : ratio(h.priv, best.priv)} |`,
      );
    }
  }
  return lines.join('\n');
}

export function renderLimit(l: SpeedLimitRun): string {
  const set = l.setBytesPerSecond / MiB;
  const wire = l.wireBytesPerSecond / MiB;
  const e2e = l.endToEndBytesPerSecond / MiB;
  return (
    `Engine option \`bytesPerSecond\` = ${set} MiB/s (the desktop app's speed limit; \`hoist cp --speed-limit\`), one file: ` +
    `body bytes reached the proxy at ${wire.toFixed(2)} MiB/s (${signed((wire / set - 1) * 100)}% off the set rate); ` +
    `end to end, CreateMultipartUpload to CompleteMultipartUpload, ${e2e.toFixed(2)} MiB/s (${signed((e2e / set - 1) * 100)}%).${l.ok ? '' : ' THE UPLOAD FAILED.'}`
  );
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;
}

/**
 * The checks of issue 6 that issue 18's targets (targets.ts) do not repeat: what the default integrity check costs,
 * the speed limit, hoist ahead of every peer per workload, and the UI at 10,000 files.
 */
export function renderOtherChecks(
  rows: Row[],
  limit: SpeedLimitRun | undefined,
  o: { w: Workloads; sizeMiB: number; hoist: string; workloads: string[] },
  ui: UiSection | undefined,
): string {
  const lines = ['| figure | target | hoist | met |', '|---|---|---|:-:|'];
  const mark = (ok: boolean) => (ok ? 'yes' : '**no**');
  const bigW = o.w.big('moto');
  const gib = o.sizeMiB / 1024;
  const hoist = figuresOf(rows, bigW, o.hoist);
  // What the default integrity check (a CRC32 on every body) costs over none, and what the MD5 fallback costs.
  const off = figuresOf(rows, bigW, CHECKSUM_OFF);
  const md5 = figuresOf(rows, bigW, CHECKSUM_MD5);
  if (hoist && off) {
    const extra = md5 ? `; Content-MD5 instead: ${((md5.cpu - off.cpu) / gib).toFixed(2)} s/GiB` : '';
    lines.push(
      `| the default check's CPU per GiB (${o.hoist} − ${CHECKSUM_OFF}, moto) | cheap | ${((hoist.cpu - off.cpu) / gib).toFixed(2)} s/GiB${extra} | – |`,
    );
  }
  if (limit) {
    const offBy = Math.abs(limit.wireBytesPerSecond / limit.setBytesPerSecond - 1) * 100;
    lines.push(`| speed limit | within 10% of the set rate | ${offBy.toFixed(1)}% off | ${mark(offBy <= 10)} |`);
  }
  lines.push(...leadTargetRows(rows, o.workloads, o.hoist));
  lines.push(uiTargetRow(ui));
  return lines.join('\n');
}
