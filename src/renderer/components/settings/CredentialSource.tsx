// Where a profile's credentials come from, one choice of three: the access key (key ID, secret, optional session
// token), a named AWS profile of the AWS config files, or the standard AWS chain. Only the chosen source's fields show;
// what was typed for another stays in the draft (inputOf sends only what the chosen source uses).
import { CREDENTIAL_SOURCE_KINDS, type ProfileView } from '../../../shared/settings-schema';
import { useT } from '../../store/context';
import { Field } from '../Field';
import type { Draft } from '../profile-draft';
import { AwsProfileSelect } from './AwsProfileSelect';
import { SecretField } from './SecretField';
import { SessionTokenField } from './SessionTokenField';
import './credentials.css';

export interface CredentialSourceProps {
  profile: ProfileView | undefined;
  draft: Draft;
  update<K extends keyof Draft>(field: K, value: Draft[K]): void;
  /** The message to show under a field now, if any (ProfileForm's errorFor). */
  errorFor(field: string): string | undefined;
  onBlur(field: string): void;
}

export function CredentialSource({ profile, draft, update, errorFor, onBlur }: CredentialSourceProps) {
  const t = useT();
  const kind = draft.credentialKind;
  return (
    <fieldset className="credential-source">
      <legend>{t('credsUi.legend')}</legend>
      <div className="segmented">
        {CREDENTIAL_SOURCE_KINDS.map((choice) => (
          <label key={choice} className={`segment${kind === choice ? ' segment-on' : ''}`}>
            <input
              type="radio"
              name="credential-source"
              value={choice}
              checked={kind === choice}
              onChange={() => update('credentialKind', choice)}
            />
            {t(`credsUi.source.${choice}`)}
          </label>
        ))}
      </div>
      <div className="form-grid">
        {kind === 'access-key' && (
          <>
            <Field id="profile-accessKeyId" label={t('field.accessKeyId')} error={errorFor('accessKeyId')}>
              {(aria) => (
                <input
                  {...aria}
                  value={draft.accessKeyId}
                  spellCheck={false}
                  autoComplete="off"
                  onChange={(e) => update('accessKeyId', e.target.value)}
                  onBlur={() => onBlur('accessKeyId')}
                />
              )}
            </Field>
            <SecretField
              profile={profile}
              secret={draft.secret}
              clearSecret={draft.clearSecret}
              error={errorFor('secret')}
              onSecret={(value) => update('secret', value)}
              onClearSecret={(value) => update('clearSecret', value)}
              onBlur={() => onBlur('secret')}
            />
            <SessionTokenField
              profile={profile}
              token={draft.sessionToken}
              clearToken={draft.clearSessionToken}
              error={errorFor('sessionToken')}
              onToken={(value) => update('sessionToken', value)}
              onClearToken={(value) => update('clearSessionToken', value)}
              onBlur={() => onBlur('sessionToken')}
            />
          </>
        )}
        {kind === 'aws-profile' && (
          <AwsProfileSelect
            value={draft.awsProfile}
            error={errorFor('credentialSource')}
            onChange={(name) => update('awsProfile', name)}
            onBlur={() => onBlur('credentialSource')}
          />
        )}
        {kind === 'default-chain' && <p className="credential-note credential-wide">{t('credsUi.chainExplain')}</p>}
      </div>
    </fieldset>
  );
}
