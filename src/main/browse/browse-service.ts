// The app's side of the destination browser: a profile's buckets and the folders and objects in one. The page names
// only a profile id; the endpoint and keys are the profile's own, read here, and never go back to the page.
import { BucketBrowser, describeEndpoint, type UploadEngineApi } from '../../engine';
import { resolveLanguage, translator, type Translate } from '../../shared/i18n';
import type { BucketListing, FolderListing } from '../../shared/ipc';
import { messageIn } from '../../shared/message-text';
import type { MessageText } from '../../shared/upload-state';
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
  settings: Pick<SettingsStore, 'endpointOf' | 'language'>;
  /** The OS locale, for a 'system' language (Electron's app.getLocale()); default: this process's Intl locale. */
  systemLocale?: string;
  /** Its clients; tests give one with short timeouts. */
  browser?: BucketBrowser;
}

export function createBrowseService(deps: BrowseServiceDeps): BrowseService {
  const { settings } = deps;
  const browser = deps.browser ?? new BucketBrowser();
  const locale = deps.systemLocale ?? Intl.DateTimeFormat().resolvedOptions().locale;
  const language = (): Translate => translator(resolveLanguage(settings.language(), locale));

  /**
   * A thrown error reaches the page as its message only, so the message is put in the window's language here; the
   * server's failure becomes 'server-error' (the page shows it in the dialog), anything else passes as it is.
   */
  const failure = (error: unknown): Error => {
    if (error instanceof IpcError) return error;
    const e = error as { message?: string; text?: MessageText };
    return new IpcError('server-error', messageIn({ message: e.message ?? String(error), text: e.text }, language()));
  };

  return {
    async buckets(profileId) {
      const endpoint = settings.endpointOf(profileId);
      try {
        const listing = await browser.buckets(endpoint);
        if (listing.kind === 'listed') return listing;
        // The engine's English words, in the window's language: the page may show them as a hint, never as an error.
        const where = describeEndpoint(endpoint.endpointUrl, endpoint.region);
        return { kind: 'refused', message: language()('browse.refused', { endpoint: where }) };
      } catch (error) {
        throw failure(error);
      }
    },
    async list({ profileId, bucket, prefix }, continuationToken) {
      const endpoint = settings.endpointOf(profileId);
      try {
        return await browser.folder(endpoint, { bucket, prefix, continuationToken });
      } catch (error) {
        throw failure(error);
      }
    },
  };
}
