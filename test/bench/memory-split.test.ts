// measure.py's split of peak RSS into private and file-backed pages, on real processes, and the text the targets
// table builds from it.
import { describe, expect, it } from 'vitest';
import { figures, type Figures } from './figures';
import { memorySplitText } from './memory-split';
import { measure } from './run-steps';
import { BOTO3 } from './tools';

const python = process.env.PYTHON ?? 'python3';

describe('measure.py memory split', () => {
  it.runIf(process.platform === 'linux')(
    'counts a process’s own buffers as private and its executable as file-backed',
    async () => {
      // 64 MiB filled, so every page is touched, held for a few samples.
      const big = await measure(
        python,
        ['node', '-e', 'const b = Buffer.alloc(64 * 1024 * 1024, 1); setTimeout(() => b.length, 300)'],
        process.env,
      );
      const idle = await measure(python, ['node', '-e', 'setTimeout(() => {}, 300)'], process.env);
      expect(big.code).toBe(0);
      expect(big.anonMiB).toBeGreaterThanOrEqual(64);
      expect(big.anonMiB! + big.fileMiB!).toBeLessThanOrEqual(big.rssMiB + 1);
      expect(idle.anonMiB).toBeLessThan(32);
      // The node executable's pages: the same in both, and the larger part of an idle Node process.
      expect(idle.fileMiB).toBeGreaterThan(idle.anonMiB!);
      expect(Math.abs(big.fileMiB! - idle.fileMiB!)).toBeLessThan(8);
    },
  );
});

describe('memory split text', () => {
  const f = (rss: number, priv?: number, file?: number): Figures => ({ wall: 1, cpu: 1, rss, priv, file });

  it('says how much room Node’s own executable pages leave under the peer’s peak', () => {
    const text = memorySplitText(f(72, 28, 44), [BOTO3, f(53, 41, 12)], f(40, 5, 35));
    expect(text).toContain('private memory at the peak (RssAnon): hoist 28 MB, boto3 upload_file 41 MB');
    expect(text).toContain('of which 35 MB are pages of the node executable and its libraries');
    expect(text).toContain('at most 18 MB of everything else');
  });

  it('says no Node client can get under a peak that Node’s own start already reaches', () => {
    const text = memorySplitText(f(72, 28, 44), [BOTO3, f(30, 20, 8)], f(40, 5, 35));
    expect(text).toContain("already at or above boto3 upload_file's 30 MB, so no Node client can be at or under it");
    expect(text).not.toContain('at most');
  });

  it('says nothing where the split was not sampled', () => {
    expect(memorySplitText(f(72), [BOTO3, f(53, 41, 12)], f(40, 5, 35))).toBe('');
    expect(memorySplitText(f(72, 28, 44), [BOTO3, f(53, 41, 12)], undefined)).toBe('');
  });

  it('takes the split only from rows whose every run sampled it', () => {
    const sample = (anonMiB: number | null) => ({
      code: 0,
      wall: 1,
      cpu: 1,
      user: 1,
      sys: 0,
      rssMiB: 60,
      anonMiB,
      fileMiB: 30,
      stderr: '',
    });
    const row = (samples: ReturnType<typeof sample>[]) => ({
      workload: 'w',
      shape: 'small' as const,
      tool: { name: 't', peer: false, file: () => null, folder: () => null },
      samples,
      failures: [],
    });
    expect(figures(row([sample(20), sample(null)])).priv).toBeUndefined();
    expect(figures(row([sample(20), sample(22), sample(30)])).priv).toBeCloseTo((22 * 1024 * 1024) / 1e6);
  });
});
