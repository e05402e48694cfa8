// Settings: the profile list, the form of the selected profile, the language, and how secrets are stored here.
// Leaving the form (Back, Escape, another profile, Incomplete uploads) with unsaved input asks before it is lost.
import { useCallback, useEffect, useRef, useState } from 'react';
import { LANGUAGES, type LanguageSetting } from '../../shared/settings-schema';
import { useApi, useApp, useT } from '../store/context';
import { ProfileForm } from './ProfileForm';
import { DiscardDialog } from './settings/DiscardDialog';

/** A way out of the form that waits for "Discard", and where focus was when it was asked (for "Keep editing"). */
type PendingLeave = { go: () => void; focus: HTMLElement | null } | null;

export function SettingsPane() {
  const api = useApi();
  const settings = useApp((s) => s.settings);
  const editing = useApp((s) => s.editing);
  const setEditing = useApp((s) => s.setEditing);
  const closeSettings = useApp((s) => s.closeSettings);
  const openIncomplete = useApp((s) => s.openIncomplete);
  const say = useApp((s) => s.say);
  const t = useT();
  const dirty = useRef(false);
  const onDirtyChange = useCallback((now: boolean) => {
    dirty.current = now;
  }, []);
  const [pending, setPending] = useState<PendingLeave>(null);
  /** The id of a profile just saved from the New profile form: its own form opens saying "Saved.". */
  const [savedNew, setSavedNew] = useState<string | null>(null);
  const onSavedNew = useCallback(
    (id: string) => {
      setSavedNew(id);
      setEditing(id);
    },
    [setEditing],
  );

  const leave = (go: () => void) => {
    if (!dirty.current) go();
    else setPending({ go, focus: document.activeElement instanceof HTMLElement ? document.activeElement : null });
  };
  const choose = (next: string | 'new') =>
    leave(() => {
      setSavedNew(null);
      setEditing(next);
    });
  const leaveRef = useRef(leave);
  leaveRef.current = leave;

  // The header's Settings toggle leaves through the same question as Back (app-store requestCloseSettings).
  const setLeaveGuard = useApp((s) => s.setSettingsLeaveGuard);
  useEffect(() => {
    setLeaveGuard((go) => leaveRef.current(go));
    return () => setLeaveGuard(null);
  }, [setLeaveGuard]);

  // Escape closes Settings, unless it was meant for an open dialog (this one's or another's) or for an input method
  // composing Japanese text. Whether a dialog was open is read as the key goes down (capture), before a dialog's own
  // Escape closes it, so one Escape never closes both.
  useEffect(() => {
    let dialogOpen = false;
    const before = (event: KeyboardEvent) => {
      if (event.key === 'Escape') dialogOpen = document.querySelector('[aria-modal="true"]') !== null;
    };
    const after = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.isComposing || event.defaultPrevented || dialogOpen) return;
      event.preventDefault();
      leaveRef.current(closeSettings);
    };
    document.addEventListener('keydown', before, true);
    document.addEventListener('keydown', after);
    return () => {
      document.removeEventListener('keydown', before, true);
      document.removeEventListener('keydown', after);
    };
  }, [closeSettings]);

  if (!settings) return null;

  const profiles = settings.profiles;
  const current =
    editing === 'new'
      ? undefined
      : (profiles.find((p) => p.id === editing) ?? (editing === null ? profiles[0] : undefined));
  const storage = settings.secretStorage;
  const run = (action: () => Promise<unknown>) => () =>
    void action().catch((error: Error) => say('error', { message: error.message }));

  return (
    <section className="settings" aria-labelledby="settings-title">
      <aside className="settings-side">
        <div className="settings-side-head">
          <h2 id="settings-title">{t('settings.title')}</h2>
          <button type="button" className="button-small" onClick={() => leave(closeSettings)}>
            {t('action.back')}
          </button>
        </div>
        <h3>{t('settings.profiles')}</h3>
        <ul className="profile-list">
          {profiles.length === 0 && <li className="muted">{t('settings.noProfiles')}</li>}
          {profiles.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className={`profile-item${current?.id === p.id ? ' selected' : ''}`}
                aria-current={current?.id === p.id}
                onClick={() => (p.id === current?.id ? undefined : choose(p.id))}
              >
                <span className="profile-name">{p.name}</span>
                <span className="profile-sub">
                  {p.endpointUrl ? safeHost(p.endpointUrl) : 'AWS'} · {p.bucket}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="button-small"
          onClick={() => (current === undefined && editing === 'new' ? undefined : choose('new'))}
        >
          + {t('settings.newProfile')}
        </button>
        {current && (
          <button
            type="button"
            className="button-small button-quiet"
            onClick={() => leave(() => openIncomplete({ profileId: current.id, bucket: current.bucket, prefix: '' }))}
          >
            {t('action.incomplete')}
          </button>
        )}

        <label className="side-field">
          <span>{t('settings.language')}</span>
          <select
            value={settings.language}
            onChange={(e) => run(() => api.setLanguage(e.target.value as LanguageSetting))()}
          >
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`lang.${l}`)}
              </option>
            ))}
          </select>
        </label>

        {storage.backend !== 'keychain' && (
          <div className="storage-warning" role="note">
            <p>{storage.backend === 'basic_text' ? t('storage.basicText') : t('storage.unavailable')}</p>
            {storage.backend === 'basic_text' && (
              <label className="check">
                <input
                  type="checkbox"
                  checked={storage.allowWeak}
                  onChange={(e) => run(() => api.setWeakStorage(e.target.checked))()}
                />
                {t('storage.allowWeak')}
              </label>
            )}
          </div>
        )}
      </aside>
      <div className="settings-main">
        <ProfileForm
          key={current?.id ?? 'new'}
          profile={current}
          savedJustNow={current !== undefined && current.id === savedNew}
          onDirtyChange={onDirtyChange}
          onSavedNew={onSavedNew}
        />
      </div>
      {pending && (
        <DiscardDialog
          onDiscard={() => {
            setPending(null);
            dirty.current = false;
            pending.go();
          }}
          onKeepEditing={() => {
            setPending(null);
            pending.focus?.focus();
          }}
        />
      )}
    </section>
  );
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
