// What the desktop shows about the queue outside the window: the taskbar/dock progress bar while anything is
// uploading (removed when idle), and a notification when a file fails or a batch finishes while the window is not
// focused. Fed by every queue batch; the Electron calls are injected.
import type { QueueBatch } from '../../shared/ipc';
import type { Translate } from '../../shared/i18n';
import type { UploadStateKind } from '../../shared/upload-state';

export interface ProgressFeedbackDeps {
  /** win.setProgressBar: 0..1, above 1 indeterminate, below 0 removes it. */
  setProgress(value: number): void;
  notify(title: string, body: string): void;
  isFocused(): boolean;
  t(): Translate;
  now?: () => number;
  /** Failure notifications at most this often (a missing bucket fails a thousand files at once). */
  failureQuietMs?: number;
}

export function createProgressFeedback(deps: ProgressFeedbackDeps): (batch: QueueBatch) => void {
  const { now = Date.now, failureQuietMs = 10_000 } = deps;
  const lastKind = new Map<string, UploadStateKind>();
  let busy = false;
  let progress = -1;
  let lastFailureNote = -Infinity;
  let ended = { done: 0, failed: 0, cancelled: 0 };

  return (batch) => {
    const t = deps.t();
    const failures: { name: string; reason: string }[] = [];
    for (const id of batch.removed) lastKind.delete(id);
    for (const item of batch.changed) {
      const before = lastKind.get(item.id);
      const kind = item.state.kind;
      lastKind.set(item.id, kind);
      if (before === kind) continue;
      if (kind === 'done') ended.done++;
      if (kind === 'cancelled') ended.cancelled++;
      if (item.state.kind === 'failed' || item.state.kind === 'cleanup-failed') {
        ended.failed++;
        failures.push({ name: item.name, reason: item.state.error.message });
      }
    }

    const { totals } = batch;
    const nowBusy = totals.active + totals.queued > 0;
    const next = !nowBusy ? -1 : totals.total > 0 ? Math.min(1, totals.loaded / totals.total) : 2;
    if (Math.abs(next - progress) >= 0.001) {
      progress = next;
      deps.setProgress(next);
    }

    const focused = deps.isFocused();
    if (failures.length > 0 && !focused && now() - lastFailureNote >= failureQuietMs) {
      lastFailureNote = now();
      const first = failures[0]!;
      const body =
        failures.length === 1
          ? t('notify.failedBody', { name: first.name, reason: first.reason })
          : t('counts.failed', { n: failures.length });
      deps.notify(t('notify.failed'), body);
    }
    if (busy && !nowBusy && !focused) {
      deps.notify(t('notify.batchDone'), t('notify.batchDoneBody', ended));
    }
    if (!busy && nowBusy) ended = { done: 0, failed: 0, cancelled: 0 };
    busy = nowBusy;
  };
}
