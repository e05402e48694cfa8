// The app's side of the destination browser: a profile's buckets and the folders and objects in one.
import type { UploadEngineApi } from '../../engine';
import type { BucketListing, FolderListing } from '../../shared/ipc';
import type { SettingsStore } from '../settings/settings-store';
import { IpcError } from '../ipc/errors';

export interface BrowseService {
  buckets(profileId: string): Promise<BucketListing>;
  list(
    where: { profileId: string; bucket: string; prefix: string },
    continuationToken?: string,
  ): Promise<FolderListing>;
}

export interface BrowseServiceDeps {
  engine: UploadEngineApi;
  settings: SettingsStore;
}

export function createBrowseService(_deps: BrowseServiceDeps): BrowseService {
  return {
    async buckets() {
      return { kind: 'refused', message: 'browsing is not available yet' };
    },
    async list() {
      throw new IpcError('not-allowed', 'browsing is not available yet');
    },
  };
}
