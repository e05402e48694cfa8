// Builds the three parts of the app into out/: main (ESM, Node), preload (ONE CommonJS file: a sandboxed preload can
// require only "electron" and a few built-ins, so everything it imports is bundled in), and the renderer.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { MAIN_BUNDLED_DEPS } from './scripts/main-bundled-deps.mjs';

/**
 * The CSP in index.html is strict. The dev server needs an inline script (React refresh), inline styles (Vite's
 * CSS injection) and a WebSocket for hot reload, so `npm run dev` relaxes it; the built file keeps it as written.
 */
function devCsp(): Plugin {
  return {
    name: 'hoist-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:*");
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Loaded at every start: bundled, only the parts main uses (scripts/main-bundled-deps.mjs says why).
      externalizeDeps: { exclude: MAIN_BUNDLED_DEPS },
      rollupOptions: { input: { index: resolve('src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    base: './',
    plugins: [react(), devCsp()],
    build: {
      outDir: resolve('out/renderer'),
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
