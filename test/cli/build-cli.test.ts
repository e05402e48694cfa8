// The CLI's build leaves a file alone when its bytes are unchanged (scripts/build-cli.mjs): the CLI test files each
// build it, side by side, while another file's hoist may be reading the bundle, and a file written again in place is
// empty or half-written for a moment.
import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCli, repoRoot } from './run-hoist';

const outDir = join(repoRoot, 'out', 'cli');

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
