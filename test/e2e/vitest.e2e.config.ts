// The end-to-end tests (scripts/run-e2e.mjs runs them): the built renderer in Debian's Chromium, on the bridge that
// runs main's real services and engine, against the harness's moto server. One file at a time: the scenarios
// throttle uploads and time first paints, so they should not compete for the CPU.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/harness/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
