// The one state of an upload, as a discriminated union. Main owns it; the renderer and the CLI only render it.
// Transitions are checked against ALLOWED below so that no code path can, say, mark a cancelled upload done.

export interface UploadError {
  /** Stable machine code: S3 error code (AccessDenied, NoSuchBucket, ...) or one of Hoist's (FileChanged, ...). */
  code: string;
  /** One line a user can act on: names the file, bucket or endpoint and says what to do. */
  message: string;
}

export type UploadState =
  | { kind: 'queued' }
  /** Reading the file's metadata and, for multipart, sending CreateMultipartUpload. */
  | { kind: 'starting' }
  | { kind: 'uploading' }
  /** A transient error: waiting before the next attempt. */
  /** reasonCode: the error's code, e.g. EndpointUnreachable while the network is down. */
  | { kind: 'retrying'; attempt: number; retryAt: number; reason: string; reasonCode?: string }
  | { kind: 'paused' }
  /** All bytes sent; CompleteMultipartUpload (or the single PUT's answer) is pending. */
  | { kind: 'completing' }
  /**
   * Cancel asked: requests are being aborted and the multipart upload cleaned up. finishing: the cancel came after
   * CompleteMultipartUpload was sent, which the server may finish regardless, so its answer is awaited first.
   */
  | { kind: 'cancelling'; finishing?: boolean }
  /** Gave up (the error says why); its multipart upload is being aborted and checked gone before it shows 'failed'. */
  | { kind: 'failing'; error: UploadError }
  /**
   * Final. cleanup 'verified': the server confirmed the multipart upload is gone.
   * 'none-needed': nothing had been created on the server.
   * 'object-kept': a single PUT had already completed; the object exists and Hoist did not delete it.
   */
  | { kind: 'cancelled'; cleanup: 'verified' | 'none-needed' | 'object-kept' }
  /**
   * Final unless retried: the abort could not be confirmed. The UploadId is kept for a later sweep; it is missing
   * when the upload that may exist was never named (a CreateMultipartUpload whose answer never came).
   */
  | { kind: 'cleanup-failed'; uploadId?: string; error: UploadError }
  | { kind: 'failed'; error: UploadError; cleanup: 'verified' | 'none-needed' | 'failed'; uploadId?: string }
  | { kind: 'done'; etag: string; bytesSent: number };

export type UploadStateKind = UploadState['kind'];

const ACTIVE: UploadStateKind[] = ['starting', 'uploading', 'retrying', 'completing'];

export const ALLOWED_TRANSITIONS: Record<UploadStateKind, readonly UploadStateKind[]> = {
  queued: ['starting', 'paused', 'cancelled', 'failed'],
  starting: ['uploading', 'completing', 'retrying', 'paused', 'cancelling', 'failing', 'failed'],
  uploading: ['uploading', 'retrying', 'completing', 'paused', 'cancelling', 'failing', 'failed'],
  retrying: ['uploading', 'starting', 'completing', 'retrying', 'paused', 'cancelling', 'failing', 'failed'],
  paused: ['queued', 'cancelling', 'cancelled', 'failed'],
  completing: ['done', 'retrying', 'cancelling', 'failing', 'failed'],
  cancelling: ['cancelled', 'cleanup-failed', 'done'],
  // done: the cleanup found that the server had completed the upload after all (a Complete whose answer was lost).
  failing: ['failed', 'done'],
  cancelled: ['queued'],
  'cleanup-failed': ['cancelling', 'queued'],
  failed: ['queued', 'cancelling'],
  done: [],
};

export function canTransition(from: UploadStateKind, to: UploadStateKind): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

export function isActive(kind: UploadStateKind): boolean {
  return ACTIVE.includes(kind);
}

/** Final states: nothing more happens without a user action. */
export function isFinished(kind: UploadStateKind): boolean {
  return kind === 'done' || kind === 'cancelled' || kind === 'failed' || kind === 'cleanup-failed';
}

/** States from which Cancel makes sense (the row shows a Cancel button). */
export function isCancellable(kind: UploadStateKind): boolean {
  return kind === 'queued' || kind === 'paused' || isActive(kind);
}

/** States from which Retry makes sense. */
export function isRetryable(kind: UploadStateKind): boolean {
  return kind === 'failed' || kind === 'cancelled' || kind === 'cleanup-failed';
}
