// Debian's Chromium, driven by playwright-core. Never a downloaded browser: the executable is HOIST_CHROMIUM (set by
// scripts/run-e2e.mjs) or the first of chromium / chromium-browser / google-chrome on PATH.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export function findChromium(): string | null {
  const fromEnv = process.env.HOIST_CHROMIUM;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']) {
    try {
      const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not this one
    }
  }
  return null;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error(
      "Chromium is not installed. The end-to-end tests drive Debian's Chromium and never download a browser: " +
        'install it with `sudo apt-get install -y chromium` (and `fonts-ipafont-gothic` for the Japanese screenshot), ' +
        'or point HOIST_CHROMIUM at a Chromium/Chrome executable.',
    );
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}
