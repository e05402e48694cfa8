// The profile form's "Upload options" section: the object options every drop starts from, the files left out of
// folder drops, skip-unchanged, and how long a share link works. The form holds the values and the messages.
import type { Translate } from '../../../shared/i18n';
import type { PROFILE_UPLOAD_DEFAULTS } from '../../../shared/settings-schema';
import { useT } from '../../store/context';
import { Field } from '../Field';
import { OPTION_PROBLEM_PREFIX } from '../profile-draft';
import { ObjectOptionsFields } from './ObjectOptionsFields';
import './options.css';

export type UploadDefaults = typeof PROFILE_UPLOAD_DEFAULTS;

/** The expiry choices offered, in hours: 1 hour to 7 days (the most a SigV4 presigned URL may last). */
export const SHARE_LINK_HOURS = [1, 6, 12, 24, 48, 72, 168] as const;

export interface UploadDefaultsSectionProps {
  value: UploadDefaults;
  onChange(next: UploadDefaults): void;
  /** The message for a problem name: "opt.<option problem>" (option-values.ts), "excludes", or "uploads" (the
   *  section as a whole: a refusal main gave without a finer place). */
  errorFor(name: string): string | undefined;
  onBlur(name: string): void;
}

export function UploadDefaultsSection({ value, onChange, errorFor, onBlur }: UploadDefaultsSectionProps) {
  const t = useT();
  const set = <K extends keyof UploadDefaults>(field: K, next: UploadDefaults[K]) =>
    onChange({ ...value, [field]: next });
  const hours: number[] = SHARE_LINK_HOURS.includes(value.shareLinkHours as never)
    ? [...SHARE_LINK_HOURS]
    : [...SHARE_LINK_HOURS, value.shareLinkHours].sort((a, b) => a - b);
  const sectionError = errorFor('uploads');

  return (
    <section className="options-section" aria-labelledby="profile-options-title">
      <h3 id="profile-options-title">{t('options.title')}</h3>
      <p className="options-intro">{t('options.intro')}</p>
      {sectionError && (
        <div className="field-error" role="alert">
          {sectionError}
        </div>
      )}
      <ObjectOptionsFields
        idPrefix="profile-opt"
        value={value.objectOptions}
        onChange={(next) => set('objectOptions', next)}
        errorFor={(name) => errorFor(`${OPTION_PROBLEM_PREFIX}${name}`)}
        onBlur={(name) => onBlur(`${OPTION_PROBLEM_PREFIX}${name}`)}
      />
      <div className="options-fields">
        <Field
          id="profile-excludes"
          label={t('options.excludes')}
          hint={t('options.excludesHint')}
          error={errorFor('excludes')}
        >
          {(aria) => (
            <textarea
              {...aria}
              rows={3}
              spellCheck={false}
              value={value.excludes.join('\n')}
              // Split as typed, blank lines kept: the text reads back exactly; saving drops the blank ones.
              onChange={(e) => set('excludes', e.target.value.split('\n'))}
              onBlur={() => onBlur('excludes')}
            />
          )}
        </Field>
        <Field id="profile-shareLinkHours" label={t('options.shareLinkHours')} error={errorFor('shareLinkHours')}>
          {(aria) => (
            <select
              {...aria}
              value={value.shareLinkHours}
              onChange={(e) => set('shareLinkHours', Number(e.target.value))}
            >
              {hours.map((h) => (
                <option key={h} value={h}>
                  {hoursText(t, h)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="field field-check options-wide">
          <label className="check">
            <input
              type="checkbox"
              checked={value.skipUnchanged}
              onChange={(e) => set('skipUnchanged', e.target.checked)}
            />
            {t('options.skipUnchanged')}
          </label>
        </div>
      </div>
    </section>
  );
}

/** "1 hour", "12 hours", "3 days": whole days as days. */
export function hoursText(t: Translate, hours: number): string {
  if (hours === 1) return t('options.hour');
  if (hours % 24 === 0 && hours >= 48) return t('options.days', { n: hours / 24 });
  return t('options.hours', { n: hours });
}
