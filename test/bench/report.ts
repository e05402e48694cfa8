// The text of docs/benchmarks.md and docs/benchmarks.json: the upload table with hoist's ratio to the best peer, the
// cancel latencies, the speed limit, issue 6's targets, and a before → after comparison with an earlier run.
import { percentile, type CancelRun, type EngineCancelRun } from './cancel-latency';
import type { SpeedLimitRun } from './speed-limit';
import { bestPeers, figures, figuresOf, median, type Workloads } from './figures';
import { leadTargetRows } from './floors';
import { CHECKSUM_MD5, CHECKSUM_OFF, FLOOR_NODE, type Tool } from './tools';
import { uiTargetRow, type UiSection } from './ui-section';
import { curlPerGiB, readAndWriteVsCurl, type IoFloor } from './io-floor';

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
  stderr: string;
}
export interface Row {
  workload: string;
  tool: Tool;
  samples: Sample[];
  failures: string[];
}

/** What docs/benchmarks.json holds: medians per workload and tool, and the cancel and speed-limit summaries. */
export interface Results {
  date: string;
  command: string;
  /** Free text, e.g. which commit the run measured. */
  note?: string;
  uploads: { workload: string; tool: string; ok: boolean; wall: number; cpu: number; rssMB: number }[];
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
}

export function summarize(
  rows: Row[],
  cancels: CancelRun[],
  inProcess: EngineCancelRun[],
  limit: SpeedLimitRun | undefined,
): Omit<Results, 'date' | 'command'> {
  const p = (xs: number[], q: number) => +percentile(xs, q).toFixed(1);
  return {
    uploads: rows.map((r) => {
      const f = figures(r);
      return {
        workload: r.workload,
        tool: r.tool.name,
        ok: r.failures.length === 0,
        wall: +f.wall.toFixed(2),
        cpu: +f.cpu.toFixed(2),
        rssMB: +f.rss.toFixed(0),
      };
    }),
    ...(cancels.length
      ? {
          cancel: {
            cliLastByteP50: p(
              cancels.map((c) => c.lastByteMs),
              50,
            ),
            cliLastByteP95: p(
              cancels.map((c) => c.lastByteMs),
              95,
            ),
            cliVerifiedP50: p(
              cancels.map((c) => c.verifiedMs),
              50,
            ),
            cliVerifiedP95: p(
              cancels.map((c) => c.verifiedMs),
              95,
            ),
            ...(inProcess.length
              ? {
                  engineLastByteP50: p(
                    inProcess.map((c) => c.lastByteMs),
                    50,
                  ),
                  engineLastByteP95: p(
                    inProcess.map((c) => c.lastByteMs),
                    95,
                  ),
                  engineVerifiedP50: p(
                    inProcess.map((c) => c.verifiedMs),
                    50,
                  ),
                  engineVerifiedP95: p(
                    inProcess.map((c) => c.verifiedMs),
                    95,
                  ),
                }
              : {}),
          },
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
    const b = before.uploads.find((u) => u.workload === a.workload && u.tool === a.tool);
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
export function renderTable(rows: Row[]): string {
  const lines = ['| workload | tool | wall s | CPU s | peak RSS MB |', '|---|---|---:|---:|---:|'];
  const workloads = [...new Set(rows.map((r) => r.workload))];
  for (const w of workloads) {
    for (const r of rows.filter((x) => x.workload === w)) {
      const f = figures(r);
      lines.push(
        `| ${w} | ${r.tool.name}${r.failures.length ? ` (FAILED: ${r.failures[0]!.replace(/\|/g, '/')})` : ''} | ${f.wall.toFixed(2)} | ${f.cpu.toFixed(2)} | ${f.rss.toFixed(0)} |`,
      );
    }
    const hoist = rows.find((r) => r.workload === w && r.tool.name === 'hoist');
    const best = bestPeers(rows, w);
    if (hoist && best.cpu) {
      const h = figures(hoist);
      const ratio = (mine: number, peer?: [string, number]) =>
        peer ? `${(mine / peer[1]).toFixed(2)} (${peer[0]})` : '';
      lines.push(
        `| ${w} | **hoist ÷ best peer** | ${ratio(h.wall, best.wall)} | ${ratio(h.cpu, best.cpu)} | ${ratio(h.rss, best.rss)} |`,
      );
    }
  }
  return lines.join('\n');
}

export function renderCancels(cancels: CancelRun[], inProcess: EngineCancelRun[]): string {
  if (!cancels.length && !inProcess.length) return 'Not measured in this run.';
  const row = (label: string, xs: number[], digits = 0) =>
    `| ${label} | ${percentile(xs, 50).toFixed(digits)} | ${percentile(xs, 95).toFixed(digits)} | ${Math.max(...xs).toFixed(digits)} |`;
  const kib = (xs: number[]) =>
    `median ${(median(xs) / 1024).toFixed(0)} KiB, max ${(Math.max(...xs) / 1024).toFixed(0)} KiB`;
  const queued = (runs: { queuedAtCancel: number }[]) =>
    ` (of which already in the proxy's receive queue at the cancel: ${kib(runs.map((c) => c.queuedAtCancel))})`;
  const cliOk = cancels.every((c) => c.code === 130 && c.cleanupVerified && c.leftUploads === 0 && c.leftObjects === 0);
  const engineOk = inProcess.every((c) => c.ok);
  const lines = [
    `A ${CANCEL_FILE / MiB} MiB upload through the fault proxy in front of moto, throttled to ${CANCEL_THROTTLE / MiB} MiB/s so that four parts are ` +
      'streaming with full socket buffers, is cancelled at 25%: by Ctrl-C (SIGINT) to the hoist CLI, and by `engine.cancel()` in this process ' +
      `(as the desktop app's main process calls it). ${Math.max(cancels.length, inProcess.length)} runs each.`,
    '',
    '| from the cancel until | p50 ms | p95 ms | max ms |',
    '|---|---:|---:|---:|',
  ];
  if (cancels.length) {
    lines.push(
      row(
        'CLI: no more part bytes reach the proxy',
        cancels.map((c) => c.lastByteMs),
        1,
      ),
    );
    lines.push(
      row(
        'CLI: the CLI reports the cleanup verified',
        cancels.map((c) => c.verifiedMs),
      ),
    );
    lines.push(
      row(
        'CLI: the process has exited',
        cancels.map((c) => c.exitMs),
      ),
    );
  }
  if (inProcess.length) {
    lines.push(
      row(
        'engine: its connections are reset',
        inProcess.map((c) => c.resetMs),
        1,
      ),
    );
    lines.push(
      row(
        'engine: no more part bytes reach the proxy',
        inProcess.map((c) => c.lastByteMs),
        1,
      ),
    );
    lines.push(
      row(
        'engine: cancel() resolves, cleanup verified',
        inProcess.map((c) => c.verifiedMs),
      ),
    );
  }
  lines.push('');
  if (cancels.length)
    lines.push(
      `Part bytes the proxy read after the signal (CLI): ${kib(cancels.map((c) => c.bytesAfter))}${queued(cancels)}. `,
    );
  if (inProcess.length)
    lines.push(`After engine.cancel(): ${kib(inProcess.map((c) => c.bytesAfter))}${queued(inProcess)}. `);
  lines.push(
    cliOk && engineOk
      ? 'Every run ended cancelled with the cleanup verified and nothing left on the server (checked with boto3); every CLI run exited 130.'
      : `SOME RUNS LEFT SOMETHING OR EXITED WRONG: ${JSON.stringify([...cancels.filter((c) => !(c.code === 130 && c.cleanupVerified && !c.leftUploads && !c.leftObjects)), ...inProcess.filter((c) => !c.ok)])}`,
  );
  lines.push(
    '',
    'How it is measured: while the proxy reads at the throttled rate, its kernel receive queue holds bytes that arrived before the cancel. ' +
      "At the cancel the bench reads that queue's size (/proc/net/tcp) and lifts the throttle, so the proxy drains it within milliseconds; " +
      'a byte read after that left the client after the cancel. The hoist side cuts its connections with a TCP reset, which discards what its ' +
      'own socket buffers still held.',
  );
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

export function renderTargets(
  rows: Row[],
  cancels: CancelRun[],
  inProcess: EngineCancelRun[],
  limit: SpeedLimitRun | undefined,
  o: { w: Workloads; sizeMiB: number; smallCount: number; sparseGiB: number; io?: IoFloor },
  ui: UiSection | undefined,
): string {
  const lines = ['| figure | target | hoist | met |', '|---|---|---|:-:|'];
  const mark = (ok: boolean | undefined) => (ok === undefined ? '–' : ok ? 'yes' : '**no**');
  const bigW = o.w.big;
  const gib = o.sizeMiB / 1024;
  const hoist = figuresOf(rows, bigW, 'hoist');
  const curl = curlPerGiB(rows, bigW, gib);
  const best = bestPeers(rows, bigW);
  if (hoist) {
    if (best.cpu) {
      const ratio = hoist.cpu / best.cpu[1];
      lines.push(
        `| client CPU per GiB vs best peer | ≤0.5× | ${(hoist.cpu / gib).toFixed(2)} s/GiB = ${ratio.toFixed(2)}× ${best.cpu[0]} (${(best.cpu[1] / gib).toFixed(2)} s/GiB) | ${mark(ratio <= 0.5)} |`,
      );
    }
    if (curl) {
      const ratio = hoist.cpu / gib / curl;
      // Plain Node sending the same single PUT shows how much of the gap Node itself sets.
      const node = figuresOf(rows, bigW, FLOOR_NODE);
      const nodeNote = node ? `; plain Node's single PUT: ${(node.cpu / gib / curl).toFixed(2)}×` : '';
      // And Node's file reads and socket writes alone, with no HTTP at all (io-floor.mjs).
      const ioNote = o.io
        ? `; Node's reads and socket writes alone: ${readAndWriteVsCurl(o.io, curl).toFixed(2)}×`
        : '';
      lines.push(
        `| client CPU per GiB vs curl's single PUT | ≤2× | ${ratio.toFixed(2)}× (curl ${curl.toFixed(2)} s/GiB${nodeNote}${ioNote}) | ${mark(ratio <= 2)} |`,
      );
    }
    // What the default integrity check (a CRC32 on every body) costs over none, and what the MD5 fallback costs.
    const off = figuresOf(rows, bigW, CHECKSUM_OFF);
    const md5 = figuresOf(rows, bigW, CHECKSUM_MD5);
    if (off) {
      const extra = md5 ? `; Content-MD5 instead: ${((md5.cpu - off.cpu) / gib).toFixed(2)} s/GiB` : '';
      lines.push(
        `| the default CRC32 check's CPU per GiB (hoist − ${CHECKSUM_OFF}) | cheap | ${((hoist.cpu - off.cpu) / gib).toFixed(2)} s/GiB${extra} | – |`,
      );
    }
    lines.push(`| peak RSS, ${o.sizeMiB} MiB | ≤200 MB | ${hoist.rss.toFixed(0)} MB | ${mark(hoist.rss <= 200)} |`);
  }
  const sparse = figuresOf(rows, o.w.sparse, 'hoist');
  if (sparse)
    lines.push(`| peak RSS, ${o.sparseGiB} GiB | ≤200 MB | ${sparse.rss.toFixed(0)} MB | ${mark(sparse.rss <= 200)} |`);
  for (const [w, server] of [
    [o.w.small, 'moto'],
    [o.w.keepAlive, 'keep-alive sink'],
  ] as const) {
    const small = figuresOf(rows, w, 'hoist');
    const smallBest = bestPeers(rows, w);
    if (!small || !smallBest.wall) continue;
    const mine = o.smallCount / small.wall;
    const theirs = o.smallCount / smallBest.wall[1];
    lines.push(
      `| ${o.smallCount} small files, files/s (${server}) | ≥ best peer | ${mine.toFixed(0)} files/s vs ${smallBest.wall[0]} ${theirs.toFixed(0)} files/s | ${mark(mine >= theirs)} |`,
    );
  }
  if (cancels.length) {
    const a = percentile(
      cancels.map((c) => c.lastByteMs),
      95,
    );
    const b = percentile(
      cancels.map((c) => c.verifiedMs),
      95,
    );
    lines.push(`| cancel until no more bytes, p95 (CLI, Ctrl-C) | ≤100 ms | ${a.toFixed(1)} ms | ${mark(a <= 100)} |`);
    lines.push(`| cancel until cleanup verified, p95 (CLI, Ctrl-C) | ≤1 s | ${b.toFixed(0)} ms | ${mark(b <= 1000)} |`);
  }
  if (inProcess.length) {
    const a = percentile(
      inProcess.map((c) => c.lastByteMs),
      95,
    );
    const b = percentile(
      inProcess.map((c) => c.verifiedMs),
      95,
    );
    lines.push(
      `| cancel until no more bytes, p95 (engine.cancel()) | ≤100 ms | ${a.toFixed(1)} ms (connections reset after ${percentile(
        inProcess.map((c) => c.resetMs),
        95,
      ).toFixed(1)} ms) | ${mark(a <= 100)} |`,
    );
    lines.push(
      `| cancel until cleanup verified, p95 (engine.cancel()) | ≤1 s | ${b.toFixed(0)} ms | ${mark(b <= 1000)} |`,
    );
  }
  if (limit) {
    const off = Math.abs(limit.wireBytesPerSecond / limit.setBytesPerSecond - 1) * 100;
    lines.push(`| speed limit | within 10% of the set rate | ${off.toFixed(1)}% off | ${mark(off <= 10)} |`);
  }
  lines.push(...leadTargetRows(rows, [bigW, o.w.small, o.w.keepAlive]));
  lines.push(uiTargetRow(ui));
  return lines.join('\n');
}
