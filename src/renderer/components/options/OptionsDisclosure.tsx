// The target bar's "Options": a button that opens a panel under the bar with the object options for the next drops.
// It starts as the profile sets them; a change travels to main as the active target's options (selectTarget), so that
// the next addDropped / pickAndAdd carries them. The button says how many fields differ from the profile's.
//
// Edits are sent once they check out and the typing paused (a drop right after an edit gets it); Done, Escape, a
// click outside and the button itself close the panel, sending what is pending. With a message showing, the panel
// stays open on Done and focus goes to the field at fault.
import { useEffect, useRef, useState } from 'react';
import type { ObjectOptions } from '../../../shared/object-options';
import type { ProfileView, TargetChoice } from '../../../shared/settings-schema';
import { useT } from '../../store/context';
import { ObjectOptionsFields } from './ObjectOptionsFields';
import { changedOptionFields, objectOptionProblems, tidyObjectOptions } from './option-values';
import './options.css';

export interface OptionsDisclosureProps {
  profile: ProfileView;
  choice: TargetChoice;
  /** The drop's options; undefined: the profile's own. */
  onChoose(options: ObjectOptions | undefined): void;
}

/** How long typing must pause before an edit is sent. */
export const OPTIONS_SEND_DELAY_MS = 300;
const PANEL_ID = 'drop-options';

export function OptionsDisclosure({ profile, choice, onChoose }: OptionsDisclosureProps) {
  const t = useT();
  const effective = choice.options ?? profile.objectOptions;
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<ObjectOptions>(effective);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const [refusals, setRefusals] = useState(0);
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** The last options sent (or the ones main holds), so that an unchanged panel sends nothing. */
  const sent = useRef<string>(JSON.stringify(choice.options ?? null));
  sent.current = JSON.stringify(choice.options ?? null);

  // Another profile (or a reset from elsewhere): the panel shows what now applies.
  useEffect(() => {
    setDraft(choice.options ?? profile.objectOptions);
    // Only when the profile changes: edits in progress are not overwritten by main's echo of them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [choice.profileId]);
  useEffect(() => () => clearTimeout(pending.current), []);
  useEffect(() => {
    if (refusals > 0) wrapper.current?.querySelector<HTMLElement>('.options-panel [aria-invalid="true"]')?.focus();
  }, [refusals]);

  const problems = objectOptionProblems(draft);
  const changed = choice.options ? changedOptionFields(choice.options, profile.objectOptions).length : 0;

  /** Sends these options if they check out and differ from what main holds; true when nothing is left unsent. */
  const send = (options: ObjectOptions): boolean => {
    clearTimeout(pending.current);
    if (Object.keys(objectOptionProblems(options)).length > 0) return false;
    const tidy = tidyObjectOptions(options);
    const next = changedOptionFields(tidy, profile.objectOptions).length > 0 ? tidy : undefined;
    const text = JSON.stringify(next ?? null);
    if (text !== sent.current) {
      sent.current = text;
      onChoose(next);
    }
    return true;
  };
  const change = (next: ObjectOptions) => {
    setDraft(next);
    clearTimeout(pending.current);
    pending.current = setTimeout(() => send(next), OPTIONS_SEND_DELAY_MS);
  };
  const close = (returnFocus: boolean) => {
    if (!send(draft)) {
      setSubmitted(true);
      setRefusals((n) => n + 1);
      return;
    }
    setOpen(false);
    if (returnFocus) button.current?.focus();
  };
  const toggle = () => {
    if (open) return close(false);
    setDraft(effective);
    setTouched({});
    setSubmitted(false);
    setOpen(true);
  };
  const reset = () => {
    clearTimeout(pending.current);
    setDraft(profile.objectOptions);
    setTouched({});
    setSubmitted(false);
    sent.current = JSON.stringify(null);
    if (choice.options) onChoose(undefined);
  };

  // A click outside closes the panel as Done does (what is valid is sent; with a message showing it stays open).
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) close(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  });
  // Focus moves into the panel when it opens, to its first field.
  useEffect(() => {
    if (open) wrapper.current?.querySelector<HTMLElement>('.options-panel select, .options-panel input')?.focus();
  }, [open]);

  const errorFor = (name: string) => {
    const key = problems[name];
    return key && (touched[name] || submitted) ? t(key) : undefined;
  };

  return (
    <div
      className="options-disclosure"
      ref={wrapper}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          close(true);
        }
      }}
    >
      <button
        type="button"
        ref={button}
        className={`button-small options-button${changed > 0 ? ' options-button-changed' : ''}`}
        aria-expanded={open}
        aria-controls={PANEL_ID}
        aria-label={changed > 0 ? t('options.buttonChanged', { n: changed }) : undefined}
        onClick={toggle}
      >
        {t('options.button')}
        {changed > 0 && (
          <span className="options-badge" aria-hidden="true">
            {changed}
          </span>
        )}
        <span className="options-caret" aria-hidden="true">
          {open ? '▴' : '▾'}
        </span>
      </button>
      {open && (
        <div id={PANEL_ID} className="options-panel" role="group" aria-labelledby={`${PANEL_ID}-title`}>
          <h3 id={`${PANEL_ID}-title`}>{t('options.panelTitle')}</h3>
          <p className="options-intro">{t('options.panelHint', { profile: profile.name })}</p>
          <ObjectOptionsFields
            idPrefix="drop-opt"
            value={draft}
            onChange={change}
            errorFor={errorFor}
            onBlur={(name) => setTouched((before) => ({ ...before, [name]: true }))}
          />
          <div className="options-actions">
            <button type="button" className="button-small" onClick={reset}>
              {t('options.reset')}
            </button>
            <button type="button" className="button-small button-primary" onClick={() => close(true)}>
              {t('options.done')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
