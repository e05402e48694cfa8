// A file's key already exists: overwrite, skip or keep both, optionally for the rest of the batch.
import { useEffect, useRef, useState } from 'react';
import { useApp, useT } from '../store/context';

export function ConflictDialog() {
  const question = useApp((s) => s.conflict);
  const answer = useApp((s) => s.answerConflict);
  const t = useT();
  const [applyToRest, setApplyToRest] = useState(false);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    setApplyToRest(false);
    first.current?.focus();
  }, [question?.id]);
  if (!question) return null;

  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="conflict-title" aria-describedby="conflict-body">
        <h2 id="conflict-title">{t('conflict.title')}</h2>
        <p id="conflict-body">{t('conflict.body', { name: question.name, bucket: question.bucket, key: question.key })}</p>
        {question.remaining > 0 && (
          <label className="check">
            <input type="checkbox" checked={applyToRest} onChange={(e) => setApplyToRest(e.target.checked)} />
            {t('conflict.applyToRest', { n: question.remaining })}
          </label>
        )}
        <div className="modal-actions">
          <button type="button" ref={first} onClick={() => void answer('keep-both', applyToRest)}>
            {t('conflict.keepBoth')}
          </button>
          <button type="button" onClick={() => void answer('skip', applyToRest)}>
            {t('conflict.skip')}
          </button>
          <button type="button" className="button-danger" onClick={() => void answer('overwrite', applyToRest)}>
            {t('conflict.overwrite')}
          </button>
        </div>
      </div>
    </div>
  );
}
