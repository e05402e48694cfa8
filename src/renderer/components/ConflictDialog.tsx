// A file's key already exists: overwrite, skip, skip if unchanged (main compares size and checksum with the object
// and overwrites only a file that differs) or keep both, optionally for the rest of the batch, or stop adding the
// batch. Both files' sizes and dates are shown, so the choice is made on facts, not on the name alone.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Language, Translate } from '../../shared/i18n';
import type { FileFacts } from '../../shared/ipc';
import { formatBytes } from '../lib/format';
import { RelativeTime, withElement } from '../lib/relative-time';
import { useFocusTrap } from '../lib/use-focus-trap';
import { useApp, useLanguage, useT } from '../store/context';

/** Size and date; the date relative to now ("modified 3 days ago"), the full one on hover. */
function factsText(facts: FileFacts | null, t: Translate, language: Language, now: number): ReactNode {
  if (!facts) return t('conflict.remoteUnknown');
  const size = formatBytes(facts.size, language);
  if (facts.modifiedAt === null) return t('conflict.sizeOnly', { size });
  const date = <RelativeTime ms={facts.modifiedAt} now={now} language={language} t={t} />;
  return withElement(t('conflict.facts', { size }), 'date', date);
}

export function ConflictDialog() {
  const question = useApp((s) => s.conflict);
  const answer = useApp((s) => s.answerConflict);
  const stopAdding = useApp((s) => s.stopAdding);
  const t = useT();
  const language = useLanguage();
  const [applyToRest, setApplyToRest] = useState(false);
  const first = useRef<HTMLButtonElement>(null);
  // The dialog is modal: Tab and Shift+Tab go round its controls, and Escape is the choice that changes nothing on
  // the server (Skip).
  const onKey = useFocusTrap(() => void answer('skip', applyToRest));
  useEffect(() => {
    setApplyToRest(false);
    first.current?.focus();
  }, [question?.id]);
  if (!question) return null;
  // Read once per render: the question is answered in seconds, so its dates need no ticking clock.
  const now = Date.now();

  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="conflict-title"
        aria-describedby="conflict-body"
        onKeyDown={onKey}
      >
        <h2 id="conflict-title">{t('conflict.title')}</h2>
        <p id="conflict-body">
          {t('conflict.body', { name: question.name, bucket: question.bucket, key: question.key })}
        </p>
        <table className="conflict-facts">
          <tbody>
            <tr>
              <th scope="row">{t('conflict.local')}</th>
              <td>{factsText(question.local, t, language, now)}</td>
            </tr>
            <tr>
              <th scope="row">{t('conflict.remote', { bucket: question.bucket })}</th>
              <td>{factsText(question.remote, t, language, now)}</td>
            </tr>
          </tbody>
        </table>
        {question.remaining > 0 && (
          <label className="check">
            <input type="checkbox" checked={applyToRest} onChange={(e) => setApplyToRest(e.target.checked)} />
            {t('conflict.applyToRest', { n: question.remaining })}
          </label>
        )}
        <div className="modal-actions">
          <button
            type="button"
            className="button-quiet conflict-stop"
            title={t('conflict.stopHint')}
            onClick={() => void stopAdding()}
          >
            {t('action.stopAdding')}
          </button>
          <button type="button" ref={first} onClick={() => void answer('keep-both', applyToRest)}>
            {t('conflict.keepBoth')}
          </button>
          <button type="button" onClick={() => void answer('skip', applyToRest)}>
            {t('conflict.skip')}
          </button>
          <button
            type="button"
            title={t('conflict.skipUnchangedHint')}
            onClick={() => void answer('skip-unchanged', applyToRest)}
          >
            {t('conflict.skipUnchanged')}
          </button>
          <button type="button" className="button-danger" onClick={() => void answer('overwrite', applyToRest)}>
            {t('conflict.overwrite')}
          </button>
        </div>
      </div>
    </div>
  );
}
