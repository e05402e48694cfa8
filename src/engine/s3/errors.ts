// Turns whatever the SDK, the socket or the file system threw into one line a user can act on, and decides whether
// trying again could help. The messages themselves are built in error-messages.ts.
import type { MessageParams } from '../../shared/i18n';
import type { ObjectOptions } from '../../shared/object-options';
import type { MessageText, UploadError } from '../../shared/upload-state';
import {
  knownCode,
  notS3,
  notS3Reply,
  perm,
  SDK_PLACEHOLDERS,
  TLS_UNTRUSTED,
  tlsError,
  unknownAnswer,
  worded,
  type EngineMessageKey,
} from './error-messages';

export class HoistError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The message as keys (error-messages.ts worded()); absent where it is still built as English words. */
    readonly text?: MessageText,
  ) {
    super(message);
    this.name = 'HoistError';
  }
}

/** A HoistError worded from the dictionary: its English message, with the key and values for the window. */
export function hoistError(code: string, key: EngineMessageKey, params: MessageParams = {}): HoistError {
  const { message, text } = worded(key, params);
  return new HoistError(code, message, text);
}

/**
 * A read of the file found it shorter than when its upload started. Thrown where the file is read (the body's chunks,
 * the checksum pass), so that it fails the upload as FileChanged wherever it surfaces: as the request's own error,
 * or from the reads around it.
 */
export function fileShrankError(path: string): HoistError {
  return hoistError('FileChanged', 'engineError.FileShrank', { file: path });
}

export interface ErrorContext {
  file: string;
  bucket: string;
  key: string;
  /** What to call the endpoint in messages: its URL, or "AWS S3 (region)". */
  endpoint: string;
  /** The access key ID in use, when known: named when the server does not know it (IDs are not secret). */
  accessKeyId?: string;
  /** The upload's object options: a refusal of one of them (a storage class, an ACL, a KMS key) names it. */
  options?: ObjectOptions;
}

export type ErrorClass = 'transient' | 'unreachable' | 'permanent' | 'aborted';

export interface ClassifiedError extends UploadError {
  class: ErrorClass;
}

const TRANSIENT_CODES = new Set([
  'SlowDown',
  'RequestTimeout',
  'RequestTimeTooSkewed',
  'InternalError',
  'ServiceUnavailable',
  'Throttling',
  'ThrottlingException',
  'RequestTimeoutException',
  'TimeoutError',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'ERR_STREAM_PREMATURE_CLOSE',
  'BadDigest',
  'IncompleteBody',
]);
/** A connection that broke under a request, and one that timed out: the server said nothing. */
const BROKEN_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'ERR_STREAM_PREMATURE_CLOSE']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'TimeoutError']);

/**
 * The words for a connection that broke or timed out (code), naming the request's key or not (a listing has none);
 * undefined for any other failure.
 */
export function connectionWords(code: string, withKey: boolean): EngineMessageKey | undefined {
  if (TIMEOUT_CODES.has(code))
    return withKey ? 'engineError.transient.timedOut' : 'engineError.transient.timedOut.bare';
  if (BROKEN_CODES.has(code)) return withKey ? 'engineError.transient.broken' : 'engineError.transient.broken.bare';
  return undefined;
}
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
]);
const TLS_CODES = /^(ERR_TLS|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_SSL|INVALID_CA)/;
/** Gateways that name an unknown access key in their own words (versitygw answers 404 XAdminUserNotFound). */
const UNKNOWN_KEY_CODES = new Set(['InvalidAccessKeyId', 'XAdminUserNotFound']);

/**
 * Statuses that stay worth another try even in a reply that is not S3's: a proxy or load balancer in front of S3
 * answers 502-504 (in its own HTML) while the server behind it is down or busy, or 429 to slow down; and an S3
 * server's own web framework answers 500 with an HTML page when it fails on a request (moto does while restarting).
 * Any other status in such a reply (501 from a plain web server, 404 or 405 for S3's requests) will not change.
 */
const PASSING_STATUSES = new Set([429, 500, 502, 503, 504]);

/**
 * Codes that every other file sent to the same endpoint, with the same credentials, into the same bucket would hit
 * too: the engine stops the rest of the batch on them instead of failing each file in turn. Both the server's and
 * Node's codes and the ones classify() turns them into.
 */
const BATCH_STOPPERS = new Set([
  ...UNKNOWN_KEY_CODES,
  'SignatureDoesNotMatch',
  'NoCredentials',
  'CredentialsProviderError',
  'ExpiredToken',
  'InvalidToken',
  'NoSuchBucket',
  'InvalidBucketName',
  'PermanentRedirect',
  'AuthorizationHeaderMalformed',
  'NotS3Endpoint',
  ...TLS_UNTRUSTED,
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'TlsUntrusted',
  'TlsExpired',
  'TlsHostMismatch',
]);

export function stopsBatch(code: string): boolean {
  return BATCH_STOPPERS.has(code);
}

export interface SdkLikeError {
  name?: string;
  code?: string;
  /** The error code from the body of the server's answer, when it had one. */
  Code?: string;
  message?: string;
  /** Node's detail on a certificate that does not match the host name. */
  reason?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
  /** Set by the SDK (hidden) when the answer's body could not be read as XML at all: an HTML page, JSON, text. */
  $responseBodyText?: string;
  cause?: unknown;
}

function codeOf(err: SdkLikeError): string {
  if (err.code && typeof err.code === 'string') return err.code;
  const cause = err.cause as SdkLikeError | undefined;
  if (cause?.code) return cause.code;
  return err.name ?? 'Error';
}

/**
 * Whether a request's failure shows the server did not take its body: it answered (any HTTP status: a refusal, or an
 * error it stored nothing for), or no connection was made at all.
 */
export function bodyNotTaken(err: unknown): boolean {
  const e = err as (SdkLikeError & { $metadata?: { httpStatusCode?: number } }) | undefined;
  if (!e) return false;
  return e.$metadata?.httpStatusCode !== undefined || UNREACHABLE_CODES.has(codeOf(e));
}

export function isAbortError(err: unknown): boolean {
  const e = err as SdkLikeError | undefined;
  return e?.name === 'AbortError' || e?.code === 'ABORT_ERR';
}

/** The error as an item's state holds it: without the class, which only the retry policy reads. */
export function uploadError(c: UploadError): UploadError {
  return { code: c.code, message: c.message, ...(c.text ? { text: c.text } : {}) };
}

/** Local file errors that may pass by themselves: a lock another program holds, the process's open-file limit. */
const LOCAL_TRANSIENT = new Set(['EBUSY', 'EMFILE', 'ENFILE', 'EAGAIN']);
/** The file system calls the engine makes on the files it uploads. */
const FILE_SYSCALLS = new Set(['open', 'read', 'fstat', 'stat', 'lstat', 'close']);

/** A Node file system error on one of the files (its syscall and path are Node's own fields on such errors). */
function isLocalFileError(e: SdkLikeError): boolean {
  const { syscall, path } = e as { syscall?: unknown; path?: unknown };
  return typeof syscall === 'string' && FILE_SYSCALLS.has(syscall) && typeof path === 'string';
}

export function classify(err: unknown, ctx: ErrorContext): ClassifiedError {
  if (err instanceof HoistError) {
    return { code: err.code, message: err.message, ...(err.text ? { text: err.text } : {}), class: 'permanent' };
  }
  const e = (err ?? {}) as SdkLikeError;
  if (isAbortError(e)) return { code: 'Aborted', ...worded('engineError.Aborted'), class: 'aborted' };
  const code = codeOf(e);
  const status = e.$metadata?.httpStatusCode;
  const { endpoint, key, file } = ctx;
  const known = knownCode(code, e, ctx);
  if (known) return known;
  if (UNREACHABLE_CODES.has(code)) {
    return {
      code: 'EndpointUnreachable',
      ...worded('engineError.EndpointUnreachable', { endpoint, code }),
      class: 'unreachable',
    };
  }
  if (TLS_CODES.test(code)) return tlsError(code, e, endpoint);
  if (code === 'ENOENT') return perm('FileMissing', worded('engineError.FileMissing', { file }));
  if (code === 'EACCES' || code === 'EPERM')
    return perm('FileUnreadable', worded('engineError.FileUnreadable', { file }));
  if (code === 'EISDIR') return perm('NotAFile', worded('engineError.IsAFolder', { file }));
  // Any other failure of the file system (a file locked by another program, a disk error, too many open files) is
  // this computer's, not the endpoint's refusal; one that may pass is tried again.
  if (isLocalFileError(e)) {
    const detail = (e.message ?? '').split('\n')[0] ?? '';
    const words = worded('engineError.FileReadFailed', { file, code, detail });
    return LOCAL_TRANSIENT.has(code) ? { code, ...words, class: 'transient' } : perm(code, words);
  }
  const foreign = status !== undefined && notS3Reply(code, e);
  if (foreign && !PASSING_STATUSES.has(status)) return notS3(status, ctx);
  if (TRANSIENT_CODES.has(code) || (status !== undefined && status >= 500) || status === 429 || e.$fault === 'server') {
    // The SDK's made-up names ("Unknown", "Error") are not the server's words: the status is all it said.
    // No status: the server did not answer. A reset or a timeout is said as what it was, not as the server's word.
    const words =
      status === undefined
        ? worded(connectionWords(code, key !== '') ?? 'engineError.transient.code', { endpoint, code, key })
        : foreign
          ? worded('engineError.transient.notS3', { endpoint, status, key })
          : SDK_PLACEHOLDERS.has(code)
            ? worded('engineError.transient.status', { endpoint, status, key })
            : worded('engineError.transient.codeStatus', { endpoint, code, status, key });
    return { code, ...words, class: 'transient' };
  }
  if (status !== undefined) return unknownAnswer(code, status, e, ctx);
  const detail = (e.message ?? String(err)).split('\n')[0] ?? '';
  // Unknown socket-level failures (no HTTP status) are worth another try; anything the server answered is not.
  if (/socket|network|connection|closed/i.test(detail)) {
    return { code, ...worded('engineError.connectionFailed', { endpoint, detail }), class: 'transient' };
  }
  const refused = detail.includes(code)
    ? worded('engineError.refused', { endpoint, key, detail })
    : worded('engineError.refused.code', { endpoint, key, detail, code });
  return perm(code, refused);
}

/**
 * The give-up for an endpoint that no request has reached in this run (the deadline of EngineOptions.unreachableAtStartMs):
 * the code of an outage, but words saying that nothing got through at all, so that the URL and the server are what to
 * check. It names the deadline, not the time waited, so that every file that fails for it reads the same.
 */
export function neverReached(err: unknown, ctx: ErrorContext, deadlineMs: number): ClassifiedError {
  const seconds = Math.max(1, Math.round(deadlineMs / 1000));
  const code = codeOf((err ?? {}) as SdkLikeError);
  return {
    code: 'EndpointUnreachable',
    ...worded('engineError.EndpointNeverReached', { endpoint: ctx.endpoint, code, seconds }),
    class: 'unreachable',
  };
}

export function describeEndpoint(endpointUrl: string | undefined, region: string): string {
  return endpointUrl ? endpointUrl : `AWS S3 (${region})`;
}
