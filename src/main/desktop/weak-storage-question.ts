// Main's own question before secrets are written to disk with weak protection (Linux without a keyring). It is a
// native dialog so that only the user, not the page, can say yes; electron-desktop.ts shows it. Safe answer first:
// Enter, Escape and closing the dialog all keep secrets in memory.
import type { Translate } from '../../shared/i18n';

export interface WeakStorageQuestion {
  options: Electron.MessageBoxOptions;
  /** The button index that means "store on disk anyway". */
  allow: number;
}

export function weakStorageQuestion(t: Translate): WeakStorageQuestion {
  return {
    options: {
      type: 'warning',
      title: t('storage.weakTitle'),
      message: t('storage.weakTitle'),
      detail: t('storage.weakDetail'),
      buttons: [t('storage.weakKeep'), t('storage.weakAllow')],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    },
    allow: 1,
  };
}
