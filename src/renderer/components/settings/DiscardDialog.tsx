// "Discard your changes?": asked when the user leaves a profile form that has unsaved input (Back, Escape, another
// profile). Modal: Tab stays inside, Escape keeps editing, and focus starts on Keep editing, the choice that loses
// nothing, so an Enter pressed out of habit does no harm.
import { useEffect, useRef } from 'react';
import { useFocusTrap } from '../../lib/use-focus-trap';
import { useT } from '../../store/context';

export interface DiscardDialogProps {
  onDiscard(): void;
  onKeepEditing(): void;
}

export function DiscardDialog({ onDiscard, onKeepEditing }: DiscardDialogProps) {
  const t = useT();
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);

  const onKey = useFocusTrap(onKeepEditing);

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
