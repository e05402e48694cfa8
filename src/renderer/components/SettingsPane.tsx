// Settings: the profile list, the form of the selected profile, the language, and how secrets are stored here.
import { LANGUAGES, type LanguageSetting } from '../../shared/settings-schema';
import { useApi, useApp, useT } from '../store/context';
import { ProfileForm } from './ProfileForm';

export function SettingsPane() {
  const api = useApi();
  const settings = useApp((s) => s.settings);
  const editing = useApp((s) => s.editing);
  const setEditing = useApp((s) => s.setEditing);
  const closeSettings = useApp((s) => s.closeSettings);
  const openIncomplete = useApp((s) => s.openIncomplete);
  const say = useApp((s) => s.say);
  const t = useT();
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
          <button type="button" className="button-small" onClick={closeSettings}>
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
                onClick={() => setEditing(p.id)}
              >
                <span className="profile-name">{p.name}</span>
                <span className="profile-sub">
                  {p.endpointUrl ? safeHost(p.endpointUrl) : 'AWS'} · {p.bucket}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="button-small" onClick={() => setEditing('new')}>
          + {t('settings.newProfile')}
        </button>
        {current && (
          <button
            type="button"
            className="button-small button-quiet"
            onClick={() => openIncomplete({ profileId: current.id, bucket: current.bucket, prefix: '' })}
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
        <ProfileForm key={current?.id ?? 'new'} profile={current} />
      </div>
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
