// An empty queue is a drop area: a dashed frame filling the queue's space, what to do, where the files will go, and
// Add files for those who would rather pick them. With a filter on, it says only that nothing matches.
import { destination } from '../../lib/format';
import type { QueueFilter } from '../../store/selection-slice';
import { useApp, useT } from '../../store/context';

export function EmptyQueue({ filter }: { filter: QueueFilter }) {
  const target = useApp((s) => s.settings?.activeTarget ?? null);
  const pickAndAdd = useApp((s) => s.pickAndAdd);
  const t = useT();
  if (filter !== 'all')
    return <p className="queue-none">{t(filter === 'active' ? 'queue.emptyActive' : 'queue.emptyFinished')}</p>;
  return (
    <div className="queue-empty">
      <svg className="queue-empty-icon" width="48" height="48" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
        <path d="M24 32 V10 M15 19 L24 10 L33 19" />
        <path d="M8 30 V38 H40 V30" />
      </svg>
      <h2>{t('queue.emptyTitle')}</h2>
      {target && <p>{t('queue.emptyDest', { dest: destination(target.bucket, target.prefix) })}</p>}
      <button type="button" className="button-primary" disabled={!target} onClick={() => void pickAndAdd()}>
        {t('action.addFiles')}
      </button>
    </div>
  );
}
