// Every UploadState kind in plain words (the exhaustive switch makes a new kind a compile error here), the engine's
// reasons in the window's language where main sent them as keys (error-text.ts).
import type { Translate } from '../../shared/i18n';
import type { UploadState } from '../../shared/upload-state';
import { errorText, retryReasonText } from './error-text';

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
  const reason = retryReasonText(state, t);
  if (s > 0) return t('state.retryingIn', { s, reason });
  return t('state.retrying', { attempt: state.attempt, reason });
}

/**
 * The state in words. `percent` is what the row's bar shows (percentOf): given, a cancelled row says how far it got
 * ("Cancelled at 48%: parts cleaned up"); left out (a notification, a count), the shorter wording.
 */
export function stateText(state: UploadState, t: Translate, now: number = Date.now(), percent?: number): string {
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
      return t('state.failing', { reason: errorText(state.error, t) });
    case 'cancelled':
      return cancelledText(state.cleanup, t, percent);
    case 'cleanup-failed':
      return t('state.cleanupFailed', { reason: errorText(state.error, t) });
    case 'failed':
      return state.cleanup === 'failed'
        ? t('state.failedCleanupFailed', { reason: errorText(state.error, t) })
        : t('state.failed', { reason: errorText(state.error, t) });
    case 'done':
      return t('state.done');
  }
}

function cancelledText(
  cleanup: Extract<UploadState, { kind: 'cancelled' }>['cleanup'],
  t: Translate,
  percent: number | undefined,
): string {
  // Kept: the whole file had arrived, so a percent would only repeat 100.
  if (cleanup === 'object-kept') return t('state.cancelledKept');
  if (cleanup === 'verified')
    return percent === undefined ? t('state.cancelledVerified') : t('state.cancelledAt', { percent });
  // Nothing to clean up: a file cancelled before it started has no "how far" worth saying.
  return percent === undefined || percent === 0 ? t('state.cancelledNone') : t('state.cancelledAtNone', { percent });
}

/**
 * States whose words are a sentence worth reading in full (an error and what to do about it): the row lets them wrap
 * and offers Details with the whole text and a Copy button.
 */
export function hasDetails(state: UploadState): boolean {
  switch (state.kind) {
    case 'failing':
    case 'failed':
    case 'cleanup-failed':
      return true;
    case 'retrying':
      return !isNetworkWait(state);
    default:
      return false;
  }
}

/** The error behind a state, when it has one (its code goes into Details). */
export function errorCodeOf(state: UploadState): string | null {
  if (state.kind === 'failing' || state.kind === 'failed' || state.kind === 'cleanup-failed') return state.error.code;
  if (state.kind === 'retrying') return state.reasonCode ?? null;
  return null;
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
