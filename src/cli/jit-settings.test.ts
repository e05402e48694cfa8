// settleCliTiering, seen in V8 itself: a function that runs once per file is marked for TurboFan after twice as many
// calls in a process that set it as in one that did not. Each count comes from a fresh node (V8 flags are per process)
// running settleCliTiering as bundled, with V8's own %GetOptimizationStatus.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tiersByInterruptBudget } from './jit-settings';

const dir = mkdtempSync(join(tmpdir(), 'hoist-jit-'));
const probe = join(dir, 'probe.mjs');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// V8's OptimizationStatus bits: optimized, marked for optimization, marked for concurrent optimization, optimizing.
const TIERED_UP = 16 | 256 | 512 | 1024;
const PROBE = `
import { settleCliTiering } from './jit-settings';
if (process.argv[2] === 'settle') settleCliTiering();
// Not JavaScript to a bundler: V8 parses it at run time, under --allow-natives-syntax.
const status = new Function('f', 'return %GetOptimizationStatus(f)');
function perFile(n) {
  const o = { a: n, b: n + 1 };
  return o.a * 3 + o.b * 5 + (n & 7);
}
let calls = 0;
while (calls < 1000000) {
  perFile(calls);
  calls++;
  if (status(perFile) & ${TIERED_UP}) break;
}
console.log(calls);
`;

// The probe, bundled once with settleCliTiering as the CLI's bundle has it; each count runs it in a fresh node.
beforeAll(() => {
  buildSync({
    stdin: { contents: PROBE, resolveDir: __dirname, loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: probe,
    logLevel: 'silent',
  });
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
});

function callsUntilTierUp(settle: boolean): number {
  const out = execFileSync(process.execPath, ['--allow-natives-syntax', probe, ...(settle ? ['settle'] : [])], {
    encoding: 'utf8',
  });
  return Number(out.trim());
}

describe('settleCliTiering', () => {
  it('applies only to V8 11 (Node 20): later V8s have no --interrupt-budget', () => {
    expect(tiersByInterruptBudget('11.3.244.8-node.38')).toBe(true);
    expect(tiersByInterruptBudget('12.4.254.21-node.33')).toBe(false);
    expect(tiersByInterruptBudget('13.6.233.10-node.28')).toBe(false);
  });

  // Skipped, and said so, on a Node whose V8 has no such budget: the setting then does nothing there.
  it.skipIf(!tiersByInterruptBudget())(
    'lets a per-file function run twice as long before V8 marks it for TurboFan',
    () => {
      const usual = callsUntilTierUp(false);
      const settled = callsUntilTierUp(true);
      // Marked at all (not the loop's cap), and no sooner than about twice as late.
      expect(usual).toBeGreaterThan(10);
      expect(usual).toBeLessThan(1_000_000);
      expect(settled).toBeGreaterThanOrEqual(1.8 * usual);
    },
  );
});
