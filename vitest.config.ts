import { defineConfig } from 'vitest/config';

// Two projects: everything that runs under plain Node (engine, CLI, main-process logic, integration tests against
// the moto server the global setup starts), and the renderer's components under jsdom.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/{shared,engine,cli,main,preload}/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'node_modules/**'],
          globalSetup: ['test/harness/global-setup.ts'],
          // The SDK version is pinned in the lock file; its "future versions need Node 22" notice is noise here.
          env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['src/renderer/**/*.test.{ts,tsx}'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
