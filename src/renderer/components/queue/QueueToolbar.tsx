// Above the queue: which rows to show (all, the active ones, the finished ones), and what to do with the selection.
// The filter keeps finished rows from pushing the active ones out of view in a long queue.
import { isCancellable, isRetryable } from '../../../shared/upload-state';
import { selectedWhere, type QueueFilter } from '../../store/selection-slice';
import { useApp, useAppStore, useT } from '../../store/context';

/**
 * A selection's action disables its own button once done (nothing left to cancel or retry): the focus goes to the
 * row the keyboard was on, or the first selected row in view, rather than falling to the page.
 */
function focusSelectedRow(ids: readonly (string | null)[]) {
  const rows = Array.from(document.querySelectorAll<HTMLElement>('.queue-list [data-row-id]'));
  for (const id of ids) {
    const row = rows.find((r) => r.dataset.rowId === id);
    if (row) return row.focus();
  }
}

export function QueueToolbar() {
  const filter = useApp((s) => s.filter);
  const setFilter = useApp((s) => s.setFilter);
  const totals = useApp((s) => s.totals);
  const selectedCount = useApp((s) => s.selected.size);
  // Counted over the selection only (not the queue), on every batch while something is selected.
  const cancellable = useApp(
    (s) => selectedWhere(s, (i) => isCancellable(i.state.kind) && s.cancelRequested[i.id] !== true).length,
  );
  const retryable = useApp((s) => selectedWhere(s, (i) => isRetryable(i.state.kind)).length);
  const cancelSelected = useApp((s) => s.cancelSelected);
  const retrySelected = useApp((s) => s.retrySelected);
  const clearSelection = useApp((s) => s.clearSelection);
  const store = useAppStore();
  const t = useT();
  const run = (action: () => Promise<number>) => {
    const { current, selected } = store.getState();
    focusSelectedRow([current, ...selected]);
    void action();
  };

  const finished = totals.done + totals.failed + totals.cancelled;
  const choices: { filter: QueueFilter; label: string }[] = [
    { filter: 'all', label: t('queue.filterAll', { n: totals.count }) },
    { filter: 'active', label: t('queue.filterActive', { n: Math.max(0, totals.count - finished) }) },
    { filter: 'finished', label: t('queue.filterFinished', { n: finished }) },
  ];

  return (
    <div className="queue-toolbar">
      <div className="segmented" role="group" aria-label={t('queue.filter')}>
        {choices.map((choice) => (
          <button
            key={choice.filter}
            type="button"
            className="segment"
            aria-pressed={filter === choice.filter}
            onClick={() => setFilter(choice.filter)}
          >
            {choice.label}
          </button>
        ))}
      </div>
      {selectedCount > 0 && (
        <div className="selection-bar">
          <span className="selection-count" role="status">
            {t('selection.count', { n: selectedCount })}
          </span>
          <button type="button" className="button-small" disabled={retryable === 0} onClick={() => run(retrySelected)}>
            {t('selection.retry')}
          </button>
          <button
            type="button"
            className="button-small"
            disabled={cancellable === 0}
            onClick={() => run(cancelSelected)}
          >
            {t('selection.cancel')}
          </button>
          <button type="button" className="button-small button-quiet" onClick={clearSelection}>
            {t('selection.clear')}
          </button>
        </div>
      )}
    </div>
  );
}
