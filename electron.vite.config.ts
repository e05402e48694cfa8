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

/**
 * ASCII output: V8 holds a script with any other character two bytes a character, so the Japanese messages (and a
 * '…' in a doc comment) doubled the memory of the whole bundle's source for the process's lifetime. Strings are
 * escaped, and doc comments are left out as the other comments already are (they are in the sources).
 */
const ASCII_OUTPUT = { charset: 'ascii', comments: { jsdoc: false, legal: true, annotation: true } } as const;

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Loaded at every start: bundled, only the parts main uses (scripts/main-bundled-deps.mjs says why).
      externalizeDeps: { exclude: MAIN_BUNDLED_DEPS },
      // ASCII (ASCII_OUTPUT): the source of its 0.6 MB, held for the app's lifetime, measured 1.20 -> 0.56 MB.
      rollupOptions: {
        input: { index: resolve('src/main/index.ts') },
        output: ASCII_OUTPUT,
      },
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
      // ASCII, as main's: the window's V8 holds the 1.2 MB script one byte a character instead of two.
      rollupOptions: { input: { index: resolve('src/renderer/index.html') }, output: ASCII_OUTPUT },
    },
  },
});
