// The split of small-file CPU into once per run and per file, from medians of real-shaped rows.
import { describe, expect, it } from 'vitest';
import { perFileSplits, renderPerFile, type PerFileInputs } from './per-file';
import type { Row } from './report';

const SMALL = '1000 × 64 KiB (keep-alive sink)';
const MANY = '10000 × 64 KiB (keep-alive sink)';

function row(workload: string, tool: string, cpus: number[], failed = false): Row {
  return {
    workload,
    shape: 'small',
    tool: { name: tool, peer: tool === 'rclone', file: () => null, folder: () => null },
    samples: cpus.map((cpu) => ({ code: 0, wall: 1, cpu, user: cpu, sys: 0, rssMiB: 60, stderr: '' })),
    failures: failed ? ['exit 1'] : [],
  };
}

const inputs = (rows: Row[]): PerFileInputs => ({
  rows,
  small: { workload: SMALL, count: 1000 },
  many: { workload: MANY, count: 10_000 },
  tools: ['hoist --data-path lean', 'rclone', 'lean floor'],
});

describe('per-file split', () => {
  it('takes the extra files’ CPU per file and leaves the rest of the small run as once per run', () => {
    const rows = [
      // medians: 1.9 s and 10.0 s
      row(SMALL, 'hoist --data-path lean', [2.1, 1.9, 1.8]),
      row(MANY, 'hoist --data-path lean', [10.0, 10.4, 9.8]),
      row(SMALL, 'rclone', [1.3]),
      row(MANY, 'rclone', [12.1]),
    ];
    const [hoist, rclone, ...rest] = perFileSplits(inputs(rows));
    expect(rest).toEqual([]);
    expect(hoist!.perFile).toBeCloseTo(8.1 / 9000, 9);
    expect(hoist!.once).toBeCloseTo(1.9 - 0.9, 6);
    expect(rclone!.perFile).toBeCloseTo(10.8 / 9000, 9);
    expect(rclone!.once).toBeCloseTo(0.1, 6);
    const text = renderPerFile(inputs(rows));
    expect(text).toContain('| hoist --data-path lean | 1.90 s | 10.00 s | 0.900 ms | 1.00 s |');
    expect(text).toContain('| rclone | 1.30 s | 12.10 s | 1.200 ms | 0.10 s |');
  });

  it('leaves out a tool whose run failed or is missing, and says nothing without a bigger run', () => {
    const rows = [
      row(SMALL, 'hoist --data-path lean', [1.9]),
      row(MANY, 'hoist --data-path lean', [10], true),
      row(SMALL, 'rclone', [1.3]),
    ];
    expect(perFileSplits(inputs(rows))).toEqual([]);
    expect(renderPerFile(inputs(rows))).toBe('');
    const same = { ...inputs([row(SMALL, 'rclone', [1]), row(MANY, 'rclone', [2])]) };
    same.many = { workload: MANY, count: 1000 };
    expect(perFileSplits(same)).toEqual([]);
  });

  it('shows a once below zero (too few files to tell) as a dash', () => {
    const rows = [row(SMALL, 'rclone', [0.5]), row(MANY, 'rclone', [10])];
    expect(perFileSplits(inputs(rows))[0]!.once).toBeLessThan(0);
    expect(renderPerFile(inputs(rows))).toContain('| rclone | 0.50 s | 10.00 s | 1.056 ms | – |');
  });
});
