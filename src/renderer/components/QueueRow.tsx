// One file in the queue: name, size, destination, progress, speed and time left, its state in words, and the one
// or two actions that make sense in that state.
import { memo } from 'react';
import { isPausable } from '../../shared/ipc-recovery';
import { isCancellable, isFinished, isRetryable } from '../../shared/upload-state';
import { formatBytes, formatEta, formatSpeed, inFlightOf, percentOf } from '../lib/format';
import { isNetworkWait, stateText, stateTone } from '../lib/state-text';
import { useNow } from '../lib/use-now';
import { useApp, useLanguage, useT } from '../store/context';
import { ProgressBar } from './ProgressBar';

/**
 * Position and size come as numbers, not a style object, so that the memo holds: scrolling the virtualised list
 * re-renders only the rows that come into view, not every visible row on every scroll event.
 */
export const QueueRow = memo(function QueueRow({ id, top = 0, height }: { id: string; top?: number; height?: number }) {
  const item = useApp((s) => s.items.get(id));
  const cancelRequested = useApp((s) => s.cancelRequested[id] === true);
  const cancel = useApp((s) => s.cancel);
  const retry = useApp((s) => s.retry);
  const remove = useApp((s) => s.remove);
  const pause = useApp((s) => s.pause);
  const resume = useApp((s) => s.resume);
  const tryNow = useApp((s) => s.tryNow);
  const t = useT();
  const language = useLanguage();
  // "Retrying in N s" counts down, so a retrying row re-renders every second.
  const now = useNow(item?.state.kind === 'retrying');
  if (!item) return null;

  const kind = item.state.kind;
  const cancelling = cancelRequested && isCancellable(kind);
  const tone = cancelling ? 'active' : stateTone(item.state);
  const words = cancelling ? t('state.cancelling') : stateText(item.state, t, now);
  // The percent and the solid bar are what the server confirmed (never going back); the lighter part adds what is
  // in flight.
  const percent = percentOf(item);
  const inFlight = inFlightOf(item);
  const moving = kind === 'uploading' || kind === 'starting' || kind === 'completing';

  return (
    <div
      className={`row row-${tone}`}
      role="listitem"
      aria-label={item.name}
      style={{ height, transform: `translateY(${top}px)` }}
    >
      <div className="row-head">
        <span className="row-name" title={item.name}>
          {item.name}
        </span>
        <span className="row-size">{formatBytes(item.total, language)}</span>
      </div>
      <div className="row-dest" title={`${item.bucket}/${item.key}`}>
        {item.bucket}/{item.key}
      </div>
      <div className="row-progress">
        <ProgressBar
          percent={percent}
          inFlight={inFlight}
          label={t('aria.progressItem', { name: item.name })}
          tone={tone}
        />
        <span className="row-percent">{percent}%</span>
        <span className="row-speed">
          {moving && item.bytesPerSecond > 0 ? formatSpeed(item.bytesPerSecond, language) : ''}
        </span>
        <span className="row-eta">
          {moving && item.etaSeconds !== null ? t('row.left', { eta: formatEta(item.etaSeconds, t) }) : ''}
        </span>
      </div>
      <div className={`row-state state-${tone}`} title={words}>
        {words}
      </div>
      <div className="row-actions">
        {/* Main's Try now wakes every file waiting for the network, not only this one: they wait for the same thing. */}
        {isNetworkWait(item.state) && !cancelling && (
          <button
            type="button"
            className="button-small"
            aria-label={t('aria.tryNowItem', { name: item.name })}
            onClick={() => void tryNow()}
          >
            {t('action.tryNow')}
          </button>
        )}
        {isPausable(kind) && !cancelling && (
          <button
            type="button"
            className="button-small"
            aria-label={t('aria.pauseItem', { name: item.name })}
            onClick={() => void pause(id)}
          >
            {t('action.pause')}
          </button>
        )}
        {kind === 'paused' && !cancelling && (
          <button
            type="button"
            className="button-small"
            aria-label={t('aria.resumeItem', { name: item.name })}
            onClick={() => void resume(id)}
          >
            {t('action.resume')}
          </button>
        )}
        {isCancellable(kind) && (
          <button
            type="button"
            className="button-small"
            aria-label={t('aria.cancelItem', { name: item.name })}
            disabled={cancelling}
            onClick={() => void cancel(id)}
          >
            {t('action.cancel')}
          </button>
        )}
        {isRetryable(kind) && (
          <button
            type="button"
            className="button-small"
            aria-label={t('aria.retryItem', { name: item.name })}
            onClick={() => void retry(id)}
          >
            {t('action.retry')}
          </button>
        )}
        {isFinished(kind) && (
          <button
            type="button"
            className="button-small button-quiet"
            aria-label={t('aria.removeItem', { name: item.name })}
            onClick={() => void remove(id)}
          >
            {t('action.remove')}
          </button>
        )}
      </div>
    </div>
  );
});
