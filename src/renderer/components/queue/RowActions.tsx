// A row's buttons: the one or two actions that make sense in its state, and Details for an error. Each button's name
// says which file it acts on ("Cancel photo.jpg"), since every row has the same words.
import { useCallback, type RefObject } from 'react';
import { isPausable } from '../../../shared/ipc-recovery';
import type { UploadItem } from '../../../shared/upload-item';
import { isCancellable, isFinished, isRetryable } from '../../../shared/upload-state';
import { isNetworkWait } from '../../lib/state-text';
import { useApp, useT } from '../../store/context';
import { useCopyLink } from '../history/use-copy-link';

export function RowActions({
  item,
  cancelling,
  details,
  rowRef,
}: {
  item: UploadItem;
  /** Cancel clicked, main not yet reporting it. */
  cancelling: boolean;
  /** The state has a message worth opening whole. */
  details: boolean;
  rowRef: RefObject<HTMLDivElement | null>;
}) {
  const cancel = useApp((s) => s.cancel);
  const retry = useApp((s) => s.retry);
  const remove = useApp((s) => s.remove);
  const pause = useApp((s) => s.pause);
  const resume = useApp((s) => s.resume);
  const tryNow = useApp((s) => s.tryNow);
  const openDetails = useApp((s) => s.openDetails);
  const t = useT();
  const say = useApp((s) => s.say);
  // Said in the notice bar: a sentence inside the row would squeeze its progress bar.
  const { status: link, copy } = useCopyLink(
    useCallback(
      (s: { kind: 'copied' | 'failed'; text: string }) =>
        say('error', { message: s.text }, s.kind === 'copied' ? 'info' : 'error'),
      [say],
    ),
  );
  const { id, name } = item;
  const kind = item.state.kind;

  const onCancel = () => {
    // The button is disabled at once and then goes away: the focus stays on this row rather than falling to the page,
    // so Tab reaches the row's next action (Retry) and the arrow keys go on from here.
    rowRef.current?.focus();
    void cancel(id);
  };

  return (
    <div className="row-actions">
      {kind === 'done' && (
        <button
          type="button"
          className="button-small"
          aria-label={t('history.copyLinkItem', { name })}
          disabled={link.kind === 'making'}
          onClick={() => copy({ kind: 'queue', id })}
        >
          {t('history.copyLink')}
        </button>
      )}
      {details && (
        <button
          type="button"
          className="button-small button-quiet"
          aria-label={t('aria.detailsItem', { name })}
          aria-haspopup="dialog"
          onClick={() => openDetails(id)}
        >
          {t('action.details')}
        </button>
      )}
      {/* Main's Try now wakes every file waiting for the network, not only this one: they wait for the same thing. */}
      {isNetworkWait(item.state) && !cancelling && (
        <button
          type="button"
          className="button-small"
          aria-label={t('aria.tryNowItem', { name })}
          onClick={() => void tryNow()}
        >
          {t('action.tryNow')}
        </button>
      )}
      {isPausable(kind) && !cancelling && (
        <button
          type="button"
          className="button-small"
          aria-label={t('aria.pauseItem', { name })}
          onClick={() => void pause(id)}
        >
          {t('action.pause')}
        </button>
      )}
      {kind === 'paused' && !cancelling && (
        <button
          type="button"
          className="button-small"
          aria-label={t('aria.resumeItem', { name })}
          onClick={() => void resume(id)}
        >
          {t('action.resume')}
        </button>
      )}
      {isCancellable(kind) && (
        <button
          type="button"
          className="button-small"
          aria-label={t('aria.cancelItem', { name })}
          disabled={cancelling}
          onClick={onCancel}
        >
          {t('action.cancel')}
        </button>
      )}
      {isRetryable(kind) && (
        <button
          type="button"
          className="button-small"
          aria-label={t('aria.retryItem', { name })}
          onClick={() => void retry(id)}
        >
          {t('action.retry')}
        </button>
      )}
      {isFinished(kind) && (
        <button
          type="button"
          className="button-small button-quiet"
          aria-label={t('aria.removeItem', { name })}
          onClick={() => void remove(id)}
        >
          {t('action.remove')}
        </button>
      )}
    </div>
  );
}
