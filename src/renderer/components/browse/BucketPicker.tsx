// The bucket list of the destination browser: the buckets ListBuckets names, and always a field to type one. Keys
// that may not list buckets are common (least privilege), so a refused list shows the field with a hint, not an error.
import { useState, type FormEvent } from 'react';
import { bucketNameProblem } from '../../../shared/settings-schema';
import { RelativeTime } from '../../lib/relative-time';
import { useLanguage, useT } from '../../store/context';
import type { BucketsState } from './browse-state';

export interface BucketPickerProps {
  state: BucketsState;
  /** The target bar's bucket, to start the field with. */
  typed: string;
  onOpen(bucket: string): void;
  onRetry(): void;
}

export function BucketPicker({ state, typed, onOpen, onRetry }: BucketPickerProps) {
  const t = useT();
  const language = useLanguage();
  const [name, setName] = useState(typed);
  const [tried, setTried] = useState(false);
  const problem = bucketNameProblem(name);
  const now = Date.now();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!problem) onOpen(name);
  };

  return (
    <>
      {state.kind === 'loading' && (
        <p className="browse-status" role="status">
          {t('browse.loading')}
        </p>
      )}
      {state.kind === 'failed' && (
        <div className="browse-failure" role="alert">
          <p>{state.message}</p>
          <button type="button" className="button-small" onClick={onRetry}>
            {t('browse.retry')}
          </button>
        </div>
      )}
      {state.kind === 'listed' && state.buckets.length === 0 && (
        <p className="browse-status">{t('browse.noBuckets')}</p>
      )}
      {state.kind === 'listed' && state.buckets.length > 0 && (
        <div className="browse-list">
          <ul className="browse-buckets" aria-label={t('browse.buckets')}>
            {state.buckets.map((bucket) => (
              <li key={bucket.name}>
                <button type="button" className="browse-folder" onClick={() => onOpen(bucket.name)}>
                  <span className="browse-bucket-name">{bucket.name}</span>
                  {bucket.createdAt !== null && (
                    <span className="browse-bucket-date">
                      <RelativeTime ms={bucket.createdAt} now={now} language={language} t={t} />
                    </span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {state.kind === 'refused' && <p className="browse-hint">{t('browse.typeHint')}</p>}
      <form className="browse-typed" onSubmit={submit} noValidate>
        <label>
          <span>{t('browse.bucketName')}</span>
          <input
            value={name}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={tried && problem !== null}
            aria-describedby={tried && problem ? 'browse-bucket-problem' : undefined}
            onChange={(e) => setName(e.target.value.trim())}
          />
        </label>
        <button type="submit">{t('browse.openBucket')}</button>
        {tried && problem && (
          <span id="browse-bucket-problem" className="browse-problem">
            {t(problem)}
          </span>
        )}
      </form>
    </>
  );
}
