// Thin Electron adapters for the desktop pieces: the file dialog, notifications, the quit question, the
// weak-storage question, the system's proxy and the browser.
import { BrowserWindow, Notification, dialog, session, shell } from 'electron';
import type { Translate } from '../../shared/i18n';
import type { QuitChoice } from './quit-guard';
import { weakStorageQuestion } from './weak-storage-question';

export async function pickFiles(win: BrowserWindow | null, t: Translate): Promise<string[]> {
  const options: Electron.OpenDialogOptions = {
    title: t('dialog.pick'),
    // macOS lets one dialog pick files and folders; elsewhere folders come by drag and drop.
    properties:
      process.platform === 'darwin'
        ? ['openFile', 'openDirectory', 'multiSelections']
        : ['openFile', 'multiSelections'],
  };
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

export function notify(title: string, body: string): void {
  if (!Notification.isSupported()) return;
  new Notification({ title, body, silent: false }).show();
}

/** The quit question. Pausing is the default: it loses nothing, and the next start offers to resume. */
export async function confirmQuit(win: BrowserWindow | null, t: Translate, pending: number): Promise<QuitChoice> {
  const choices: QuitChoice[] = ['pause', 'cancel', 'keep'];
  const options: Electron.MessageBoxOptions = {
    type: 'warning',
    title: t('quit.title'),
    message: t('quit.title'),
    detail: t('quit.choices', { n: pending }),
    buttons: [t('quit.pause'), t('quit.confirm'), t('quit.keep')],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
  };
  const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  return choices[response] ?? 'keep';
}

/** True only when the user chose "store on disk anyway" in main's own dialog (see weak-storage-question.ts). */
export async function confirmWeakStorage(win: BrowserWindow | null, t: Translate): Promise<boolean> {
  const { options, allow } = weakStorageQuestion(t);
  const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  return response === allow;
}

/** The system's proxy settings (or PAC script) for a URL, as a PAC answer such as "PROXY host:port; DIRECT". */
export function resolveSystemProxy(url: string): Promise<string> {
  return session.defaultSession.resolveProxy(url);
}

/**
 * Opens a page in the user's browser. Only https: the caller (settings/sso-sign-in.ts) already refuses anything else,
 * and this second check keeps a file:, javascript: or custom-scheme address from ever reaching the system's opener.
 */
export async function openInBrowser(url: string): Promise<void> {
  if (new URL(url).protocol !== 'https:') throw new Error('only https pages are opened in the browser');
  await shell.openExternal(url);
}
