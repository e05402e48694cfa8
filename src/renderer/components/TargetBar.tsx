// Where dropped files go, on one compact line above the queue: profile, bucket, prefix, the endpoint's host, and the
// way to the incomplete uploads there. Bucket and prefix start as the profile's and can be changed here; a change is
// sent to main when the field is left or Enter is pressed.
import { useEffect, useState, type KeyboardEvent } from 'react';
import { bucketNameProblem, prefixProblem } from '../../shared/settings-schema';
import { useApp, useT } from '../store/context';

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

  const commit = () => {
    if (bucketProblem || pathProblem) return;
    if (bucket === active.bucket && prefix === active.prefix) return;
    void selectTarget({ profileId: active.profileId, bucket, prefix });
  };
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

/** An input's width in ch for its text, between min and max, with room for the padding and the caret. */
function fieldWidth(text: string, min: number, max: number): number {
  return Math.min(max, Math.max(min, text.length + 2));
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
