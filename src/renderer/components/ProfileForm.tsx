// One endpoint profile: every field with inline validation (the contract's own schema), Save, Delete and Test
// connection. The secret is write-only: the form shows whether one is set, never its value.
import { useState, type FormEvent } from 'react';
import { sameEndpointServer } from '../../shared/endpoint-identity';
import type { ConnectionResult } from '../../shared/ipc';
import { CHECKSUM_MODES, profileProblems, type ProfileInput, type ProfileView } from '../../shared/settings-schema';
import type { MessageKey } from '../../shared/i18n';
import { useApi, useApp, useT } from '../store/context';
import { Field } from './Field';
import { draftOf, inputOf, problemsFromError, type Draft } from './profile-draft';

/** A test's result and testedOn() of the input it ran on: shown only while those fields are unchanged. */
type TestState = { running: true } | { running: false; result: ConnectionResult; on: string } | null;

/**
 * The fields a connection test depends on: the endpoint main builds from them (settings-store endpointForTest) and
 * the bucket. Name, prefix, part size, parts in flight and speed limit do not change its answer.
 */
function testedOn(input: ProfileInput): string {
  return JSON.stringify([
    input.endpointUrl,
    input.region,
    input.bucket,
    input.forcePathStyle,
    input.accessKeyId,
    input.checksum,
    input.caBundle,
    input.secret ?? '',
    input.clearSecret === true,
  ]);
}

export function ProfileForm({ profile }: { profile: ProfileView | undefined }) {
  const api = useApi();
  const profiles = useApp((s) => s.settings?.profiles ?? []);
  const setEditing = useApp((s) => s.setEditing);
  const t = useT();
  const [draft, setDraft] = useState<Draft>(() => draftOf(profile));
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverProblems, setServerProblems] = useState<Record<string, MessageKey>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [test, setTest] = useState<TestState>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  const input = inputOf(draft, profile?.id);
  const problems: Record<string, MessageKey> = { ...profileProblems(input), ...serverProblems };
  const lower = input.name.toLowerCase();
  if (!problems['name'] && profiles.some((p) => p.id !== profile?.id && p.name.toLowerCase() === lower)) {
    problems['name'] = 'v.nameTaken';
  }
  // Main refuses to let a saved secret follow the profile to another server (settings-store.ts); say so at once.
  const secretAgain =
    !!profile?.secretSet &&
    input.accessKeyId !== '' &&
    draft.secret === '' &&
    !draft.clearSecret &&
    !sameEndpointServer(profile.endpointUrl, input.endpointUrl);
  if (secretAgain && !problems['secret']) problems['secret'] = 'v.secretAgain';
  const valid = Object.keys(problems).length === 0;
  const errorFor = (field: string) => {
    const key = problems[field];
    return key && (touched[field] || submitted || key === 'v.secretAgain') ? t(key) : undefined;
  };

  const update = <K extends keyof Draft>(field: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setServerProblems((p) => {
      const { [field]: _gone, ...rest } = p;
      return rest;
    });
    setStatus(null);
    // A finished test's result is dropped once a field it depended on changes (changing it back does not restore it).
    if (test && !test.running && test.on !== testedOn(inputOf({ ...draft, [field]: value }, profile?.id)))
      setTest(null);
  };
  const touch = (field: string) => () => setTouched((t0) => ({ ...t0, [field]: true }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!valid) return;
    try {
      const { id } = await api.saveProfile(input);
      setDraft((d) => ({ ...d, secret: '', clearSecret: false }));
      setStatus(t('settings.saved'));
      if (!profile) setEditing(id);
    } catch (error) {
      const message = (error as Error).message;
      setServerProblems(problemsFromError(message));
      setStatus(message);
    }
  };

  const runTest = async () => {
    setSubmitted(true);
    if (!valid) return;
    setTest({ running: true });
    const on = testedOn(input);
    try {
      setTest({ running: false, result: await api.testConnection(input), on });
    } catch (error) {
      const message = (error as Error).message;
      // A refusal about a field (e.g. "secret: v.secretAgain") is shown at the field, in the user's language.
      const fields = problemsFromError(message);
      if (Object.keys(fields).length > 0) {
        setServerProblems(fields);
        setTest(null);
        return;
      }
      setTest({ running: false, result: { ok: false, kind: 'other', message }, on });
    }
  };

  const remove = async () => {
    if (!profile) return;
    await api.deleteProfile(profile.id);
    setEditing(null);
  };

  const text = (field: keyof Draft, label: MessageKey, options: { hint?: MessageKey; placeholder?: string } = {}) => (
    <Field id={`profile-${field}`} label={t(label)} hint={options.hint && t(options.hint)} error={errorFor(field)}>
      {(aria) => (
        <input
          {...aria}
          value={draft[field] as string}
          placeholder={options.placeholder}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => update(field, e.target.value as never)}
          onBlur={touch(field)}
        />
      )}
    </Field>
  );

  const secretStatus = profile?.secretSet
    ? `${t('secret.set')}${profile.secretKept !== 'none' ? ` (${t(`secret.kept.${profile.secretKept}`)})` : ''}`
    : t('secret.notSet');

  return (
    <form
      className="profile-form"
      onSubmit={(e) => void save(e)}
      noValidate
      aria-label={draft.name || t('settings.newProfile')}
    >
      <h2>{profile ? profile.name : t('settings.newProfile')}</h2>
      <div className="form-grid">
        {text('name', 'field.name')}
        {text('endpointUrl', 'field.endpointUrl', { hint: 'field.endpointHint', placeholder: 'https://' })}
        {text('region', 'field.region')}
        {text('bucket', 'field.bucket')}
        {text('defaultPrefix', 'field.defaultPrefix', { placeholder: t('target.prefixPlaceholder') })}
        <div className="field field-check">
          <label className="check">
            <input
              type="checkbox"
              checked={draft.forcePathStyle}
              onChange={(e) => update('forcePathStyle', e.target.checked)}
            />
            {t('field.forcePathStyle')}
          </label>
        </div>
        {text('accessKeyId', 'field.accessKeyId', { hint: 'field.accessKeyHint' })}
        <div className="field-stack">
          <Field
            id="profile-secret"
            label={t('field.secret')}
            hint={t('secret.status', { status: secretStatus })}
            error={errorFor('secret')}
          >
            {(aria) => (
              <input
                {...aria}
                type="password"
                autoComplete="new-password"
                value={draft.secret}
                placeholder={profile?.secretSet ? t('secret.placeholderSet') : t('secret.placeholderNotSet')}
                onChange={(e) => update('secret', e.target.value)}
                onBlur={touch('secret')}
              />
            )}
          </Field>
          {profile?.secretSet && (
            <label className="check">
              <input
                type="checkbox"
                checked={draft.clearSecret}
                onChange={(e) => update('clearSecret', e.target.checked)}
              />
              {t('secret.clear')}
            </label>
          )}
        </div>
        <Field id="profile-checksum" label={t('field.checksum')}>
          {(aria) => (
            <select
              {...aria}
              value={draft.checksum}
              onChange={(e) => update('checksum', e.target.value as Draft['checksum'])}
            >
              {CHECKSUM_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {t(`checksum.${mode}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text('caBundle', 'field.caBundle', { hint: 'field.caBundleHint', placeholder: '/etc/ssl/private-ca.pem' })}
        {text('partSizeMiB', 'field.partSize')}
        {text('concurrency', 'field.concurrency')}
        {text('speedLimit', 'field.speedLimit')}
      </div>

      <div className="form-actions">
        <button type="submit" className="button-primary">
          {t('action.save')}
        </button>
        <button type="button" disabled={test?.running === true} onClick={() => void runTest()}>
          {test?.running ? t('test.running') : t('action.test')}
        </button>
        {profile && !confirmingDelete && (
          <button type="button" className="button-danger-quiet" onClick={() => setConfirmingDelete(true)}>
            {t('action.delete')}
          </button>
        )}
        {status && (
          <span className="form-status" role="status">
            {status}
          </span>
        )}
      </div>
      {profile && confirmingDelete && (
        <div className="confirm" role="alert">
          <span>{t('settings.confirmDelete', { name: profile.name })}</span>
          <button type="button" className="button-danger" onClick={() => void remove()}>
            {t('action.delete')}
          </button>
          <button type="button" onClick={() => setConfirmingDelete(false)}>
            {t('action.cancel')}
          </button>
        </div>
      )}
      {test && !test.running && test.on === testedOn(input) && (
        <div
          className={`test-result ${test.result.ok ? 'test-ok' : 'test-bad'}`}
          role="status"
          aria-label={t('action.test')}
        >
          <strong>{t(`conn.${test.result.kind}`)}</strong>
          {test.result.message && !test.result.ok && <span className="test-detail">{test.result.message}</span>}
        </div>
      )}
    </form>
  );
}
