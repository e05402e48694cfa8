// Can a real Hoist window open here? It needs the Electron binary (which `npm install` fetches on first use on a
// machine with internet) and a display.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface WindowCheck {
  ok: boolean;
  electronPath?: string;
  reason?: string;
}

export function canOpenWindow(env: NodeJS.ProcessEnv = process.env): WindowCheck {
  if (process.platform === 'linux' && !env['DISPLAY'] && !env['WAYLAND_DISPLAY']) {
    return { ok: false, reason: 'no display (DISPLAY is not set)' };
  }
  // require('electron') returns the binary's path, downloading it first if it is missing.
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { encoding: 'utf8', timeout: 300_000 });
  const electronPath = probe.stdout?.trim();
  if (probe.status !== 0 || !electronPath || !existsSync(electronPath)) {
    return { ok: false, reason: 'no Electron binary (it could not be downloaded here)' };
  }
  return { ok: true, electronPath };
}
