// The destination browser: a dialog over the window to pick the target's bucket and folder on the server instead of
// typing them. It starts at the target bar's bucket and prefix (the bucket list when there is no usable bucket), walks
// folders with breadcrumbs and Up, shows the objects already there, and hands back the folder chosen. Main answers
// with the profile's own endpoint and keys; the page sends only the profile id, bucket and prefix.
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { bucketNameProblem, prefixProblem } from '../../../shared/settings-schema';
import { destination } from '../../lib/format';
import { focusables, useFocusTrap } from '../../lib/use-focus-trap';
import { useApi, useT } from '../../store/context';
import { addedFoldersIn, crumbsOf, parentOf, startPlace, type Place } from './browse-state';
import { BucketPicker } from './BucketPicker';
import { FolderView } from './FolderView';
import { NewFolder } from './NewFolder';
import { useBuckets, useFolder } from './use-browse-listing';
import './browse.css';

export interface DestinationBrowserProps {
  profileId: string;
  bucket: string;
  prefix: string;
  onPick(bucket: string, prefix: string): void;
  onClose(): void;
}

export function DestinationBrowser({ profileId, bucket, prefix, onPick, onClose }: DestinationBrowserProps) {
  const api = useApi();
  const t = useT();
  const [place, setPlace] = useState<Place>(() =>
    startPlace(bucket, prefix, bucketNameProblem(bucket) === null, prefixProblem(prefix) === null),
  );
  /** Folders made with "New folder" in this dialog, as full prefixes with their bucket. */
  const [added, setAdded] = useState<{ bucket: string; prefix: string }[]>([]);
  const buckets = useBuckets(api, profileId, place.kind === 'buckets');
  const folder = useFolder(api, profileId, place);
  const dialog = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);

  // A click or Enter that opens a folder removes the button it was on: focus goes to the new place's first control,
  // so the keyboard can go on (Enter again opens the next folder) and never falls out of the dialog.
  useEffect(() => {
    const root = dialog.current;
    if (!root) return;
    const active = document.activeElement;
    if (active && active !== root && root.contains(active)) return;
    const first = body.current ? focusables(body.current)[0] : undefined;
    (first ?? root).focus();
  });

  const onKey = useFocusTrap(onClose);

  const inBucket = place.kind === 'folder' ? place.bucket : null;
  const addedHere =
    place.kind === 'folder' && folder.state.kind === 'shown'
      ? addedFoldersIn(
          added.filter((a) => a.bucket === place.bucket).map((a) => a.prefix),
          place.prefix,
          folder.state.folders,
        )
      : [];
  const isNew = place.kind === 'folder' && added.some((a) => a.bucket === place.bucket && a.prefix === place.prefix);
  const open = (b: string, p: string) => setPlace({ kind: 'folder', bucket: b, prefix: p });

  return createPortal(
    <div className="modal-backdrop">
      <div
        ref={dialog}
        className="modal browse-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="browse-title"
        tabIndex={-1}
        onKeyDown={onKey}
      >
        <h2 id="browse-title">{t('browse.title')}</h2>
        <div className="browse-nav">
          <button
            type="button"
            className="button-small"
            disabled={place.kind === 'buckets'}
            onClick={() => setPlace(parentOf(place))}
          >
            ↑ {t('browse.up')}
          </button>
          <nav aria-label={t('browse.location')} className="browse-crumbs">
            <ol>
              <li>
                {place.kind === 'buckets' ? (
                  <span aria-current="location">{t('browse.buckets')}</span>
                ) : (
                  <button type="button" className="button-quiet" onClick={() => setPlace({ kind: 'buckets' })}>
                    {t('browse.buckets')}
                  </button>
                )}
              </li>
              {inBucket !== null && (
                <li>
                  {place.kind === 'folder' && place.prefix === '' ? (
                    <span aria-current="location">{inBucket}</span>
                  ) : (
                    <button type="button" className="button-quiet" onClick={() => open(inBucket, '')}>
                      {inBucket}
                    </button>
                  )}
                </li>
              )}
              {place.kind === 'folder' &&
                crumbsOf(place.prefix).map((crumb) => (
                  <li key={crumb.prefix}>
                    {crumb.prefix === place.prefix ? (
                      <span aria-current="location">{crumb.name}</span>
                    ) : (
                      <button type="button" className="button-quiet" onClick={() => open(place.bucket, crumb.prefix)}>
                        {crumb.name}
                      </button>
                    )}
                  </li>
                ))}
            </ol>
          </nav>
        </div>
        <div className="browse-body" ref={body}>
          {place.kind === 'buckets' ? (
            <BucketPicker
              state={buckets.state}
              typed={bucketNameProblem(bucket) === null ? bucket : ''}
              onOpen={(b) => open(b, '')}
              onRetry={buckets.retry}
            />
          ) : (
            <FolderView
              prefix={place.prefix}
              state={folder.state}
              added={addedHere}
              isNew={isNew}
              onOpen={(p) => open(place.bucket, p)}
              onLoadMore={folder.loadMore}
              onRetry={folder.retry}
            />
          )}
        </div>
        {place.kind === 'folder' && (
          <p className="browse-destination" title={destination(place.bucket, place.prefix)}>
            {destination(place.bucket, place.prefix)}
          </p>
        )}
        <div className="modal-actions browse-actions">
          {place.kind === 'folder' && (
            <NewFolder
              prefix={place.prefix}
              onAdd={(p) => {
                setAdded((list) => [...list, { bucket: place.bucket, prefix: p }]);
                open(place.bucket, p);
              }}
            />
          )}
          <button type="button" onClick={onClose}>
            {t('browse.cancel')}
          </button>
          <button
            type="button"
            className="button-primary"
            disabled={place.kind !== 'folder'}
            onClick={() => place.kind === 'folder' && onPick(place.bucket, place.prefix)}
          >
            {t('browse.choose')}
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
