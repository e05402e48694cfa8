// The real Electron app, through Playwright's _electron: launch out/main/index.js, check the window title, add a file
// through the preload API (window.hoist.pickAndAdd, with main's file dialog stubbed to answer the fixture), and cancel
// it mid-upload; the server must be left with nothing.
//
// It needs the Electron binary (npm installs it unless ELECTRON_SKIP_BINARY_DOWNLOAD is set, as in CI) and a display
// (DISPLAY / WAYLAND_DISPLAY; scripts/run-e2e.mjs wraps the run in xvfb-run when that is available). Without either
// it is skipped, and says why, both in the test's name and on the console. It never calls require('electron'),
// which would try to download the binary.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { resolveLanguage } from '../../src/shared/i18n';
import type { AddSummary, QueueSnapshot } from '../../src/shared/ipc';
import type { ProfileInput, TargetChoice } from '../../src/shared/settings-schema';
import { startFaultProxy, type FaultProxy } from '../harness/fault-proxy';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { createBucket, listMultipartUploads, uniqueBucket } from '../harness/s3-check';
import { REPO_ROOT } from './bridge/server';
import { profileFor, waitUntil } from './support/app';
import { serverState } from './support/s3';
import { ROW_STATE } from './support/selectors';
import { stateWords } from './support/state-words';

const MiB = 1024 * 1024;
const MAIN_JS = join(REPO_ROOT, 'out', 'main', 'index.js');

/** The Electron executable, as node_modules/electron/index.js would find it, without its download fallback. */
export function electronBinary(): { path: string } | { reason: string } {
  const dir = join(REPO_ROOT, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      reason:
        'the Electron binary is not installed (node_modules/electron/path.txt is missing: npm ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or the download failed)',
    };
  }
  const relative = readFileSync(pathFile, 'utf8').trim();
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(dir, 'dist');
  const path = join(base, relative);
  if (!existsSync(path)) return { reason: `the Electron binary is not installed (${path} is missing)` };
  return { path };
}

function skipReason(): string | null {
  const binary = electronBinary();
  if ('reason' in binary) return binary.reason;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display (DISPLAY and WAYLAND_DISPLAY are unset; install xvfb so that scripts/run-e2e.mjs can run it under xvfb-run)';
  }
  if (!existsSync(MAIN_JS)) return `${MAIN_JS} is missing (run npx electron-vite build)`;
  return null;
}

function electronEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  delete env.ELECTRON_RUN_AS_NODE; // would start Electron as plain Node
  delete env.ELECTRON_RENDERER_URL; // would load a dev server instead of the built renderer
  return env;
}

const reason = skipReason();
if (reason) console.log(`[e2e] Electron smoke test SKIPPED: ${reason}`);

/** The part of window.hoist (src/preload/api-types.ts HoistApi) used here. */
type HoistWindow = {
  hoist: {
    saveProfile(profile: ProfileInput): Promise<{ id: string }>;
    pickAndAdd(target: TargetChoice): Promise<AddSummary>;
    snapshot(): Promise<QueueSnapshot>;
    cancel(id: string): Promise<void>;
    deleteProfile(id: string): Promise<unknown>;
  };
};

describe('real Electron (smoke)', () => {
  let app: ElectronApplication | undefined;
  let proxy: FaultProxy | undefined;

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await proxy?.close();
    await cleanupTempDirs();
  });

  it.skipIf(reason !== null)(
    `launches the app, checks the title, adds a file through the preload API and cancels it${reason ? ` — SKIPPED: ${reason}` : ''}`,
    async () => {
      const binary = electronBinary() as { path: string };
      const s3 = inject('s3Endpoint');
      const bucket = uniqueBucket('electron');
      await createBucket(s3, bucket);
      proxy = await startFaultProxy(s3);
      proxy.throttle(4 * MiB);
      const userData = await makeTempDir('hoist-e2e-electron-');
      const file = await makeFile(userData, 'fixtures/electron-smoke.bin', 48 * MiB, 71);

      app = await _electron.launch({
        executablePath: binary.path,
        args: [
          MAIN_JS,
          `--user-data-dir=${join(userData, 'profile')}`,
          ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        ],
        // userData lands in XDG_CONFIG_HOME on Linux: keep the developer's real settings out of it.
        env: {
          ...electronEnv(),
          XDG_CONFIG_HOME: join(userData, 'config'),
          ELECTRON_DISABLE_SECURITY_WARNINGS: 'true',
        },
        timeout: 60_000,
      });
      const win = await app.firstWindow();
      await win.waitForLoadState('domcontentloaded');
      await expect.poll(() => win.title()).toBe('Hoist');

      // Main's "Add files…" dialog answers with the fixture (the only stub: everything else is the real app).
      await app.evaluate(({ dialog }, path) => {
        dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [path] })) as typeof dialog.showOpenDialog;
      }, file);

      const profile = profileFor(proxy.endpoint, bucket, { name: 'Electron smoke' });
      const target = await win.evaluate(async (input) => {
        const api = (globalThis as unknown as HoistWindow).hoist;
        const { id } = await api.saveProfile(input);
        return { profileId: id, bucket: input.bucket, prefix: '' };
      }, profile);
      try {
        const summary = await win.evaluate(
          (choice) => (globalThis as unknown as HoistWindow).hoist.pickAndAdd(choice),
          target,
        );
        expect(summary).toMatchObject({ added: 1, rejected: [] });

        const snapshot = () =>
          win.evaluate(() => (globalThis as unknown as HoistWindow).hoist.snapshot()) as Promise<QueueSnapshot>;
        const item = await waitUntil(
          async () => (await snapshot()).items.find((i) => i.state.kind === 'uploading' && i.loaded > 0),
          {
            what: 'the file uploading',
          },
        );
        await waitUntil(async () => (await listMultipartUploads(s3, bucket)).length > 0, {
          what: 'a multipart upload on the server',
        });

        await win.evaluate((id) => (globalThis as unknown as HoistWindow).hoist.cancel(id), item.id);
        await waitUntil(
          async () => (await snapshot()).items.find((i) => i.id === item.id)?.state.kind === 'cancelled',
          { what: 'cancelled' },
        );
        expect((await snapshot()).items.find((i) => i.id === item.id)?.state).toEqual({
          kind: 'cancelled',
          cleanup: 'verified',
        });
        expect(await serverState(s3, bucket)).toEqual({ objects: [], uploads: [] });
        // The row says so too, in the window's language.
        const locale = await win.evaluate(
          () => (globalThis as unknown as { navigator: { language: string } }).navigator.language,
        );
        await expect
          .poll(() => win.getByRole('listitem', { name: 'electron-smoke.bin' }).locator(ROW_STATE).textContent())
          .toMatch(stateWords(resolveLanguage('system', locale), 'cancelledVerified'));
      } finally {
        // XDG_CONFIG_HOME isolates userData on Linux; elsewhere --user-data-dir should, and the profile goes anyway.
        await win
          .evaluate((id) => (globalThis as unknown as HoistWindow).hoist.deleteProfile(id), target.profileId)
          .catch(() => undefined);
      }
    },
  );
});
