// The queue, virtualised: only the rows in view (plus a few) are in the DOM, so 10,000 files scroll smoothly.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useRef } from 'react';
import { destination } from '../lib/format';
import { useApp, useT } from '../store/context';
import { QueueRow } from './QueueRow';

export const ROW_HEIGHT = 84;
const rowHeight = () => ROW_HEIGHT;

export function QueueList() {
  const order = useApp((s) => s.order);
  const target = useApp((s) => s.settings?.activeTarget ?? null);
  const adding = useApp((s) => s.adding);
  const stopAdding = useApp((s) => s.stopAdding);
  const t = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  // Stable while the order is: the virtualiser lays out all rows again (10,000 of them) whenever getItemKey changes.
  const getItemKey = useCallback((index: number) => order[index] ?? index, [order]);
  const virtualizer = useVirtualizer({
    count: order.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: rowHeight,
    overscan: 6,
    getItemKey,
  });

  return (
    <div className="queue-scroll" ref={scrollRef}>
      {adding > 0 && (
        // The status is the text alone, so that a screen reader announces it without the button's name.
        <div className="queue-busy">
          <span role="status">{t('queue.checking')}</span>
          <button
            type="button"
            className="button-small"
            title={t('conflict.stopHint')}
            onClick={() => void stopAdding()}
          >
            {t('action.stopAdding')}
          </button>
        </div>
      )}
      {order.length === 0 ? (
        <div className="queue-empty">
          <div className="queue-empty-icon" aria-hidden="true">
            ⇪
          </div>
          <h2>{t('queue.emptyTitle')}</h2>
          {target && <p>{t('queue.emptyBody', { dest: destination(target.bucket, target.prefix) })}</p>}
        </div>
      ) : (
        <div
          className="queue-list"
          role="list"
          aria-label={t('aria.queue')}
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((row) => (
            <QueueRow key={row.key} id={order[row.index] as string} top={row.start} height={ROW_HEIGHT} />
          ))}
        </div>
      )}
    </div>
  );
}
