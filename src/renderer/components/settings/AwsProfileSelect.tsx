// The "AWS profile" choice: the profiles main read from the AWS config files (names, kinds and regions; never keys),
// shown as a list so that every profile and its kind is in view at once, a Reload for a profile made since (aws
// configure, aws configure sso), and a note that the CLI and the AWS CLI use the same profiles. A saved profile name
// that is no longer in the files stays selectable, marked as missing. An SSO profile shows its sign-in under the list
// (SsoSignIn.tsx): valid until when, expired or missing, and Sign in….
import { useCallback, useEffect, useState } from 'react';
import type { AwsProfileEntry } from '../../../shared/settings-schema';
import { useApi, useT } from '../../store/context';
import { Field } from '../Field';
import { SsoSignIn } from './SsoSignIn';

export interface AwsProfileSelectProps {
  value: string;
  error: string | undefined;
  onChange(name: string): void;
  onBlur(): void;
}

type Listing =
  { kind: 'loading' } | { kind: 'listed'; profiles: AwsProfileEntry[] } | { kind: 'failed'; message: string };

export function AwsProfileSelect({ value, error, onChange, onBlur }: AwsProfileSelectProps) {
  const api = useApi();
  const t = useT();
  const [listing, setListing] = useState<Listing>({ kind: 'loading' });

  const load = useCallback(() => {
    setListing({ kind: 'loading' });
    api.listAwsProfiles().then(
      (profiles) => setListing({ kind: 'listed', profiles }),
      (err: unknown) => setListing({ kind: 'failed', message: (err as Error).message }),
    );
  }, [api]);
  useEffect(load, [load]);

  const profiles = listing.kind === 'listed' ? listing.profiles : [];
  const chosen = profiles.find((p) => p.name === value);
  const listed = chosen !== undefined;
  const label = (p: AwsProfileEntry) => {
    const kind = t(`credsUi.kind.${p.kind}`);
    return p.region
      ? t('credsUi.awsProfileOptionRegion', { name: p.name, kind, region: p.region })
      : t('credsUi.awsProfileOption', { name: p.name, kind });
  };
  const missing = value !== '' && !listed && listing.kind !== 'loading';
  // A list box (size > 1) of up to 6 rows; a longer list scrolls.
  const rows = Math.min(Math.max(profiles.length + (missing ? 1 : 0), 2), 6);
  let hint = t('credsUi.awsProfileShared');
  if (listing.kind === 'loading') hint = t('credsUi.awsProfileLoading');
  else if (listing.kind === 'failed') hint = listing.message;
  else if (profiles.length === 0) hint = t('credsUi.awsProfileNone');

  return (
    <div className="field-stack credential-wide">
      <Field id="profile-awsProfile" label={t('credsUi.awsProfile')} hint={hint} error={error}>
        {(aria) => (
          <div className="aws-profile-row">
            <select {...aria} size={rows} value={value} onChange={(e) => onChange(e.target.value)} onBlur={onBlur}>
              {/* Matches "none chosen yet": without it React would select the first profile on its own. */}
              <option value="" hidden />
              {missing && <option value={value}>{t('credsUi.awsProfileNotListed', { name: value })}</option>}
              {profiles.map((p) => (
                <option key={p.name} value={p.name}>
                  {label(p)}
                </option>
              ))}
            </select>
            <button type="button" className="button-small" onClick={load}>
              {t('credsUi.awsProfileReload')}
            </button>
          </div>
        )}
      </Field>
      {chosen?.kind === 'sso' && <SsoSignIn profile={chosen.name} />}
    </div>
  );
}
