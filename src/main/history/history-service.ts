// The app's side of the upload history and share links: what the History pane lists and what "Copy link" copies.
import type { UploadEngineApi } from '../../engine';
import type { HistoryEntryView, ShareLink } from '../../shared/ipc';
import type { CommandPayload } from '../../shared/ipc';
import type { COMMAND } from '../../shared/ipc-channels';
import type { SettingsStore } from '../settings/settings-store';
import { IpcError } from '../ipc/errors';

export interface HistoryService {
  list(query: string, limit?: number): Promise<HistoryEntryView[]>;
  shareLink(source: CommandPayload<typeof COMMAND.shareLink>['source']): Promise<ShareLink>;
}

export interface HistoryServiceDeps {
  engine: UploadEngineApi;
  settings: SettingsStore;
  /** The app's userData folder. */
  userDataDir: string;
}

export function createHistoryService(_deps: HistoryServiceDeps): HistoryService {
  return {
    async list() {
      return [];
    },
    async shareLink() {
      throw new IpcError('not-allowed', 'share links are not available yet');
    },
  };
}
