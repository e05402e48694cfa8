// Is Electron's own binary installed? Answered without downloading it (require('electron') would try, and on a
// machine without the network that ends in "Electron uninstall" and a stack trace). Used by `npm run dev` and the
// demo, so that both name the cause and the remedy instead.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Electron's installer (node_modules/electron/install.js) needs this Node or later (its package.json engines). */
export const ELECTRON_NODE = [22, 12];

export function electronBinary(root, nodeVersion = process.versions.node) {
  const dir = join(root, 'node_modules', 'electron');
  if (!existsSync(join(dir, 'package.json'))) {
    return { ok: false, reason: 'the electron package is not installed', remedy: 'Run `npm install` first.' };
  }
  const pathFile = join(dir, 'path.txt');
  const binary = existsSync(pathFile) ? join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
  if (binary && existsSync(binary)) return { ok: true, path: binary };
  const [major, minor] = nodeVersion.split('.').map(Number);
  const oldNode = major < ELECTRON_NODE[0] || (major === ELECTRON_NODE[0] && minor < ELECTRON_NODE[1]);
  const reason = oldNode
    ? `Electron's binary is not installed, and its installer needs Node ${ELECTRON_NODE.join('.')} or later (this is Node ${nodeVersion})`
    : "Electron's binary is not installed: npm install could not download it (no network then, or ELECTRON_SKIP_BINARY_DOWNLOAD was set)";
  const remedy = [
    oldNode ? `Use Node ${ELECTRON_NODE.join('.')} or later, then` : 'With a network,',
    'run `npx install-electron --no` (or `node node_modules/electron/install.js`);',
    'behind a proxy or without access to GitHub, set ELECTRON_MIRROR to a mirror first.',
    'The CLI and `npm test` work without it.',
  ].join(' ');
  return { ok: false, reason, remedy };
}
