// One notice for a failure that stopped a whole batch (a wrong secret, a missing bucket, an untrusted certificate:
// the engine fails every queued file for that place with the same error). The rows each say "failed"; the notice
// says once, with the count, what to fix, instead of the user reading the same sentence on 300 rows.
import { stopsBatch } from '../../engine';
import type { UploadQueueApi } from '../../engine';
import type { Timers } from './batcher';
import type { NoticeCenter } from '../notices';
import { noticeParams } from '../../shared/message-text';
import type { UploadError } from '../../shared/upload-state';

/** Failures arriving within this long of the first are counted into its notice. */
const GATHER_MS = 300;

export function watchBatchFailures(
  engine: Pick<UploadQueueApi, 'subscribe'>,
  notices: Pick<NoticeCenter, 'add'>,
  timers: Timers = {
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  },
): () => void {
  // By code and message: files that failed for the same reason. A file counts once, however often it is reported.
  const gathering = new Map<string, { error: UploadError; ids: Set<string> }>();
  const announced = new Set<string>();
  const timersByReason = new Map<string, unknown>();

  const unsubscribe = engine.subscribe((event) => {
    // An item retried or removed may fail again and be counted again; the set holds only items failed now.
    if (event.type === 'removed') {
      for (const id of event.ids) announced.delete(id);
      return;
    }
    for (const item of event.items) {
      if (item.state.kind !== 'failed') {
        announced.delete(item.id);
        continue;
      }
      if (!stopsBatch(item.state.error.code) || announced.has(item.id)) continue;
      const { code, message } = item.state.error;
      const reason = `${code}\n${message}`;
      let group = gathering.get(reason);
      if (!group) {
        gathering.set(reason, (group = { error: item.state.error, ids: new Set() }));
        timersByReason.set(
          reason,
          timers.setTimeout(() => {
            gathering.delete(reason);
            timersByReason.delete(reason);
            // With its keys, so that the notice is shown in the window's language (noticeParams).
            notices.add('batch-failed', 'error', {
              count: String(group!.ids.size),
              code,
              ...noticeParams(group!.error),
            });
          }, GATHER_MS),
        );
      }
      group.ids.add(item.id);
      announced.add(item.id);
    }
  });
  return () => {
    unsubscribe();
    for (const handle of timersByReason.values()) timers.clearTimeout(handle);
  };
}
