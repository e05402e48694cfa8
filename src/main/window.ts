// The main window, locked down: isolated, sandboxed preload, no Node in the page, web security on, no navigation,
// no new windows, no webviews, no permission grants. Every setting is explicit even where it is Electron's default,
// so that a template or a later edit cannot quietly weaken it.
import { BrowserWindow, app, nativeTheme, session } from 'electron';

export interface MainWindowOptions {
  preloadPath: string;
  /** The dev server's URL when it is trusted (desktop/dev-server.ts), or undefined to load the built page. */
  devServerUrl?: string;
  /** The built page, app://hoist/index.html (desktop/app-protocol.ts serves it from out/renderer). */
  rendererUrl: string;
  iconPath?: string;
  title: string;
}

/** Applies to every webContents the app creates (defence in depth: there should be only ours). */
export function lockDownWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1040,
    height: 720,
    minWidth: 640,
    minHeight: 420,
    show: false,
    title: options.title,
    icon: options.iconPath,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1e1e1e' : '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // A middle click on a link would otherwise try to open it in a new window.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void win.loadURL(options.devServerUrl ?? options.rendererUrl);
  return win;
}
