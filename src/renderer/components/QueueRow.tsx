// One file in the queue, laid out as a transfer window's row: the file's icon, its name and where it goes; under them
// the bar with percent, speed and time left, then the state in words; the actions on the right. A row is selectable
// (click, Ctrl/Cmd-click, Shift-click; the list handles the keys) and an error row opens its whole text in Details.
import { memo, useRef, type MouseEvent } from 'react';
import { isCancellable } from '../../shared/upload-state';
import { formatBytes, formatEta, formatSpeed, inFlightOf, percentOf } from '../lib/format';
import { hasDetails, stateText, stateTone } from '../lib/state-text';
import { useNow } from '../lib/use-now';
import { useApp, useLanguage, useT } from '../store/context';
import { ProgressBar } from './ProgressBar';
import { FileIcon } from './queue/FileIcon';
import { RowActions } from './queue/RowActions';

/**
 * Position and size come as numbers, not a style object, so that the memo holds: scrolling the virtualised list
 * re-renders only the rows that come into view, not every visible row on every scroll event.
 */
export const QueueRow = memo(function QueueRow({
  id,
  top = 0,
  height,
  tabbable = false,
}: {
  id: string;
  top?: number;
  height?: number;
  /** The one row of the list in the tab order (the current one, or the first). */
  tabbable?: boolean;
}) {
  const item = useApp((s) => s.items.get(id));
  const cancelRequested = useApp((s) => s.cancelRequested[id] === true);
  const selected = useApp((s) => s.selected.has(id));
  const select = useApp((s) => s.select);
  const openDetails = useApp((s) => s.openDetails);
  const t = useT();
  const language = useLanguage();
  const rowRef = useRef<HTMLDivElement>(null);
  // "Retrying in N s" counts down, so a retrying row re-renders every second.
  const now = useNow(item?.state.kind === 'retrying');
  if (!item) return null;

  const kind = item.state.kind;
  const cancelling = cancelRequested && isCancellable(kind);
  const tone = cancelling ? 'active' : stateTone(item.state);
  // The percent and the solid bar are what the server confirmed (never going back); the lighter part adds what is
  // in flight. A cancelled row keeps its percent, and its words say it too.
  const percent = percentOf(item);
  const inFlight = inFlightOf(item);
  const words = cancelling ? t('state.cancelling') : stateText(item.state, t, now, percent);
  const details = !cancelling && hasDetails(item.state);
  const moving = kind === 'uploading' || kind === 'starting' || kind === 'completing';
  const stats = [
    moving && item.bytesPerSecond > 0 ? formatSpeed(item.bytesPerSecond, language) : '',
    moving && item.etaSeconds !== null ? t('row.left', { eta: formatEta(item.etaSeconds, t) }) : '',
  ].filter(Boolean);

  const onClick = (event: MouseEvent) => {
    if ((event.target as Element).closest('button')) return;
    const mode = event.shiftKey ? 'range' : event.ctrlKey || event.metaKey ? 'toggle' : 'only';
    select(id, mode);
    if (details && (event.target as Element).closest('.row-state')) openDetails(id);
  };

  return (
    <div
      ref={rowRef}
      className={`row row-${tone}${details ? ' row-message' : ''}${selected ? ' row-selected' : ''}`}
      role="listitem"
      aria-label={item.name}
      data-row-id={id}
      tabIndex={tabbable ? 0 : -1}
      style={{ height, transform: `translateY(${top}px)` }}
      onClick={onClick}
    >
      <FileIcon name={item.name} />
      <div className="row-head">
        <span className="row-name" title={item.name}>
          {item.name}
        </span>
        <span className="row-size">{formatBytes(item.total, language)}</span>
        <span className="row-dest" data-testid="row-dest" title={`${item.bucket}/${item.key}`}>
          {item.bucket}/{item.key}
        </span>
        {selected && <span className="visually-hidden">{t('aria.selected')}</span>}
      </div>
      <div className="row-meter">
        <ProgressBar
          percent={percent}
          inFlight={inFlight}
          label={t('aria.progressItem', { name: item.name })}
          tone={tone}
        />
        <span className="row-percent">{percent}%</span>
        {stats.length > 0 && <span className="row-stats">{stats.join(' · ')}</span>}
        <span className={`row-state state-${tone}`} data-testid="row-state" title={details ? undefined : words}>
          {words}
        </span>
      </div>
      <RowActions item={item} cancelling={cancelling} details={details} rowRef={rowRef} />
    </div>
  );
});
