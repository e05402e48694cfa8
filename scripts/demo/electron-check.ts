// Can a real Hoist window open here? It needs the Electron binary (which `npm install` fetches on first use on a
// machine with internet) and a display.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { electronBinary } from '../electron-binary.mjs';

export interface WindowCheck {
  ok: boolean;
  electronPath?: string;
  reason?: string;
}

export function canOpenWindow(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): WindowCheck {
  if (process.platform === 'linux' && !env['DISPLAY'] && !env['WAYLAND_DISPLAY']) {
    return { ok: false, reason: 'no display (DISPLAY is not set)' };
  }
  // require('electron') returns the binary's path, downloading it first if it is missing.
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  const electronPath = probe.stdout?.trim();
  if (probe.status !== 0 || !electronPath || !existsSync(electronPath)) {
    // The download failed: say why, and what to do (the same words as `npm run dev`).
    const binary = electronBinary(root);
    return {
      ok: false,
      reason: binary.ok ? 'the Electron binary did not start' : `${binary.reason}. ${binary.remedy}`,
    };
  }
  return { ok: true, electronPath };
}
