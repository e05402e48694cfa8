// Where dropped files go, on one compact line above the queue (two in a narrow window): profile, bucket, prefix with
// Browse…, Options, the endpoint's host, and the way to the incomplete uploads there. Bucket and prefix start as the profile's and can be changed here; a change is
// sent to main when the field is left or Enter is pressed. "Options" sets what the next drops' objects get; the
// choice rides on the active target (TargetChoice.options), kept when the bucket or prefix changes.
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { ObjectOptions } from '../../shared/object-options';
import { bucketNameProblem, prefixProblem, type TargetChoice } from '../../shared/settings-schema';
import { useApp, useT } from '../store/context';
import { BrowseButton } from './browse/BrowseButton';
import { OptionsDisclosure } from './options/OptionsDisclosure';

export function TargetBar() {
  const settings = useApp((s) => s.settings);
  const selectTarget = useApp((s) => s.selectTarget);
  const openIncomplete = useApp((s) => s.openIncomplete);
  const t = useT();
  const active = settings?.activeTarget ?? null;
  const [bucket, setBucket] = useState(active?.bucket ?? '');
  const [prefix, setPrefix] = useState(active?.prefix ?? '');
  useEffect(() => {
    setBucket(active?.bucket ?? '');
    setPrefix(active?.prefix ?? '');
  }, [active?.bucket, active?.prefix, active?.profileId]);

  if (!settings || !active) return null;
  const profile = settings.profiles.find((p) => p.id === active.profileId);
  const bucketProblem = bucketNameProblem(bucket);
  const pathProblem = prefixProblem(prefix);
  const endpoint = profile
    ? profile.endpointUrl === ''
      ? t('target.aws', { region: profile.region })
      : safeHost(profile.endpointUrl)
    : '';

  /** The target with this bucket, prefix and options (undefined: the profile's). */
  const choose = (where: { bucket: string; prefix: string }, options: ObjectOptions | undefined) => {
    const choice: TargetChoice = { profileId: active.profileId, ...where };
    if (options) choice.options = options;
    void selectTarget(choice);
  };
  const commit = () => {
    if (bucketProblem || pathProblem) return;
    if (bucket === active.bucket && prefix === active.prefix) return;
    choose({ bucket, prefix }, active.options);
  };
  const onOptions = (options: ObjectOptions | undefined) =>
    choose({ bucket: active.bucket, prefix: active.prefix }, options);
  const onProfile = (profileId: string) => {
    const next = settings.profiles.find((p) => p.id === profileId);
    if (next) void selectTarget({ profileId, bucket: next.bucket, prefix: next.defaultPrefix });
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter') commit();
  };

  return (
    <section
      className={`target-bar${bucketProblem || pathProblem ? ' target-bar-problem' : ''}`}
      aria-label={t('target.label')}
    >
      <span className="target-label">{t('target.label')}</span>
      <label className="target-field">
        <span>{t('target.profile')}</span>
        <select value={active.profileId} title={endpoint} onChange={(e) => onProfile(e.target.value)}>
          {settings.profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label className="target-field">
        <span>{t('target.bucket')}</span>
        <input
          value={bucket}
          spellCheck={false}
          // As wide as the name (a bucket name has at most 63 characters): never cut off at a usual length.
          style={{ width: `${fieldWidth(bucket, 10, 30)}ch` }}
          aria-invalid={bucketProblem !== null}
          title={bucketProblem ? t(bucketProblem) : undefined}
          onChange={(e) => setBucket(e.target.value.trim())}
          onBlur={commit}
          onKeyDown={onKey}
        />
      </label>
      <label className="target-field target-prefix">
        <span>{t('target.prefix')}</span>
        <input
          value={prefix}
          spellCheck={false}
          style={{ width: `${fieldWidth(prefix || t('target.prefixPlaceholder'), 8, 28)}ch` }}
          placeholder={t('target.prefixPlaceholder')}
          aria-invalid={pathProblem !== null}
          title={pathProblem ? t(pathProblem) : undefined}
          onChange={(e) => setPrefix(e.target.value)}
          onBlur={commit}
          onKeyDown={onKey}
        />
      </label>
      <BrowseButton
        profileId={active.profileId}
        bucket={bucketProblem ? active.bucket : bucket}
        prefix={pathProblem ? active.prefix : prefix}
        onPick={(pickedBucket, pickedPrefix) => {
          setBucket(pickedBucket);
          setPrefix(pickedPrefix);
          choose({ bucket: pickedBucket, prefix: pickedPrefix }, active.options);
        }}
      />
      {profile && <OptionsDisclosure profile={profile} choice={active} onChoose={onOptions} />}
      <span className="target-endpoint" title={profile?.endpointUrl || endpoint}>
        {endpoint}
      </span>
      {(bucketProblem || pathProblem) && (
        <span className="target-problem" role="alert">
          {t((bucketProblem ?? pathProblem)!)}
        </span>
      )}
      <button
        type="button"
        className="button-small button-quiet target-incomplete"
        onClick={() =>
          openIncomplete({ profileId: active.profileId, bucket: bucketProblem ? active.bucket : bucket, prefix: '' })
        }
      >
        {t('action.incomplete')}
      </button>
    </section>
  );
}

/**
 * An input's width in ch for its text, between min and max, with room for the padding and the caret. CJK and other
 * wide characters count twice: "（バケットの最上位）" needs about twice its length in ch.
 */
function fieldWidth(text: string, min: number, max: number): number {
  let width = 0;
  for (const char of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(char) ? 2 : 1;
  return Math.min(max, Math.max(min, width + 2));
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
