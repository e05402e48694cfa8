// The one state of an upload, as a discriminated union. Main owns it; the renderer and the CLI only render it.
// ALLOWED_TRANSITIONS below is the whole protocol: the engine refuses any change it does not list (so that no code path
// can, say, mark a cancelled upload done), and whether Pause, Cancel or Retry applies is read off it too.

import type { MessageKey, MessageParams } from './i18n';

/** One sentence of a message as a dictionary key and the values of its placeholders. */
export interface MessagePart {
  key: MessageKey;
  params: MessageParams;
}

/**
 * A message as keys rather than words, so that each window shows it in its own language (the engine words it in
 * English for the CLI and the logs). more: the sentences that follow the first, each its own key.
 */
export interface MessageText {
  key: MessageKey;
  params: MessageParams;
  more?: MessagePart[];
}

export interface UploadError {
  /** Stable machine code: S3 error code (AccessDenied, NoSuchBucket, ...) or one of Hoist's (FileChanged, ...). */
  code: string;
  /** One line a user can act on: names the file, bucket or endpoint and says what to do. In English. */
  message: string;
  /** The same message as keys, for the window's language; absent from an older main or a message not yet keyed. */
  text?: MessageText;
}

export type UploadState =
  | { kind: 'queued' }
  /** Reading the file's metadata and, for multipart, sending CreateMultipartUpload. */
  | { kind: 'starting' }
  | { kind: 'uploading' }
  /** A transient error: waiting before the next attempt. */
  /** reasonCode: the error's code, e.g. EndpointUnreachable while the network is down; reasonText: reason as keys. */
  | {
      kind: 'retrying';
      attempt: number;
      retryAt: number;
      reason: string;
      reasonCode?: string;
      reasonText?: MessageText;
    }
  /**
   * Pause asked: the requests in flight are being cut. It ends 'paused' (the multipart upload and its parts kept), or
   * 'done' if the upload's last answer was already on its way.
   */
  | { kind: 'pausing' }
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
  // cancelling: an upload resumed but not started again is discarded like a paused one; cancelled: nothing was sent.
  queued: ['starting', 'paused', 'cancelling', 'cancelled', 'failed'],
  starting: ['uploading', 'completing', 'retrying', 'pausing', 'cancelling', 'failing', 'failed'],
  uploading: ['uploading', 'retrying', 'completing', 'pausing', 'cancelling', 'failing', 'failed'],
  // done: a retried CompleteMultipartUpload answered (no body goes out to say 'uploading' first).
  retrying: ['uploading', 'starting', 'completing', 'retrying', 'done', 'pausing', 'cancelling', 'failing', 'failed'],
  // failed: a retry's removal of its earlier upload could not be confirmed; done: the upload finished before the
  // pause reached it; cancelling: Cancel pressed while the pause was still cutting requests.
  pausing: ['paused', 'done', 'failed', 'cancelling'],
  paused: ['queued', 'cancelling', 'cancelled', 'failed'],
  // uploading: Complete answered InvalidPart and the parts the server holds other bytes for go out again (file-job.ts).
  completing: ['done', 'uploading', 'retrying', 'cancelling', 'failing', 'failed'],
  // A Complete the server finished after all still ends 'cancelled' (cleanup 'object-kept'), never 'done'.
  cancelling: ['cancelled', 'cleanup-failed'],
  // done: the cleanup found that the server had completed the upload after all (a Complete whose answer was lost).
  failing: ['failed', 'done'],
  cancelled: ['queued'],
  // cancelling: Retry on a cleanup that could not be confirmed runs the cleanup again.
  'cleanup-failed': ['cancelling', 'queued'],
  failed: ['queued'],
  done: [],
};

export function canTransition(from: UploadStateKind, to: UploadStateKind): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

export function isActive(kind: UploadStateKind): boolean {
  return ACTIVE.includes(kind);
}

/**
 * Something is happening to it without the user: it is active, or a pause, a cancel or a failure is being carried
 * out (requests cut, the server cleaned up). The queue is busy while any item is queued or under way.
 */
export function isUnderWay(kind: UploadStateKind): boolean {
  return isActive(kind) || kind === 'pausing' || kind === 'cancelling' || kind === 'failing';
}

/** Final states: nothing more happens without a user action. */
export function isFinished(kind: UploadStateKind): boolean {
  return kind === 'done' || kind === 'cancelled' || kind === 'failed' || kind === 'cleanup-failed';
}

/** States from which Cancel makes sense (the row shows a Cancel button); a pause under way can still become one. */
export function isCancellable(kind: UploadStateKind): boolean {
  return kind === 'queued' || kind === 'paused' || kind === 'pausing' || isActive(kind);
}

/** States from which Retry makes sense. */
export function isRetryable(kind: UploadStateKind): boolean {
  return kind === 'failed' || kind === 'cancelled' || kind === 'cleanup-failed';
}
