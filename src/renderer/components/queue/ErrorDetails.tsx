// An error row's whole text, opened from the row or its Details button: what happened and what to do, never cut off,
// with a Copy button (for a bug report or a colleague). A modal dialog: the focus starts on Copy, Tab stays inside,
// Escape or Close shuts it and the focus goes back to the row.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { errorCodeOf, stateText } from '../../lib/state-text';
import { handleModalKey } from '../../lib/use-focus-trap';
import { useApp, useT } from '../../store/context';

type CopyStatus = 'idle' | 'copied' | 'failed';

/** Copies text: the async clipboard API, or the selection and execCommand where that is refused. */
async function copyText(text: string, fallbackFrom: HTMLElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!fallbackFrom) return false;
    const range = document.createRange();
    range.selectNodeContents(fallbackFrom);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

export function ErrorDetails({ onClosed }: { onClosed: (id: string) => void }) {
  const id = useApp((s) => s.detailsFor);
  const item = useApp((s) => (s.detailsFor === null ? undefined : s.items.get(s.detailsFor)));
  const openDetails = useApp((s) => s.openDetails);
  const t = useT();
  const [status, setStatus] = useState<CopyStatus>('idle');
  const copyButton = useRef<HTMLButtonElement>(null);
  const textRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setStatus('idle');
    if (id !== null) copyButton.current?.focus();
  }, [id]);

  if (id === null || !item) return null;
  const words = stateText(item.state, t);
  const code = errorCodeOf(item.state);
  const dest = `${item.bucket}/${item.key}`;
  const whole = [item.name, t('details.dest', { dest }), words, code ? t('details.code', { code }) : '']
    .filter(Boolean)
    .join('\n');

  const close = () => {
    openDetails(null);
    onClosed(id);
  };
  // Modal: Tab stays inside, Escape closes.
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => handleModalKey(event, close);

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div
        className="modal details"
        role="dialog"
        aria-modal="true"
        aria-labelledby="details-title"
        aria-describedby="details-text"
        onKeyDown={onKeyDown}
      >
        <h2 id="details-title" className="details-title">
          {t('details.title', { name: item.name })}
        </h2>
        <div id="details-text" ref={textRef} className="details-text">
          <p className="details-dest">{t('details.dest', { dest })}</p>
          <p className="details-message">{words}</p>
          {code && <p className="details-code">{t('details.code', { code })}</p>}
        </div>
        <div className="modal-actions">
          <span className="details-status" role="status">
            {status === 'copied' ? t('details.copied') : status === 'failed' ? t('details.copyFailed') : ''}
          </span>
          <button
            ref={copyButton}
            type="button"
            onClick={async () => setStatus((await copyText(whole, textRef.current)) ? 'copied' : 'failed')}
          >
            {t('details.copy')}
          </button>
          <button type="button" className="button-primary" onClick={close}>
            {t('action.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
