// Main's settings: endpoint profiles, the active target, the language and the weak-storage opt-in. The only place
// that holds secrets; what leaves it for the renderer is view(), which carries only secretSet.
// Plain Node: the file path and the SecretBox are injected. A settings file that is there but could not be read (or,
// corrupt, could not be moved aside) is never written over: the store runs on defaults and refuses every change.
import { randomUUID } from 'node:crypto';
import { translate } from '../../shared/i18n';
import { objectRuleText } from '../../shared/i18n/object-rules';
import { noticeParams } from '../../shared/message-text';
import { objectOptionsProblem, type ObjectOptions } from '../../shared/object-options';
import type { Endpoint, Target } from '../../shared/target';
import type { MessageText } from '../../shared/upload-state';
import {
  credentialSourceOf,
  profileInputSchema,
  type LanguageSetting,
  type ProfileInput,
  type SettingsView,
  type TargetChoice,
} from '../../shared/settings-schema';
import { asFolder } from '../../engine';
import { IpcError } from '../ipc/errors';
import type { NoticeCenter } from '../notices';
import { endpointFromProfile, type SystemProxyLookup } from './profile-endpoint';
import { createProfileSecrets } from './profile-secrets';
import type { SecretBox } from './secret-box';
import { createSecretKeeper } from './secret-keeper';
import {
  loadSettingsFile,
  mayWriteAfter,
  saveSettingsFile,
  type LoadOutcome,
  type SettingsFile,
  type StoredProfile,
} from './settings-file';

export interface SettingsStoreOptions {
  file: string;
  secretBox: SecretBox;
  notices: NoticeCenter;
  newId?: () => string;
  now?: () => Date;
  /** The system's proxy for an endpoint, for profiles without a proxy URL of their own (the app's; see index.ts). */
  systemProxy?: SystemProxyLookup;
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
   * A target on a saved profile with its upload settings (part size, parts in flight, speed limit) and object options
   * (the given ones, e.g. a drop's, else the profile's). The prefix is taken as given: an exact key for a retry or a
   * resume, a folder for an add.
   */
  targetFor(profileId: string, bucket: string, prefix: string, objectOptions?: ObjectOptions): Target;
  onChange(listener: (view: SettingsView) => void): () => void;
  /**
   * The engine found that a bucket on AWS is in another region than it asked: every AWS profile for that bucket whose
   * region was blank or the one asked now names the bucket's. Answers the names of the profiles changed.
   */
  learnRegion(bucket: string, asked: string, region: string): Promise<string[]>;
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
 * A refusal of object options a request would carry but S3 (or HTTP) would refuse, before anything is stored: the
 * settings form and the Options panel check the same rules, so only a page that skipped them sees this.
 */
function checkObjectOptions(code: 'invalid-profile' | 'bad-payload', options: ObjectOptions | undefined): void {
  const problem = options && objectOptionsProblem(options);
  if (problem) throw new IpcError(code, `objectOptions: v.invalid (${problem.field}: ${objectRuleText(problem)})`);
}

/**
 * A settings file that is there but could neither be read nor moved aside holds profiles and secrets that the defaults
 * lack, and a save would replace it. Says so at start, in the window's language (naming the file, the error and what
 * to do), and answers the same words (English, as IpcError messages are) for every change it then refuses; null when
 * saves may go.
 */
function refusalAfter(file: string, outcome: LoadOutcome, notices: NoticeCenter): string | null {
  if (mayWriteAfter(outcome)) return null;
  const text: MessageText =
    outcome.kind === 'unreadable'
      ? { key: 'settings.fileUnreadable', params: { file, error: outcome.reason } }
      : { key: 'settings.fileUnmovable', params: { file, error: outcome.reason, moveError: outcome.moveError } };
  const message = translate('en', text.key, text.params);
  notices.add('error', 'error', noticeParams({ message, text }));
  return `not saved: ${message}`;
}

export async function openSettingsStore(options: SettingsStoreOptions): Promise<SettingsStore> {
  const { file, secretBox, notices, newId = randomUUID, now = () => new Date(), systemProxy } = options;
  const outcome = await loadSettingsFile(file, now);
  let settings: SettingsFile = outcome.settings;
  if (outcome.kind === 'corrupt') notices.add('settings-corrupt', 'warning', { movedTo: outcome.movedTo });
  const refusal = refusalAfter(file, outcome, notices);
  /** Every change is refused, before anything moves, while the file there is one it could not read or set aside. */
  const refuseIfReadOnly = () => {
    if (refusal !== null) throw new IpcError('not-allowed', refusal);
  };

  const keeper = createSecretKeeper(secretBox, () => settings.allowWeakSecretStorage);
  const secrets = createProfileSecrets(keeper);
  const nameOf = (id: string) => settings.profiles.find((p) => p.id === id)?.name ?? id;
  for (const id of secrets.unlock(settings.profiles))
    notices.add('secret-unreadable', 'warning', { profile: nameOf(id) });
  for (const p of settings.profiles) {
    if (p.secret.kind === 'session') notices.add('secret-session-only', 'info', { profile: p.name });
  }

  const listeners = new Set<(view: SettingsView) => void>();
  let writing: Promise<void> = Promise.resolve();

  const view = (): SettingsView => ({
    profiles: settings.profiles.map((profile) => {
      const { secret: _secret, sessionToken: _token, ...fields } = profile;
      return {
        ...fields,
        credentialSource: credentialSourceOf(fields),
        proxyUrl: fields.proxyUrl ?? '',
        ...secrets.status(profile),
      };
    }),
    activeTarget: settings.activeTarget,
    language: settings.language,
    secretStorage: { backend: secretBox.backend(), allowWeak: settings.allowWeakSecretStorage },
  });

  /** Applies a change, writes the file (one write at a time, in order) and tells the listeners. */
  const commit = async (next: SettingsFile): Promise<void> => {
    refuseIfReadOnly();
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

  const endpointOf = (profileId: string): Endpoint => {
    const profile = find(profileId);
    const keys = secrets.reveal(profile);
    if (credentialSourceOf(profile).kind === 'access-key' && profile.accessKeyId !== '' && keys.secret === undefined) {
      throw new IpcError('not-allowed', `the secret access key of "${profile.name}" is not set: enter it in Settings`);
    }
    return endpointFromProfile(profile, keys, systemProxy);
  };

  const targetFor = (profileId: string, bucket: string, prefix: string, objectOptions?: ObjectOptions): Target => {
    // profileId goes into the engine's journal, so that an interrupted upload can find its credentials again.
    const endpoint = endpointOf(profileId);
    const profile = find(profileId);
    return {
      ...endpoint,
      profileId,
      bucket,
      prefix,
      ...uploadSettingsOf(profile),
      objectOptions: objectOptions ?? profile.objectOptions,
    };
  };

  return {
    view,
    language: () => settings.language,
    profile: (id) => settings.profiles.find((p) => p.id === id),
    endpointOf,

    /**
     * A saved secret or session token never follows the profile to another server (scheme, host or port; AWS counts as
     * one): saving or testing such an edit without typing it again is refused, with the field to fix, when it would be
     * used (profile-secrets.ts).
     */
    async saveProfile(raw) {
      refuseIfReadOnly();
      const parsed = profileInputSchema.safeParse(raw);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${String(i.path[0] ?? '')}: ${i.message}`);
        throw new IpcError('invalid-profile', issues.join('; '));
      }
      const {
        id: maybeId,
        secret: _s,
        clearSecret: _c,
        sessionToken: _t,
        clearSessionToken: _ct,
        ...typed
      } = parsed.data;
      // Saved in full: the source a form without one meant (credentialSourceOf), and '' for the system's proxy.
      const fields = { ...typed, credentialSource: credentialSourceOf(typed), proxyUrl: typed.proxyUrl ?? '' };
      checkObjectOptions('invalid-profile', fields.objectOptions);
      const existing = maybeId ? find(maybeId) : undefined;
      const clash = settings.profiles.find(
        (p) => p.id !== maybeId && p.name.toLowerCase() === fields.name.toLowerCase(),
      );
      if (clash) throw new IpcError('invalid-profile', 'name: v.nameTaken');
      const id = existing?.id ?? newId();
      const profile: StoredProfile = { id, ...fields, ...secrets.afterSave(existing, id, parsed.data) };
      const profiles = existing
        ? settings.profiles.map((p) => (p.id === id ? profile : p))
        : [...settings.profiles, profile];
      let activeTarget = settings.activeTarget;
      if (!activeTarget) activeTarget = { profileId: id, bucket: profile.bucket, prefix: profile.defaultPrefix };
      else if (existing && activeTarget.profileId === id) {
        // The target bar follows the profile where it still showed the profile's own bucket and prefix. A drop's
        // Options stay: the user chose them for the next drops, whatever the profile's defaults are now.
        activeTarget = {
          profileId: id,
          bucket: activeTarget.bucket === existing.bucket ? profile.bucket : activeTarget.bucket,
          prefix: activeTarget.prefix === existing.defaultPrefix ? profile.defaultPrefix : activeTarget.prefix,
          ...(activeTarget.options ? { options: activeTarget.options } : {}),
        };
      }
      await commit({ ...settings, profiles, activeTarget });
      return id;
    },

    async deleteProfile(id) {
      refuseIfReadOnly();
      find(id);
      secrets.forget(id);
      const profiles = settings.profiles.filter((p) => p.id !== id);
      let activeTarget = settings.activeTarget;
      if (activeTarget?.profileId === id) {
        const first = profiles[0];
        activeTarget = first ? { profileId: first.id, bucket: first.bucket, prefix: first.defaultPrefix } : null;
      }
      await commit({ ...settings, profiles, activeTarget });
    },

    async setLanguage(language) {
      refuseIfReadOnly();
      await commit({ ...settings, language });
    },

    async selectTarget(choice) {
      refuseIfReadOnly();
      find(choice.profileId);
      checkObjectOptions('bad-payload', choice.options);
      await commit({ ...settings, activeTarget: { ...choice } });
    },

    async setWeakStorage(allow) {
      refuseIfReadOnly();
      settings = { ...settings, allowWeakSecretStorage: allow };
      const profiles = settings.profiles.map((p) => ({ ...p, ...secrets.restore(p) }));
      await commit({ ...settings, profiles });
    },

    endpointForTest(input) {
      const { id, secret: _s, clearSecret: _c, sessionToken: _t, clearSessionToken: _ct, ...fields } = input;
      const saved = id ? settings.profiles.find((p) => p.id === id) : undefined;
      return endpointFromProfile(fields, secrets.forTest(saved, input), systemProxy);
    },

    resolveTarget(choice) {
      return targetFor(choice.profileId, choice.bucket, asFolder(choice.prefix), choice.options);
    },

    targetFor,

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async learnRegion(bucket, asked, region) {
      const learns = (p: StoredProfile) =>
        p.endpointUrl === '' && p.bucket === bucket && (p.region === '' || p.region === asked) && p.region !== region;
      const changed = settings.profiles.filter(learns);
      if (changed.length === 0) return [];
      const profiles = settings.profiles.map((p) => (learns(p) ? { ...p, region } : p));
      await commit({ ...settings, profiles });
      return changed.map((p) => p.name);
    },
  };
}
