// The Electron entry: app lifecycle, the window, and the Electron adapters handed to the plain-Node services.
import { BrowserWindow, app, protocol } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, settleHeapGrowth } from '../engine';
import { resolveLanguage, translator } from '../shared/i18n';
import { APP_PAGE_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './desktop/app-protocol';
import { devServerDecision } from './desktop/dev-server';
import {
  confirmQuit,
  confirmWeakStorage,
  notify,
  openInBrowser,
  pickFiles,
  resolveSystemProxy,
} from './desktop/electron-desktop';
import { createProgressFeedback } from './desktop/progress-feedback';
import { createQuitGuard } from './desktop/quit-guard';
import { createSystemProxy } from './desktop/system-proxy';
import { registerHandlers } from './ipc/register';
import { createSenderCheck } from './ipc/sender-check';
import { appEngineOptions, createMainServices, mainPaths, type MainServices } from './services';
import { createSafeStorageBox } from './settings/safe-storage-box';
import { demoEnvironment, seedDemoProfile } from './demo-mode';
import { createMainWindow, lockDownWebContents } from './window';

// The engine's uploads run in this process: its heap grows as the CLI's does (see src/engine/heap-settings.ts).
settleHeapGrowth();
const here = dirname(fileURLToPath(import.meta.url));
const preloadPath = join(here, '../preload/index.cjs');
const rendererDir = join(here, '../renderer');
const iconPath = join(here, '../../resources/icon.png');
const devServer = devServerDecision(app.isPackaged, process.env);
if (devServer.ignored) console.warn(devServer.ignored);
const devServerUrl = devServer.url;
// Before "ready", as Electron requires: the scheme the built renderer is served from (see desktop/app-protocol.ts).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
/** Longest wait for pause, or cancel-and-clean-up, when quitting with uploads running. */
const QUIT_CLEANUP_LIMIT_MS = 30_000;

const demo = demoEnvironment();
// `npm run demo` runs on a throwaway userData folder, so its profile never touches the user's own settings.
if (demo) app.setPath('userData', demo.userDataDir);

async function start(): Promise<void> {
  await app.whenReady();
  if (process.platform === 'win32') app.setAppUserModelId('dev.hoist.app');
  lockDownWebContents();
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir: rendererDir }));

  const paths = mainPaths(app.getPath('userData'));
  // The journal under userData/state is what lets an upload survive a crash, a kill or "Pause and quit".
  let services: MainServices | null = null;
  const engine = createEngine({
    ...appEngineOptions(app.getPath('userData')),
    // A bucket found in another region: its profiles learn it (the services exist by the time a request answers).
    onRegionCorrected: (notice) => services?.regionCorrected(notice),
  });
  let win: BrowserWindow | null = null;
  const t = () => translator(resolveLanguage(services?.settings.language() ?? 'system', app.getLocale()));
  // Profiles without a proxy URL of their own use the system's (looked up ahead: see desktop/system-proxy.ts).
  const systemProxy = createSystemProxy(resolveSystemProxy);

  services = await createMainServices({
    engine,
    existingKeys: (target, keys) => engine.existingKeys(target, keys),
    settingsFile: paths.settingsFile,
    secretBox: createSafeStorageBox(),
    send: (channel, payload) => {
      if (win && !win.isDestroyed()) win.webContents.send(channel, payload);
    },
    isTrustedSender: createSenderCheck({ devServerUrl, rendererUrl: APP_PAGE_URL }),
    pickFiles: () => pickFiles(win, t()),
    confirmWeakStorage: () => confirmWeakStorage(win, t()),
    // The app's own data (settings, encrypted secrets) and the AWS CLI's credentials are never uploaded.
    forbiddenRoots: [app.getPath('userData'), join(app.getPath('home'), '.aws')],
    systemProxy: systemProxy.lookup,
    openInBrowser,
    onBatch: createProgressFeedback({
      setProgress: (value) => win?.setProgressBar(value),
      notify,
      isFocused: () => win?.isFocused() ?? false,
      t,
    }),
  });
  const unregister = registerHandlers(services.handlers);
  void systemProxy.refresh(services.settings.view().profiles);
  const stopProxyRefresh = services.settings.onChange((view) => void systemProxy.refresh(view.profiles));
  if (demo) await seedDemoProfile(services.settings, demo);

  const openWindow = () => {
    win = createMainWindow({ preloadPath, devServerUrl, rendererUrl: APP_PAGE_URL, iconPath, title: 'Hoist' });
    win.on('closed', () => {
      win = null;
    });
  };
  openWindow();

  const running = services;
  app.on(
    'before-quit',
    createQuitGuard({
      pending: () => {
        const totals = engine.totals();
        return totals.active + totals.queued;
      },
      confirm: (pending) => confirmQuit(win, t(), pending),
      shutdown: async (mode) => {
        const stopping = running.stopUploads(mode);
        await Promise.race([stopping, new Promise((resolve) => setTimeout(resolve, QUIT_CLEANUP_LIMIT_MS))]);
        running.dispose();
        stopProxyRefresh();
        unregister();
      },
      quit: () => app.quit(),
    }),
  );
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start().catch((error: unknown) => {
    console.error('Hoist could not start:', error);
    app.exit(1);
  });
}
