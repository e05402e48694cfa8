// The queue, virtualised: only the rows in view (plus a few) are in the DOM, so 10,000 files scroll smoothly. Above
// it the filter and the selection's actions; the keys move through it as in a desktop file list; added files are
// scrolled into view.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useMemo, useRef } from 'react';
import { useApp, useAppStore, useT } from '../store/context';
import { visibleRows } from '../store/selection-slice';
import { QueueRow } from './QueueRow';
import { EmptyQueue } from './queue/EmptyQueue';
import { ErrorDetails } from './queue/ErrorDetails';
import { QueueToolbar } from './queue/QueueToolbar';
import { useQueueKeys } from './queue/use-queue-keys';
import { useScrollToAdded } from './queue/use-scroll-to-added';

/** A compact row: about 12 rows in view at 1040×720. Fixed, so the virtualiser never measures. */
export const ROW_HEIGHT = 52;
const rowHeight = () => ROW_HEIGHT;

/** The same array as before when the rows shown did not change, so the virtualiser does not lay out again. */
function useStableRows(rows: readonly string[]): readonly string[] {
  const last = useRef(rows);
  if (last.current === rows) return rows;
  const same = last.current.length === rows.length && last.current.every((id, i) => id === rows[i]);
  if (!same) last.current = rows;
  return last.current;
}

export function QueueList() {
  const order = useApp((s) => s.order);
  const filter = useApp((s) => s.filter);
  // Items matter here only through a filter: with 'all', a batch does not re-render the list.
  const items = useApp((s) => (s.filter === 'all' ? null : s.items));
  const current = useApp((s) => s.current);
  const adding = useApp((s) => s.adding);
  const stopAdding = useApp((s) => s.stopAdding);
  const store = useAppStore();
  const itemOf = useCallback((id: string) => store.getState().items.get(id), [store]);
  const t = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const filtered = useMemo(() => (items ? visibleRows(order, items, filter) : order), [order, items, filter]);
  const visible = useStableRows(filtered);
  // Stable while the rows are: the virtualiser lays out all rows again (10,000 of them) whenever getItemKey changes.
  const getItemKey = useCallback((index: number) => visible[index] ?? index, [visible]);
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: rowHeight,
    overscan: 6,
    getItemKey,
    // By default each scroll event renders the rows at once (flushSync), inside the event: with compact rows and the
    // wheel turning every 50 ms, the UI benchmark's scrolling run then had 3-6 main-thread tasks over 50 ms in 10 s.
    // Left to React's batching, 0-3 (4 runs each; docs/ui-benchmarks.md).
    useFlushSync: false,
  });

  /** Scrolls a row into view and puts the focus on it once it is drawn. */
  const moveTo = useCallback(
    (id: string) => {
      const index = visible.indexOf(id);
      if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
      const focus = () => {
        const rows = listRef.current?.querySelectorAll<HTMLElement>('[data-row-id]') ?? [];
        for (const row of rows) if (row.dataset.rowId === id) return row.focus();
      };
      focus();
      requestAnimationFrame(focus);
    },
    [visible, virtualizer],
  );
  const onKeyDown = useQueueKeys(visible, moveTo, itemOf);
  useScrollToAdded(order, visible, virtualizer, scrollRef, ROW_HEIGHT);

  // The row in the tab order: the current one while it is shown, else the first.
  const tabbable = current !== null && visible.includes(current) ? current : (visible[0] ?? null);

  return (
    <>
      {order.length > 0 && <QueueToolbar />}
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
        {visible.length === 0 ? (
          <EmptyQueue filter={order.length === 0 ? 'all' : filter} />
        ) : (
          <div
            ref={listRef}
            className="queue-list"
            role="list"
            aria-label={t('aria.queue')}
            style={{ height: virtualizer.getTotalSize() }}
            onKeyDown={onKeyDown}
          >
            {virtualizer.getVirtualItems().map((row) => {
              const id = visible[row.index] as string;
              return <QueueRow key={row.key} id={id} top={row.start} height={ROW_HEIGHT} tabbable={id === tabbable} />;
            })}
          </div>
        )}
      </div>
      <ErrorDetails onClosed={moveTo} />
    </>
  );
}
