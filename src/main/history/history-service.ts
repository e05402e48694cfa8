// The app's side of the upload history and share links: what the History pane lists and what "Copy link" copies.
// The engine keeps the history (in its stateDir, join(userDataDir, 'state')) and signs the links; this names each
// entry's profile as it is called now, and signs with the profile's own endpoint and credentials for the time the
// profile's "share links work for" setting says. The entry records the server the upload went to: once the profile
// names another one (scheme, host or port), a link signed there would not open this file (or would open another
// object with the same key), and the profile's keys are not for the first server, so the link is refused in words.
import { describeEndpoint, type HistoryEntry, type UploadEngineApi } from '../../engine';
import type { CommandPayload, HistoryEntryView, ShareLink } from '../../shared/ipc';
import type { COMMAND } from '../../shared/ipc-channels';
import { sameEndpointServer } from '../../shared/endpoint-identity';
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

/** What the History pane lists at most at once; the search narrows it. */
const DEFAULT_LIMIT = 500;

export function createHistoryService({ engine, settings }: HistoryServiceDeps): HistoryService {
  const profileName = (id: string) => settings.profile(id)?.name;

  const view = (e: HistoryEntry): HistoryEntryView => ({
    id: e.id,
    bucket: e.bucket,
    key: e.key,
    size: e.size,
    etag: e.etag,
    finishedAt: e.finishedAt,
    profileId: e.profileId ?? null,
    profileName: (e.profileId && profileName(e.profileId)) || null,
  });

  /** The object a link is asked for, and the profile it went through. */
  const objectOf = async (
    source: CommandPayload<typeof COMMAND.shareLink>['source'],
  ): Promise<{ bucket: string; key: string; profileId: string | undefined; entry: HistoryEntry | undefined }> => {
    // The engine records a finished upload under its queue item's id, so both kinds find their entry by id.
    const entry = await engine.historyEntry(source.id);
    if (source.kind === 'history') {
      if (!entry) throw new IpcError('not-found', 'that upload is no longer in the history');
      return { bucket: entry.bucket, key: entry.key, profileId: entry.profileId, entry };
    }
    const item = engine.get(source.id);
    if (!item) throw new IpcError('not-found', 'that upload is no longer in the queue');
    if (item.state.kind !== 'done')
      throw new IpcError('not-allowed', `"${item.name}" has not finished uploading: a link is for a finished upload`);
    return { bucket: item.bucket, key: item.key, profileId: entry?.profileId, entry };
  };

  return {
    async list(query, limit = DEFAULT_LIMIT) {
      const entries = await engine.history({ words: query, limit, profileName });
      return entries.map(view);
    },

    async shareLink(source) {
      if (!engine.shareLink) throw new IpcError('not-allowed', 'share links are not available here');
      const { bucket, key, profileId, entry } = await objectOf(source);
      const profile = profileId ? settings.profile(profileId) : undefined;
      if (!profileId || !profile)
        throw new IpcError(
          'not-allowed',
          `the profile that uploaded "${key}" is gone, so no link can be signed for it`,
        );
      const endpoint = settings.endpointOf(profileId);
      // The same rule as a resume of an interrupted upload (recovery.ts): the profile's endpoint and keys serve only
      // an upload made on the server the profile names now. Without an entry (the history could not be written) the
      // server is not known, and the profile's is the best guess.
      if (entry && !sameEndpointServer(entry.endpointUrl ?? '', endpoint.endpointUrl ?? '')) {
        const then = describeEndpoint(entry.endpointUrl, entry.region);
        const now = describeEndpoint(endpoint.endpointUrl, endpoint.region);
        throw new IpcError(
          'not-allowed',
          `"${key}" was uploaded to ${then}, but its profile "${profile.name}" now names ${now}, where a link would ` +
            `not open this upload, and its keys are not sent to ${then}. To share it, point the profile back at ` +
            `${then} and copy the link again, or run "hoist share s3://${bucket}/${key}" with that server's keys.`,
        );
      }
      const link = await engine.shareLink(endpoint, bucket, key, profile.shareLinkHours * 3600);
      return { url: link.url, expiresAt: link.expiresAt };
    },
  };
}
