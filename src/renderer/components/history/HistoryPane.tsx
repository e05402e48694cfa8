// The History pane: finished uploads, newest first, with search, Copy link and Reveal in the destination. Main keeps
// the history (the engine's, in the app's state folder) and answers a search; the page shows at most what it answers.
import { useEffect, useState } from 'react';
import type { HistoryEntryView } from '../../../shared/ipc';
import { formatBytes } from '../../lib/format';
import { RelativeTime } from '../../lib/relative-time';
import { useNow } from '../../lib/use-now';
import { useApi, useApp, useLanguage, useT } from '../../store/context';
import { useCopyLink } from './use-copy-link';
import './history.css';

/** Typing waits this long before asking main, so a word is one search rather than one per letter. */
const SEARCH_DELAY_MS = 200;

type Listing =
  | { kind: 'loading' }
  | { kind: 'listed'; query: string; entries: HistoryEntryView[] }
  | { kind: 'failed'; message: string };

/** The folder an object is in: '' at the bucket's root, else up to and with its last '/'. */
export function folderOf(key: string): string {
  return key.slice(0, key.lastIndexOf('/') + 1);
}

export function HistoryPane() {
  const api = useApi();
  const back = useApp((s) => s.closeSettings);
  const selectTarget = useApp((s) => s.selectTarget);
  const t = useT();
  const language = useLanguage();
  const now = useNow(true, 30_000);
  const [query, setQuery] = useState('');
  const [listing, setListing] = useState<Listing>({ kind: 'loading' });
  const { status, copy } = useCopyLink();

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      api.listHistory(query).then(
        (entries) => current && setListing({ kind: 'listed', query, entries }),
        (e: Error) => current && setListing({ kind: 'failed', message: e.message }),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, query]);

  const reveal = async (entry: HistoryEntryView) => {
    if (!entry.profileId) return;
    await selectTarget({ profileId: entry.profileId, bucket: entry.bucket, prefix: folderOf(entry.key) });
    back();
  };

  return (
    <section className="history" aria-labelledby="history-title">
      <div className="history-head">
        <h2 id="history-title">{t('history.title')}</h2>
        <button type="button" className="button-small" onClick={back}>
          {t('action.back')}
        </button>
      </div>
      <p className="muted">{t('history.intro')}</p>
      <div className="history-bar">
        <label className="history-search">
          <span>{t('history.search')}</span>
          <input
            type="search"
            value={query}
            placeholder={t('history.searchPlaceholder')}
            onChange={(e) => setQuery(e.target.value)}
          />
        </label>
        <span role="status" className={`history-status history-status-${status.kind}`}>
          {status.kind === 'making' ? t('history.copying') : 'text' in status ? status.text : ''}
        </span>
      </div>
      {listing.kind === 'loading' && <p className="muted">{t('history.loading')}</p>}
      {listing.kind === 'failed' && (
        <p className="history-error">{t('history.loadFailed', { message: listing.message })}</p>
      )}
      {listing.kind === 'listed' && listing.entries.length === 0 && (
        <p className="muted">
          {listing.query.trim() ? t('history.noMatch', { query: listing.query.trim() }) : t('history.empty')}
        </p>
      )}
      {listing.kind === 'listed' && listing.entries.length > 0 && (
        <table className="history-table">
          <thead>
            <tr>
              <th scope="col">{t('history.col.object')}</th>
              <th scope="col" className="history-num">
                {t('history.col.size')}
              </th>
              <th scope="col">{t('history.col.finished')}</th>
              <th scope="col">{t('history.col.profile')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('history.copyLink')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {listing.entries.map((entry) => {
              const name = entry.key.slice(entry.key.lastIndexOf('/') + 1) || entry.key;
              const gone = entry.profileName === null;
              return (
                <tr key={entry.id}>
                  <td className="history-object">
                    <span className="history-key">{entry.key}</span>
                    <span className="history-bucket muted">{entry.bucket}</span>
                  </td>
                  <td className="history-num">{formatBytes(entry.size, language)}</td>
                  <td className="history-when">
                    <RelativeTime ms={entry.finishedAt} now={now} language={language} t={t} />
                  </td>
                  <td className={gone ? 'muted' : undefined}>{entry.profileName ?? t('history.profileGone')}</td>
                  <td className="history-actions">
                    <button
                      type="button"
                      className="button-small"
                      disabled={gone}
                      title={gone ? t('history.noProfile') : undefined}
                      aria-label={t('history.copyLinkItem', { name })}
                      onClick={() => copy({ kind: 'history', id: entry.id })}
                    >
                      {t('history.copyLink')}
                    </button>
                    <button
                      type="button"
                      className="button-small button-quiet"
                      disabled={gone}
                      aria-label={t('history.revealItem', { name })}
                      onClick={() => void reveal(entry)}
                    >
                      {t('history.reveal')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
