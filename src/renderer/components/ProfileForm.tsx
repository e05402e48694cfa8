// One endpoint profile: every field with inline validation (the contract's own schema, and the text checks of the
// numbers), Save, Delete and Test connection. The secret is write-only: the form shows whether one is set, never its
// value. Focus is kept somewhere sensible throughout: the first field on open, the first field in error after a
// refused Save, the pressed button after Save and Test connection.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { profileProblems, type ProfileView } from '../../shared/settings-schema';
import type { MessageKey } from '../../shared/i18n';
import { useApi, useApp, useT } from '../store/context';
import { Field } from './Field';
import {
  draftOf,
  draftProblems,
  endpointSuggestion,
  inputOf,
  keysAgainProblems,
  problemsFromError,
  sameDraft,
  tidySpeedLimit,
  type Draft,
} from './profile-draft';
import { UploadDefaultsSection } from './options/UploadDefaultsSection';
import { testedOn, TestAnswer, type TestState } from './settings/connection-test';
import { CredentialSource } from './settings/CredentialSource';
import { DeleteProfile } from './settings/DeleteProfile';
import { SendingFields } from './settings/SendingFields';

/** The line beside the buttons. */
type Status = { kind: 'saved' } | { kind: 'fix-errors' } | { kind: 'refused'; message: string } | null;

export interface ProfileFormProps {
  profile: ProfileView | undefined;
  /** This form replaces the one a new profile was just saved from: it opens saying "Saved.", focus on Save. */
  savedJustNow: boolean;
  /** Told whether the form holds input that is not saved, so that leaving it can ask first. */
  onDirtyChange(dirty: boolean): void;
  onSavedNew(id: string): void;
}

export function ProfileForm({ profile, savedJustNow, onDirtyChange, onSavedNew }: ProfileFormProps) {
  const api = useApi();
  const profiles = useApp((s) => s.settings?.profiles ?? []);
  const t = useT();
  const [draft, setDraft] = useState<Draft>(() => draftOf(profile));
  const [saved, setSaved] = useState<Draft>(draft);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverProblems, setServerProblems] = useState<Record<string, MessageKey>>({});
  const [status, setStatus] = useState<Status>(savedJustNow ? { kind: 'saved' } : null);
  const [test, setTest] = useState<TestState>(null);
  /** Bumped by a refused Save or Test: after the render that marks the fields, focus goes to the first one. */
  const [refusals, setRefusals] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const saveButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (savedJustNow) saveButton.current?.focus();
    else form.current?.querySelector<HTMLElement>('input, select')?.focus();
    // Only when the form opens: later focus follows the user.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    if (refusals > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);

  const dirty = !sameDraft(draft, saved);
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  useEffect(() => () => onDirtyChange(false), [onDirtyChange]);

  const input = inputOf(draft, profile?.id);
  const problems: Record<string, MessageKey> = {
    ...profileProblems(input),
    ...draftProblems(draft),
    ...serverProblems,
  };
  const lower = input.name.toLowerCase();
  if (!problems['name'] && profiles.some((p) => p.id !== profile?.id && p.name.toLowerCase() === lower)) {
    problems['name'] = 'v.nameTaken';
  }
  // Main refuses to let a saved secret or token follow the profile to another server; say so at once.
  const again = keysAgainProblems(profile, input, draft);
  for (const [field, key] of Object.entries(again)) problems[field] ??= key;
  const valid = Object.keys(problems).length === 0;
  const errorFor = (field: string) => {
    const key = problems[field];
    return key && (touched[field] || submitted || again[field] === key) ? t(key) : undefined;
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
  const refuse = () => {
    setSubmitted(true);
    setRefusals((n) => n + 1);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid) {
      refuse();
      setStatus({ kind: 'fix-errors' });
      return;
    }
    setSubmitted(true);
    try {
      const { id } = await api.saveProfile(input);
      // The speed limit is written back as the form shows stored values ("20" → "20 MiB/s").
      const now = {
        ...draft,
        ...{ secret: '', clearSecret: false, sessionToken: '', clearSessionToken: false },
        speedLimit: tidySpeedLimit(draft.speedLimit),
      };
      setDraft(now);
      setSaved(now);
      setStatus({ kind: 'saved' });
      if (!profile) onSavedNew(id);
    } catch (error) {
      const message = (error as Error).message;
      setServerProblems(problemsFromError(message));
      setStatus({ kind: 'refused', message });
    }
  };

  // The button is never disabled while a test runs: a disabled button loses focus, which would drop to the page.
  const runTest = async () => {
    if (test?.running) return;
    if (!valid) {
      refuse();
      return;
    }
    setSubmitted(true);
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
        setRefusals((n) => n + 1);
        return;
      }
      setTest({ running: false, result: { ok: false, kind: 'other', message }, on });
    }
  };

  type TextOptions = { hint?: MessageKey; placeholder?: string; onBlur?: () => void; fix?: ReactNode };
  const text = (field: keyof Draft, label: MessageKey, options: TextOptions = {}) => (
    <Field
      id={`profile-${field}`}
      label={t(label)}
      hint={options.hint && t(options.hint)}
      error={errorFor(field)}
      fix={options.fix}
    >
      {(aria) => (
        <input
          {...aria}
          value={draft[field] as string}
          placeholder={options.placeholder}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => update(field, e.target.value as never)}
          onBlur={() => {
            touch(field)();
            options.onBlur?.();
          }}
        />
      )}
    </Field>
  );

  const suggestion = errorFor('endpointUrl') ? endpointSuggestion(draft.endpointUrl) : null;
  const endpointFix = suggestion && (
    <button
      type="button"
      className="button-small field-fix"
      onClick={() => {
        update('endpointUrl', suggestion);
        // The button goes with the message it fixes: focus returns to the field rather than to the page.
        document.getElementById('profile-endpointUrl')?.focus();
      }}
    >
      {t('endpoint.use', { url: suggestion })}
    </button>
  );
  const tidySpeed = () => {
    const tidy = tidySpeedLimit(draft.speedLimit);
    if (tidy !== draft.speedLimit) setDraft((d) => ({ ...d, speedLimit: tidy }));
  };

  let statusText: string | null = null;
  if (status?.kind === 'saved') statusText = t('settings.saved');
  else if (status?.kind === 'fix-errors' && !valid) statusText = t('settings.fixErrors');
  else if (status?.kind === 'refused') statusText = status.message;

  return (
    <form
      ref={form}
      className="profile-form"
      onSubmit={(e) => void save(e)}
      noValidate
      aria-label={draft.name || t('settings.newProfile')}
    >
      <h2>{profile ? profile.name : t('settings.newProfile')}</h2>
      <div className="form-grid">
        {text('name', 'field.name')}
        {text('endpointUrl', 'field.endpointUrl', {
          hint: 'field.endpointHint',
          placeholder: 'https://',
          fix: endpointFix,
        })}
        {text('region', 'field.region', draft.endpointUrl.trim() === '' ? { hint: 'field.regionHintAws' } : {})}
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
        <CredentialSource
          profile={profile}
          draft={draft}
          update={update}
          errorFor={errorFor}
          onBlur={(field) => touch(field)()}
        />
        <SendingFields
          checksum={draft.checksum}
          dataPath={draft.dataPath}
          onChecksum={(value) => update('checksum', value)}
          onDataPath={(value) => update('dataPath', value)}
        />
        {text('caBundle', 'field.caBundle', { hint: 'field.caBundleHint', placeholder: '/etc/ssl/private-ca.pem' })}
        {text('proxyUrl', 'credsUi.proxyUrl', { hint: 'credsUi.proxyHint', placeholder: 'http://' })}
        {text('partSizeMiB', 'field.partSize')}
        {text('concurrency', 'field.concurrency')}
        {text('speedLimit', 'field.speedLimitUnits', {
          hint: 'field.speedLimitHint',
          placeholder: t('field.speedLimitPlaceholder'),
          onBlur: tidySpeed,
        })}
      </div>
      <UploadDefaultsSection
        value={draft.uploads}
        onChange={(next) => update('uploads', next)}
        // A refusal of the options as a whole (the schema's, or main's "objectOptions: …") shows atop the section.
        errorFor={(name) => errorFor(name === 'uploads' ? 'objectOptions' : name)}
        onBlur={(name) => touch(name)()}
      />

      <div className="form-actions">
        <button type="submit" ref={saveButton} className="button-primary">
          {t('action.save')}
        </button>
        <button type="button" aria-disabled={test?.running === true} onClick={() => void runTest()}>
          {test?.running ? t('test.running') : t('action.test')}
        </button>
        {profile && <DeleteProfile profile={profile} />}
        {statusText && (
          <span className={`form-status${status?.kind === 'saved' ? '' : ' form-status-bad'}`} role="status">
            {statusText}
          </span>
        )}
      </div>
      <TestAnswer test={test} input={input} />
    </form>
  );
}
