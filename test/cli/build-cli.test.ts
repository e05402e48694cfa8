// The CLI's build leaves a file alone when its bytes are unchanged (scripts/build-cli.mjs): the CLI test files each
// build it, side by side, while another file's hoist may be reading the bundle, and a file written again in place is
// empty or half-written for a moment.
import { readFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCli, repoRoot } from './run-hoist';

const outDir = join(repoRoot, 'out', 'cli');

/** The files of the bundle just built: hoist.mjs and the chunks it loads (older builds' chunks linger a minute). */
function bundleFiles(): string[] {
  const files = new Set(['hoist.mjs']);
  for (const f of files) {
    const text = readFileSync(join(outDir, f), 'utf8');
    for (const m of text.matchAll(/["']\.\/((?:chunks\/)?[\w-]+\.mjs)["']/g))
      files.add(f.startsWith('chunks/') ? join('chunks', m[1]!) : m[1]!);
  }
  return [...files];
}

/** Each bundle file's inode and modification time. */
function stamps(): Map<string, string> {
  const files = ['hoist.mjs', ...readdirSync(join(outDir, 'chunks')).map((n) => join('chunks', n))];
  return new Map(
    files.map((f) => {
      const s = statSync(join(outDir, f), { bigint: true });
      return [f, `${s.ino}:${s.mtimeNs}`];
    }),
  );
}

describe('building the CLI again', () => {
  it('writes none of the files whose bytes did not change', () => {
    buildCli();
    const before = stamps();
    buildCli();
    const after = stamps();
    expect(after.get('hoist.mjs')).toBe(before.get('hoist.mjs'));
    for (const [file, stamp] of before) expect(after.get(file), file).toBe(stamp);
    expect([...after.keys()].filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('the bundle', () => {
  // V8 keeps a module's source for as long as the process runs (it compiles each function at its first call), as one
  // byte a character only when every character fits in one. esbuild escapes what strings hold, but keeps some comments
  // as written: five comments with an arrow, an ellipsis or Japanese made all of hoist.mjs two bytes a character,
  // 0.6 MB more in every run (peak RSS of `hoist --version` 56.8 -> 56.2 MB, 5 runs each).
  it('is ASCII throughout, so that V8 holds its source one byte a character', () => {
    buildCli();
    const found: string[] = [];
    for (const f of bundleFiles()) {
      readFileSync(join(outDir, f), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/[^\x00-\x7f]/.test(line)) found.push(`${f}:${i + 1}: ${line.trim().slice(0, 100)}`);
        });
    }
    expect(found, 'write these comments in ASCII').toEqual([]);
  });
});
