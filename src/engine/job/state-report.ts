// How a job tells its item's state. The job only reports its own progress (starting, uploading, retrying, completing);
// the engine decides whether that is still news (a pause or a cancel may have taken over) and checks the transition.
import type { UploadState } from '../../shared/upload-state';
import type { RetryHooks } from '../s3/with-retries';

export type StateReport = (state: UploadState) => void;

/** Retry hooks that say "retrying in N s, because …" on the item before each wait. */
export function reportRetries(report: StateReport): RetryHooks {
  return {
    onRetry: (attempt, delayMs, reason) =>
      report({
        kind: 'retrying',
        attempt,
        retryAt: Date.now() + delayMs,
        reason: reason.message,
        reasonCode: reason.code,
        // The reason as dictionary keys too, so that the window shows it in its own language.
        ...(reason.text ? { reasonText: reason.text } : {}),
      }),
  };
}
