// Every UploadState kind in plain words (the exhaustive switch makes a new kind a compile error here).
import type { Translate } from '../../shared/i18n';
import type { UploadState } from '../../shared/upload-state';

export type StateTone = 'neutral' | 'active' | 'good' | 'bad' | 'muted';

export function stateText(state: UploadState, t: Translate): string {
  switch (state.kind) {
    case 'queued':
      return t('state.queued');
    case 'starting':
      return t('state.starting');
    case 'uploading':
      return t('state.uploading');
    case 'retrying':
      return t('state.retrying', { attempt: state.attempt, reason: state.reason });
    case 'paused':
      return t('state.paused');
    case 'completing':
      return t('state.completing');
    case 'cancelling':
      return t('state.cancelling');
    case 'cancelled':
      if (state.cleanup === 'verified') return t('state.cancelledVerified');
      if (state.cleanup === 'object-kept') return t('state.cancelledKept');
      return t('state.cancelledNone');
    case 'cleanup-failed':
      return t('state.cleanupFailed', { reason: state.error.message });
    case 'failed':
      return state.cleanup === 'failed'
        ? t('state.failedCleanupFailed', { reason: state.error.message })
        : t('state.failed', { reason: state.error.message });
    case 'done':
      return t('state.done');
  }
}

export function stateTone(state: UploadState): StateTone {
  switch (state.kind) {
    case 'starting':
    case 'uploading':
    case 'completing':
    case 'cancelling':
      return 'active';
    case 'retrying':
    case 'failed':
    case 'cleanup-failed':
      return 'bad';
    case 'done':
      return 'good';
    case 'cancelled':
      return 'muted';
    case 'queued':
    case 'paused':
      return 'neutral';
  }
}
