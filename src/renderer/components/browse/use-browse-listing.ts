// The destination browser's requests to main: the bucket list (once per dialog, when first needed) and a folder's
// pages (afresh for each folder, more on request). An answer for a place the user has already left is dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HoistApi } from '../../../shared/ipc-api';
import { failureText, withPage, type BucketsState, type FolderState, type Place } from './browse-state';

export function useBuckets(api: HoistApi, profileId: string, wanted: boolean): { state: BucketsState; retry(): void } {
  const [state, setState] = useState<BucketsState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    // Asked each time the bucket list is shown (a dialog opened on a folder may never need it), and on Try again.
    if (!wanted) return;
    let current = true;
    setState({ kind: 'loading' });
    api.browseBuckets(profileId).then(
      (listing) => {
        if (!current) return;
        setState(listing.kind === 'listed' ? { kind: 'listed', buckets: listing.buckets } : { kind: 'refused' });
      },
      (error: unknown) => current && setState({ kind: 'failed', message: failureText(error) }),
    );
    return () => {
      current = false;
    };
  }, [api, profileId, wanted, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}

export interface FolderListingHook {
  state: FolderState;
  loadMore(): void;
  retry(): void;
}

export function useFolder(api: HoistApi, profileId: string, place: Place): FolderListingHook {
  const [state, setState] = useState<FolderState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  /** Which place the answers belong to: bumped on every move, so a late answer for the last folder is ignored. */
  const generation = useRef(0);
  const bucket = place.kind === 'folder' ? place.bucket : null;
  const prefix = place.kind === 'folder' ? place.prefix : '';

  useEffect(() => {
    const mine = ++generation.current;
    if (bucket === null) return;
    setState({ kind: 'loading' });
    api.browseList({ profileId, bucket, prefix }).then(
      (page) =>
        mine === generation.current && setState((s) => withPage(s.kind === 'shown' ? { kind: 'loading' } : s, page)),
      (error: unknown) => mine === generation.current && setState({ kind: 'failed', message: failureText(error) }),
    );
  }, [api, profileId, bucket, prefix, attempt]);

  const loadMore = useCallback(() => {
    if (bucket === null || state.kind !== 'shown') return;
    const { more } = state;
    if (more.kind !== 'available' && more.kind !== 'failed') return;
    const mine = generation.current;
    const token = more.token;
    setState({ ...state, more: { kind: 'loading', token } });
    api.browseList({ profileId, bucket, prefix }, token).then(
      (page) => mine === generation.current && setState((s) => withPage(s, page)),
      (error: unknown) =>
        mine === generation.current &&
        setState((s) =>
          s.kind === 'shown' ? { ...s, more: { kind: 'failed', token, message: failureText(error) } } : s,
        ),
    );
  }, [api, profileId, bucket, prefix, state]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, loadMore, retry };
}
