// "Discard your changes?": asked when the user leaves a profile form that has unsaved input (Back, Escape, another
// profile). Modal: Tab stays inside, Escape keeps editing, and focus starts on Keep editing, the choice that loses
// nothing, so an Enter pressed out of habit does no harm.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useT } from '../../store/context';

export interface DiscardDialogProps {
  onDiscard(): void;
  onKeepEditing(): void;
}

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('button, input, select, textarea, [href], [tabindex]')].filter(
    (el) => !(el as HTMLButtonElement).disabled && el.tabIndex >= 0,
  );
}

export function DiscardDialog({ onDiscard, onKeepEditing }: DiscardDialogProps) {
  const t = useT();
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);

  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onKeepEditing();
      return;
    }
    if (event.key !== 'Tab') return;
    const all = focusables(event.currentTarget);
    if (all.length === 0) return;
    const at = all.indexOf(document.activeElement as HTMLElement);
    const wrapTo = event.shiftKey ? (at <= 0 ? all.length - 1 : -1) : at === -1 || at === all.length - 1 ? 0 : -1;
    if (wrapTo === -1) return; // an ordinary step inside the dialog
    event.preventDefault();
    all[wrapTo]!.focus();
  };

  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="discard-title"
        aria-describedby="discard-body"
        onKeyDown={onKey}
      >
        <h2 id="discard-title">{t('settings.discardTitle')}</h2>
        <p id="discard-body">{t('settings.discardBody')}</p>
        <div className="modal-actions">
          <button type="button" className="button-danger" onClick={onDiscard}>
            {t('settings.discard')}
          </button>
          <button type="button" ref={keep} className="button-primary" onClick={onKeepEditing}>
            {t('settings.keepEditing')}
          </button>
        </div>
      </div>
    </div>
  );
}
