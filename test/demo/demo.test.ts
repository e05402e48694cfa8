// `npm run demo` on a machine without a display: it must run headless, show an upload and a verified cancel, and
// leave no server running.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from '../harness/python';

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('npm run demo, headless', () => {
  it('uploads one file, cancels another with verified cleanup, and stops its server', async () => {
    const env = { ...process.env };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'run-ts.mjs'), 'scripts/demo/index.ts'], {
      cwd: repoRoot,
      env,
      encoding: 'utf8',
      timeout: 180_000,
    });
    const out = r.stdout + r.stderr;
    expect(r.status, out).toBe(0);
    expect(out).toMatch(/window cannot open here \(no display/);
    expect(out).toMatch(/done: report\.bin/);
    expect(out).toMatch(/cancelled: video\.bin, server cleanup verified/);
    expect(out).toMatch(/object report\.bin \(12\.0 MiB\)/);
    expect(out).toMatch(/incomplete multipart uploads: none/);
    expect(out).not.toMatch(/object video\.bin/);
    expect(out).not.toMatch(/NodeVersionSupportWarning/);
    const port = Number(/Local S3 server at http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1]);
    expect(port).toBeGreaterThan(0);
    expect(await portOpen(port)).toBe(false);
  }, 200_000);
});
