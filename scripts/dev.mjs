#!/usr/bin/env node
// `npm run dev`: the app with hot reload (electron-vite dev), once Electron's binary is known to be there. Without
// it, one paragraph says why and what to do, rather than electron-vite's "Electron uninstall" stack trace.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = electronBinary(root);
if (!check.ok) {
  console.error(`npm run dev: Hoist's window cannot open: ${check.reason}.\n  ${check.remedy}`);
  process.exit(1);
}
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const dev = spawn(npx, ['electron-vite', 'dev', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
dev.on('close', (code) => process.exit(code ?? 1));
