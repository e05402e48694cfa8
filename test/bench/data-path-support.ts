// Whether the hoist CLI of this checkout takes --data-path (issue 18), found by asking it: a CLI without the flag
// refuses it as an unknown option before doing anything else, so the bench runs the one path it has instead of failing.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../harness/python';
import type { DataPathSupport } from './tools';

export function detectDataPaths(): DataPathSupport {
  // A source that does not exist and a port nothing listens on: a CLI with the flag stops at the missing file.
  const r = spawnSync(
    process.execPath,
    [
      join(repoRoot, 'bin', 'hoist.cjs'),
      'cp',
      join(repoRoot, '.cache', 'no-such-file-for-the-data-path-probe'),
      's3://probe-bucket/',
      '--endpoint-url',
      'http://127.0.0.1:9',
      '--data-path',
      'lean',
    ],
    { encoding: 'utf8', timeout: 30_000, env: { ...process.env, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x' } },
  );
  const said = `${r.stdout}\n${r.stderr}`;
  if (/unknown option[^\n]*data-path|data-path[^\n]*(unknown|must be)/i.test(said))
    return { kind: 'sdk-only', why: `this CLI refuses --data-path (${said.trim().split('\n')[0]})` };
  return { kind: 'both' };
}
