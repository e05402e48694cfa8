// The secret access key: write-only. The hint says what will happen to the secret (set, not set, will be saved, will
// be forgotten), never its value; the checkbox forgets a stored one.
import type { ProfileView } from '../../../shared/settings-schema';
import { useT } from '../../store/context';
import { Field } from '../Field';

export interface SecretFieldProps {
  profile: ProfileView | undefined;
  secret: string;
  clearSecret: boolean;
  error: string | undefined;
  onSecret(value: string): void;
  onClearSecret(value: boolean): void;
  onBlur(): void;
}

export function SecretField({
  profile,
  secret,
  clearSecret,
  error,
  onSecret,
  onClearSecret,
  onBlur,
}: SecretFieldProps) {
  const t = useT();
  // While a secret is typed, "not set" (or the old one's keeping) would describe what is about to be replaced.
  let status: string;
  if (clearSecret) status = t('secret.willClear');
  else if (secret !== '') status = t('secret.willSave');
  else if (profile?.secretSet)
    status = `${t('secret.set')}${profile.secretKept !== 'none' ? ` (${t(`secret.kept.${profile.secretKept}`)})` : ''}`;
  else status = t('secret.notSet');

  return (
    <div className="field-stack">
      <Field id="profile-secret" label={t('field.secret')} hint={t('secret.status', { status })} error={error}>
        {(aria) => (
          <input
            {...aria}
            type="password"
            autoComplete="new-password"
            value={secret}
            placeholder={profile?.secretSet ? t('secret.placeholderSet') : t('secret.placeholderNotSet')}
            onChange={(e) => onSecret(e.target.value)}
            onBlur={onBlur}
          />
        )}
      </Field>
      {profile?.secretSet && (
        <label className="check">
          <input type="checkbox" checked={clearSecret} onChange={(e) => onClearSecret(e.target.checked)} />
          {t('secret.clear')}
        </label>
      )}
    </div>
  );
}
