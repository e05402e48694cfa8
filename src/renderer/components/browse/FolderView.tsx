// One folder of a bucket: its sub-folders (each opens on click or Enter) and the objects directly in it, with size
// and age, so that the user sees what already landed there. More pages load on "Load more" or when scrolled to the end.
import type { UIEvent } from 'react';
import { formatBytes } from '../../lib/format';
import { RelativeTime } from '../../lib/relative-time';
import { useNow } from '../../lib/use-now';
import { useLanguage, useT } from '../../store/context';
import { folderName, type FolderState } from './browse-state';

/** How close to the end of the list (px) a scroll asks for the next page. */
const NEAR_END_PX = 48;

export interface FolderViewProps {
  prefix: string;
  state: FolderState;
  /** Folders made with "New folder" here, not on the server yet. */
  added: string[];
  /** Whether this folder itself was made with "New folder" (then empty is expected). */
  isNew: boolean;
  onOpen(folder: string): void;
  onLoadMore(): void;
  onRetry(): void;
}

function FolderIcon() {
  return (
    <svg className="browse-icon" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M1.5 3.5h4.2l1.4 1.6h7.4v7.4h-13z" />
    </svg>
  );
}

export function FolderView({ prefix, state, added, isNew, onOpen, onLoadMore, onRetry }: FolderViewProps) {
  const t = useT();
  const language = useLanguage();
  // "5 minutes ago" stays true while the dialog is open.
  const now = useNow(true, 30_000);

  if (state.kind === 'loading') {
    return (
      <p className="browse-status" role="status">
        {t('browse.loading')}
      </p>
    );
  }
  if (state.kind === 'failed') {
    return (
      <div className="browse-failure" role="alert">
        <p>{state.message}</p>
        <button type="button" className="button-small" onClick={onRetry}>
          {t('browse.retry')}
        </button>
      </div>
    );
  }

  const folders = [...added, ...state.folders];
  const { more } = state;
  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const el = event.currentTarget;
    if (more.kind === 'available' && el.scrollTop + el.clientHeight >= el.scrollHeight - NEAR_END_PX) onLoadMore();
  };
  const empty = folders.length === 0 && state.objects.length === 0;

  return (
    <>
      <div className="browse-list" onScroll={onScroll}>
        {empty ? (
          <p className="browse-status">{t(isNew ? 'browse.newFolderEmpty' : 'browse.empty')}</p>
        ) : (
          <table className="browse-table">
            <thead>
              <tr>
                <th scope="col">{t('browse.column.name')}</th>
                <th scope="col" className="browse-size">
                  {t('browse.column.size')}
                </th>
                <th scope="col" className="browse-when">
                  {t('browse.column.modified')}
                </th>
              </tr>
            </thead>
            <tbody>
              {folders.map((folder) => (
                <tr key={folder} className="browse-folder-row">
                  <td colSpan={3}>
                    <button type="button" className="browse-folder" onClick={() => onOpen(folder)}>
                      <FolderIcon />
                      <span>{folderName(folder, prefix)}</span>
                    </button>
                  </td>
                </tr>
              ))}
              {state.objects.map((object) => (
                <tr key={object.key} className="browse-object-row">
                  <td className="browse-name" title={object.key}>
                    {folderName(object.key, prefix)}
                  </td>
                  <td className="browse-size">{formatBytes(object.size, language)}</td>
                  <td className="browse-when">
                    {object.modifiedAt === null ? (
                      '—'
                    ) : (
                      <RelativeTime ms={object.modifiedAt} now={now} language={language} t={t} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="browse-more">
        <span className="browse-count">
          {t(more.kind === 'none' ? 'browse.shown' : 'browse.shownMore', {
            folders: folders.length,
            objects: state.objects.length,
          })}
        </span>
        {more.kind === 'failed' && (
          <span className="browse-more-failure" role="alert">
            {more.message}
          </span>
        )}
        {more.kind !== 'none' && (
          <button type="button" className="button-small" disabled={more.kind === 'loading'} onClick={onLoadMore}>
            {more.kind === 'loading' ? t('browse.loading') : t('browse.loadMore')}
          </button>
        )}
      </div>
    </>
  );
}
