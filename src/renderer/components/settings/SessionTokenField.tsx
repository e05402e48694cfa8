// The access key's session token (temporary keys): optional and write-only, like the secret. The hint says whether
// one is kept or what Save will do with it, never its value; the checkbox forgets a stored one.
import type { ProfileView } from '../../../shared/settings-schema';
import { useT } from '../../store/context';
import { Field } from '../Field';

export interface SessionTokenFieldProps {
  profile: ProfileView | undefined;
  token: string;
  clearToken: boolean;
  error: string | undefined;
  onToken(value: string): void;
  onClearToken(value: boolean): void;
  onBlur(): void;
}

export function SessionTokenField({
  profile,
  token,
  clearToken,
  error,
  onToken,
  onClearToken,
  onBlur,
}: SessionTokenFieldProps) {
  const t = useT();
  let status: string;
  if (clearToken) status = t('secret.willClear');
  else if (token !== '') status = t('secret.willSave');
  else status = profile?.sessionTokenSet ? t('secret.set') : t('secret.notSet');

  return (
    <div className="field-stack">
      <Field
        id="profile-sessionToken"
        label={t('credsUi.sessionToken')}
        hint={t('credsUi.sessionTokenHint', { status })}
        error={error}
      >
        {(aria) => (
          <input
            {...aria}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            placeholder={
              profile?.sessionTokenSet ? t('credsUi.sessionTokenPlaceholderSet') : t('secret.placeholderNotSet')
            }
            onChange={(e) => onToken(e.target.value)}
            onBlur={onBlur}
          />
        )}
      </Field>
      {profile?.sessionTokenSet && (
        <label className="check">
          <input type="checkbox" checked={clearToken} onChange={(e) => onClearToken(e.target.checked)} />
          {t('credsUi.sessionTokenClear')}
        </label>
      )}
    </div>
  );
}
