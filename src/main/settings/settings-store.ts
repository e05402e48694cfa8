// Main's settings: endpoint profiles, the active target, the language and the weak-storage opt-in. The only place
// that holds secrets; what leaves it for the renderer is view(), which carries only secretSet.
// Plain Node: the file path and the SecretBox are injected.
import { randomUUID } from 'node:crypto';
import { sameEndpointServer } from '../../shared/endpoint-identity';
import type { Endpoint, Target } from '../../shared/target';
import {
  profileInputSchema,
  type LanguageSetting,
  type ProfileInput,
  type SettingsView,
  type TargetChoice,
} from '../../shared/settings-schema';
import { asFolder } from '../../engine';
import { IpcError } from '../ipc/errors';
import type { NoticeCenter } from '../notices';
import type { SecretBox } from './secret-box';
import { createSecretKeeper } from './secret-keeper';
import { loadSettingsFile, saveSettingsFile, type SettingsFile, type StoredProfile } from './settings-file';

export interface SettingsStoreOptions {
  file: string;
  secretBox: SecretBox;
  notices: NoticeCenter;
  newId?: () => string;
  now?: () => Date;
}

export interface SettingsStore {
  view(): SettingsView;
  language(): LanguageSetting;
  saveProfile(input: ProfileInput): Promise<string>;
  deleteProfile(id: string): Promise<void>;
  setLanguage(language: LanguageSetting): Promise<void>;
  selectTarget(choice: TargetChoice): Promise<void>;
  setWeakStorage(allow: boolean): Promise<void>;
  profile(id: string): StoredProfile | undefined;
  /** The endpoint of a saved profile, with its credentials. */
  endpointOf(profileId: string): Endpoint;
  /** The endpoint the settings form describes, saved or not (for Test connection). */
  endpointForTest(input: ProfileInput): Endpoint;
  /** Where files added with this choice go. The prefix is a folder: '' or ending in '/'. */
  resolveTarget(choice: TargetChoice): Target;
  /**
   * A target on a saved profile with its upload settings (part size, parts in flight, speed limit). The prefix is
   * taken as given: an exact key for a retry or a resume, a folder for an add.
   */
  targetFor(profileId: string, bucket: string, prefix: string): Target;
  onChange(listener: (view: SettingsView) => void): () => void;
}

/** The target bar's prefix names a folder; "photos" means "photos/". */
const MiB = 1024 * 1024;

/** The upload settings of a profile, in the engine's units: part size in bytes, speed limit in bytes per second. */
export function uploadSettingsOf(
  p: Pick<StoredProfile, 'partSizeMiB' | 'concurrency' | 'speedLimit'>,
): Pick<Target, 'partSize' | 'partsPerFile' | 'bytesPerSecond'> {
  return {
    partSize: p.partSizeMiB * MiB,
    partsPerFile: p.concurrency,
    bytesPerSecond: p.speedLimit > 0 ? p.speedLimit * 1024 : 0,
  };
}

/**
 * The refusal when an edit points a profile with a saved secret at another server. "secret: v.secretAgain" is what
 * the settings form reads to put the message under the secret field (profile-draft.ts problemsFromError).
 */
function secretAgainError(): IpcError {
  return new IpcError(
    'invalid-profile',
    'secret: v.secretAgain (the endpoint now names another server; type the secret access key again to use it there)',
  );
}

export async function openSettingsStore(options: SettingsStoreOptions): Promise<SettingsStore> {
  const { file, secretBox, notices, newId = randomUUID, now = () => new Date() } = options;
  const outcome = await loadSettingsFile(file, now);
  let settings: SettingsFile = outcome.settings;
  if (outcome.kind === 'corrupt') notices.add('settings-corrupt', 'warning', { movedTo: outcome.movedTo });
  if (outcome.kind === 'unreadable') notices.add('settings-unwritable', 'error', { message: outcome.reason });

  const keeper = createSecretKeeper(secretBox, () => settings.allowWeakSecretStorage);
  const nameOf = (id: string) => settings.profiles.find((p) => p.id === id)?.name ?? id;
  for (const id of keeper.unlock(settings.profiles))
    notices.add('secret-unreadable', 'warning', { profile: nameOf(id) });
  for (const p of settings.profiles) {
    if (p.secret.kind === 'session') notices.add('secret-session-only', 'info', { profile: p.name });
  }

  const listeners = new Set<(view: SettingsView) => void>();
  let writing: Promise<void> = Promise.resolve();

  const view = (): SettingsView => ({
    profiles: settings.profiles.map(({ secret, ...fields }) => {
      const secretKept = keeper.keeping(fields.id, secret);
      return { ...fields, secretSet: secretKept !== 'none', secretKept };
    }),
    activeTarget: settings.activeTarget,
    language: settings.language,
    secretStorage: { backend: secretBox.backend(), allowWeak: settings.allowWeakSecretStorage },
  });

  /** Applies a change, writes the file (one write at a time, in order) and tells the listeners. */
  const commit = async (next: SettingsFile): Promise<void> => {
    settings = next;
    const write = writing.then(() => saveSettingsFile(file, next));
    writing = write.catch(() => undefined);
    try {
      await write;
    } catch (error) {
      notices.add('settings-unwritable', 'error', { message: (error as Error).message });
    }
    const current = view();
    for (const listener of listeners) listener(current);
  };

  const find = (id: string): StoredProfile => {
    const profile = settings.profiles.find((p) => p.id === id);
    if (!profile) throw new IpcError('not-found', 'no such profile');
    return profile;
  };

  const endpointFrom = (p: Omit<StoredProfile, 'id' | 'secret' | 'name'>, secret: string | undefined): Endpoint => {
    const endpoint: Endpoint = {
      endpointUrl: p.endpointUrl === '' ? undefined : p.endpointUrl,
      region: p.region,
      forcePathStyle: p.forcePathStyle,
      checksum: p.checksum,
      ...(p.dataPath ? { dataPath: p.dataPath } : {}),
      ...(p.caBundle ? { caBundle: p.caBundle } : {}),
    };
    if (p.accessKeyId !== '') endpoint.credentials = { accessKeyId: p.accessKeyId, secretAccessKey: secret ?? '' };
    return endpoint;
  };

  const endpointOf = (profileId: string): Endpoint => {
    const profile = find(profileId);
    const secret = keeper.reveal(profile.id, profile.secret);
    if (profile.accessKeyId !== '' && secret === undefined) {
      throw new IpcError('not-allowed', `the secret access key of "${profile.name}" is not set: enter it in Settings`);
    }
    return endpointFrom(profile, secret);
  };

  /** Whether a saved profile's secret would sign requests for these fields (a key ID is set and a secret is kept). */
  const secretWouldFollow = (saved: StoredProfile, accessKeyId: string): boolean =>
    accessKeyId !== '' && keeper.keeping(saved.id, saved.secret) !== 'none';

  const targetFor = (profileId: string, bucket: string, prefix: string): Target => {
    // profileId goes into the engine's journal, so that an interrupted upload can find its credentials again.
    const endpoint = endpointOf(profileId);
    return { ...endpoint, profileId, bucket, prefix, ...uploadSettingsOf(find(profileId)) };
  };

  return {
    view,
    language: () => settings.language,
    profile: (id) => settings.profiles.find((p) => p.id === id),
    endpointOf,

    /**
     * A saved secret never follows the profile to another server (scheme, host or port; AWS counts as one): saving
     * or testing such an edit without a new secret is refused, with the field to fix, when the secret would be used.
     */
    async saveProfile(raw) {
      const parsed = profileInputSchema.safeParse(raw);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${String(i.path[0] ?? '')}: ${i.message}`);
        throw new IpcError('invalid-profile', issues.join('; '));
      }
      const { id: maybeId, secret, clearSecret, ...fields } = parsed.data;
      const existing = maybeId ? find(maybeId) : undefined;
      const clash = settings.profiles.find(
        (p) => p.id !== maybeId && p.name.toLowerCase() === fields.name.toLowerCase(),
      );
      if (clash) throw new IpcError('invalid-profile', 'name: v.nameTaken');
      const id = existing?.id ?? newId();
      let storedSecret = existing?.secret ?? { kind: 'none' as const };
      const newSecret = secret !== undefined && secret !== '' ? secret : undefined;
      if (
        existing &&
        newSecret === undefined &&
        !clearSecret &&
        !sameEndpointServer(existing.endpointUrl, fields.endpointUrl)
      ) {
        if (secretWouldFollow(existing, fields.accessKeyId)) throw secretAgainError();
        // Nothing would sign with it now, but it must not come back for the new server if a key ID is added later.
        keeper.forget(id);
        storedSecret = { kind: 'none' };
      }
      if (clearSecret) {
        keeper.forget(id);
        storedSecret = { kind: 'none' };
      }
      if (newSecret !== undefined) storedSecret = keeper.keep(id, newSecret);
      const profile: StoredProfile = { id, ...fields, secret: storedSecret };
      const profiles = existing
        ? settings.profiles.map((p) => (p.id === id ? profile : p))
        : [...settings.profiles, profile];
      let activeTarget = settings.activeTarget;
      if (!activeTarget) activeTarget = { profileId: id, bucket: profile.bucket, prefix: profile.defaultPrefix };
      else if (existing && activeTarget.profileId === id) {
        // The target bar follows the profile where it still showed the profile's own bucket and prefix.
        activeTarget = {
          profileId: id,
          bucket: activeTarget.bucket === existing.bucket ? profile.bucket : activeTarget.bucket,
          prefix: activeTarget.prefix === existing.defaultPrefix ? profile.defaultPrefix : activeTarget.prefix,
        };
      }
      await commit({ ...settings, profiles, activeTarget });
      return id;
    },

    async deleteProfile(id) {
      find(id);
      keeper.forget(id);
      const profiles = settings.profiles.filter((p) => p.id !== id);
      let activeTarget = settings.activeTarget;
      if (activeTarget?.profileId === id) {
        const first = profiles[0];
        activeTarget = first ? { profileId: first.id, bucket: first.bucket, prefix: first.defaultPrefix } : null;
      }
      await commit({ ...settings, profiles, activeTarget });
    },

    async setLanguage(language) {
      await commit({ ...settings, language });
    },

    async selectTarget(choice) {
      find(choice.profileId);
      await commit({ ...settings, activeTarget: { ...choice } });
    },

    async setWeakStorage(allow) {
      settings = { ...settings, allowWeakSecretStorage: allow };
      const profiles = settings.profiles.map((p) => ({ ...p, secret: keeper.restore(p.id, p.secret) }));
      await commit({ ...settings, profiles });
    },

    endpointForTest(input) {
      const { id, secret, clearSecret, ...fields } = input;
      const saved = id ? settings.profiles.find((p) => p.id === id) : undefined;
      let plain = secret !== undefined && secret !== '' ? secret : undefined;
      if (plain === undefined && saved && !clearSecret) {
        if (sameEndpointServer(saved.endpointUrl, fields.endpointUrl)) plain = keeper.reveal(saved.id, saved.secret);
        else if (secretWouldFollow(saved, fields.accessKeyId)) throw secretAgainError();
      }
      return endpointFrom(fields, plain);
    },

    resolveTarget(choice) {
      return targetFor(choice.profileId, choice.bucket, asFolder(choice.prefix));
    },

    targetFor,

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
