// Every UploadState kind in plain words (the exhaustive switch makes a new kind a compile error here).
import type { Translate } from '../../shared/i18n';
import type { UploadState } from '../../shared/upload-state';

export type StateTone = 'neutral' | 'active' | 'good' | 'bad' | 'muted';

/**
 * Whether a retry waits for the endpoint to be reachable again. The 'retrying' state carries only the reason's text,
 * so this recognises the engine's EndpointUnreachable message ("Cannot reach <endpoint> (ECONNREFUSED). …") and the
 * socket codes that mean the same.
 */
export function isNetworkReason(reason: string): boolean {
  return /^Cannot reach |\b(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ENETDOWN|EAI_AGAIN|EADDRNOTAVAIL)\b/.test(
    reason,
  );
}

/** A retry that waits for the network (the engine's reasonCode, or its message from an older main): Try now helps. */
export function isNetworkWait(state: UploadState): boolean {
  return state.kind === 'retrying' && (state.reasonCode === 'EndpointUnreachable' || isNetworkReason(state.reason));
}

/** The retrying state, counting down to the next attempt; once it is due: the attempt number and the reason. */
function retryingText(state: Extract<UploadState, { kind: 'retrying' }>, t: Translate, now: number): string {
  const s = Math.ceil((state.retryAt - now) / 1000);
  if (isNetworkWait(state)) return s > 0 ? t('state.waitingNetwork', { s }) : t('state.waitingNetworkNow');
  if (s > 0) return t('state.retryingIn', { s, reason: state.reason });
  return t('state.retrying', { attempt: state.attempt, reason: state.reason });
}

export function stateText(state: UploadState, t: Translate, now: number = Date.now()): string {
  switch (state.kind) {
    case 'queued':
      return t('state.queued');
    case 'starting':
      return t('state.starting');
    case 'uploading':
      return t('state.uploading');
    case 'retrying':
      return retryingText(state, t, now);
    case 'pausing':
      return t('state.pausing');
    case 'paused':
      return t('state.paused');
    case 'completing':
      return t('state.completing');
    case 'cancelling':
      return state.finishing ? t('state.cancellingFinishing') : t('state.cancelling');
    case 'failing':
      return t('state.failing', { reason: state.error.message });
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
    case 'pausing':
    case 'cancelling':
      return 'active';
    case 'retrying':
      // Waiting for the network is not a failure: the app goes on by itself when the endpoint answers. An error the
      // server gave (SlowDown, a 500) is shown as one while it is retried.
      return isNetworkWait(state) ? 'neutral' : 'bad';
    case 'failing':
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
