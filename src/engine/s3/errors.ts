// Turns whatever the SDK, the socket or the file system threw into one line a user can act on, and decides whether
// trying again could help.
import type { UploadError } from '../../shared/upload-state';

export class HoistError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HoistError';
  }
}

/**
 * A read of the file found it shorter than when its upload started. Thrown where the file is read (the body's chunks,
 * the checksum pass), so that it fails the upload as FileChanged wherever it surfaces: as the request's own error,
 * or from the reads around it.
 */
export function fileShrankError(path: string): HoistError {
  return new HoistError(
    'FileChanged',
    `${path} changed while it was uploading (it is now shorter than when the upload started). Nothing of it was kept; retry to upload the new version.`,
  );
}

export interface ErrorContext {
  file: string;
  bucket: string;
  key: string;
  /** What to call the endpoint in messages: its URL, or "AWS S3 (region)". */
  endpoint: string;
  /** The access key ID in use, when known: named when the server does not know it (IDs are not secret). */
  accessKeyId?: string;
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
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
]);
const TLS_CODES = /^(ERR_TLS|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_SSL|INVALID_CA)/;
/** Node's codes for a certificate chain that does not end at a CA this computer trusts. */
const TLS_UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
]);
/** Gateways that name an unknown access key in their own words (versitygw answers 404 XAdminUserNotFound). */
const UNKNOWN_KEY_CODES = new Set(['InvalidAccessKeyId', 'XAdminUserNotFound']);
/** The names the SDK makes up when the answer had no body (a HEAD, or a bare status): not the server's words. */
const SDK_PLACEHOLDERS = new Set(['NotFound', 'Unknown', 'UnknownError', 'Error']);

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

interface SdkLikeError {
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

export function isAbortError(err: unknown): boolean {
  const e = err as SdkLikeError | undefined;
  return e?.name === 'AbortError' || e?.code === 'ABORT_ERR';
}

export function classify(err: unknown, ctx: ErrorContext): ClassifiedError {
  if (err instanceof HoistError) return { code: err.code, message: err.message, class: 'permanent' };
  const e = (err ?? {}) as SdkLikeError;
  if (isAbortError(e)) return { code: 'Aborted', message: 'The request was aborted.', class: 'aborted' };
  const code = codeOf(e);
  const status = e.$metadata?.httpStatusCode;
  const where = `bucket "${ctx.bucket}" at ${ctx.endpoint}`;
  const known = knownCode(code, e, ctx, where);
  if (known) return known;
  if (UNREACHABLE_CODES.has(code)) {
    return {
      code: 'EndpointUnreachable',
      message: `Cannot reach ${ctx.endpoint} (${code}). Check the endpoint URL and your network.`,
      class: 'unreachable',
    };
  }
  if (TLS_CODES.test(code)) return tlsError(code, e, ctx.endpoint);
  if (code === 'ENOENT') return perm('FileMissing', `${ctx.file} no longer exists; upload it again once it is back.`);
  if (code === 'EACCES' || code === 'EPERM')
    return perm('FileUnreadable', `${ctx.file} cannot be read (permission denied). Fix its permissions and retry.`);
  if (code === 'EISDIR') return perm('NotAFile', `${ctx.file} is a folder, not a file.`);
  const foreign = status !== undefined && notS3Reply(code, e);
  if (foreign && !PASSING_STATUSES.has(status)) return notS3(status, ctx);
  if (TRANSIENT_CODES.has(code) || (status !== undefined && status >= 500) || status === 429 || e.$fault === 'server') {
    // The SDK's made-up names ("Unknown", "Error") are not the server's words: the status is all it said.
    const said =
      status === undefined
        ? code
        : foreign || SDK_PLACEHOLDERS.has(code)
          ? `HTTP ${status}`
          : `${code} (HTTP ${status})`;
    const from = foreign ? ' without an S3 error code' : '';
    return {
      code,
      message: `${ctx.endpoint} answered ${said}${from} for ${ctx.key}; retrying may help.`,
      class: 'transient',
    };
  }
  if (status !== undefined) return unknownAnswer(code, status, e, ctx, where);
  const text = (e.message ?? String(err)).split('\n')[0] ?? '';
  // Unknown socket-level failures (no HTTP status) are worth another try; anything the server answered is not.
  if (/socket|network|connection|closed/i.test(text)) {
    return { code, message: `Connection to ${ctx.endpoint} failed (${text}); retrying.`, class: 'transient' };
  }
  return perm(code, `${ctx.endpoint} refused ${ctx.key}: ${text}${text.includes(code) ? '' : ` (${code})`}`);
}

/**
 * The give-up for an endpoint that no request has reached in this run (the deadline of EngineOptions.unreachableAtStartMs):
 * the code of an outage, but words saying that nothing got through at all, so that the URL and the server are what to
 * check. It names the deadline, not the time waited, so that every file that fails for it reads the same.
 */
export function neverReached(err: unknown, ctx: ErrorContext, deadlineMs: number): ClassifiedError {
  const seconds = Math.max(1, Math.round(deadlineMs / 1000));
  return {
    code: 'EndpointUnreachable',
    message: `Cannot reach ${ctx.endpoint} (${codeOf((err ?? {}) as SdkLikeError)}): no request to it has succeeded, and Hoist gave up after ${seconds} s. Check the endpoint URL and that the server is running there.`,
    class: 'unreachable',
  };
}

/** The codes Hoist knows the meaning of; messages for the batch stoppers leave out the key, being the same for every file. */
function knownCode(code: string, e: SdkLikeError, ctx: ErrorContext, where: string): ClassifiedError | undefined {
  const status = e.$metadata?.httpStatusCode;
  switch (code) {
    case 'NoSuchBucket':
      return perm(
        code,
        `Bucket "${ctx.bucket}" does not exist at ${ctx.endpoint}. Check the bucket name, or create the bucket first.`,
      );
    case 'InvalidBucketName':
      return perm(
        code,
        `"${ctx.bucket}" is not a valid bucket name at ${ctx.endpoint}: a bucket name is 3–63 characters of lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit. Check the bucket name.`,
      );
    case 'AccessDenied':
    case 'Forbidden':
      return perm(
        'AccessDenied',
        `Access denied writing ${ctx.key} to ${where}. Check that the credentials may s3:PutObject there.`,
      );
    case 'InvalidAccessKeyId':
    case 'XAdminUserNotFound': {
      const id = ctx.accessKeyId ? `The access key ID "${ctx.accessKeyId}"` : 'The access key ID';
      const said = code === 'InvalidAccessKeyId' ? '' : ` (it answered ${code}${status ? `, HTTP ${status}` : ''})`;
      return perm(
        'InvalidAccessKeyId',
        `${id} is not known to ${ctx.endpoint}${said}. Check the credentials (AWS_ACCESS_KEY_ID or the profile).`,
      );
    }
    case 'SignatureDoesNotMatch':
      return perm(code, `${ctx.endpoint} rejected the request signature. Check the secret access key and the region.`);
    case 'ExpiredToken':
    case 'InvalidToken':
      return perm(
        code,
        `${ctx.endpoint} refused the session token (${code}). Get fresh credentials (AWS_SESSION_TOKEN or the profile).`,
      );
    case 'CredentialsProviderError':
      return perm(
        'NoCredentials',
        `No AWS credentials found for ${ctx.endpoint}. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE.`,
      );
    case 'PermanentRedirect':
    case 'AuthorizationHeaderMalformed':
      return perm(code, `${where} is in another region. Set the region the bucket lives in.`);
    case 'EntityTooLarge':
      return perm(code, `${ctx.file} is too large for a single request at ${ctx.endpoint}.`);
    case 'NoSuchUpload':
      return perm(
        code,
        `The multipart upload for ${ctx.key} no longer exists on ${ctx.endpoint} (it was aborted or expired).`,
      );
    case 'NotImplemented':
      return perm(
        code,
        `${ctx.endpoint} does not implement a feature Hoist used (often the CRC32 checksum header). Set the endpoint's checksum mode to "auto" or "md5" (--checksum md5), which servers check without it.`,
      );
  }
  return undefined;
}

/**
 * An HTTP answer with a code Hoist does not know: say what the server said rather than guess (versitygw's 404
 * XAdminUserNotFound was once reported as a missing bucket). Only an answer without a body (a HEAD's) leaves nothing
 * to quote, so a bare 404 is taken for the likeliest cause, the bucket, and says that it had no details.
 */
function unknownAnswer(
  code: string,
  status: number,
  e: SdkLikeError,
  ctx: ErrorContext,
  where: string,
): ClassifiedError {
  const bodiless = e.Code === undefined && SDK_PLACEHOLDERS.has(code);
  if (bodiless && status === 404) {
    return perm(
      'NotFound',
      `${ctx.endpoint} answered HTTP 404 with no details for bucket "${ctx.bucket}". Check the bucket name and the endpoint URL.`,
    );
  }
  if (bodiless && status === 403) {
    return perm(
      'AccessDenied',
      `Access denied writing ${ctx.key} to ${where} (HTTP 403 with no details). Check the credentials and the bucket policy.`,
    );
  }
  if (bodiless && status === 301) return knownCode('PermanentRedirect', e, ctx, where)!;
  const said = serverSaid(code, status, e, bodiless);
  const todo =
    status === 403
      ? 'Check the credentials and what they are allowed to do there.'
      : status === 404
        ? 'Check the endpoint URL, the bucket name and the credentials.'
        : "Hoist does not know this answer; the server's documentation or logs may say more.";
  return perm(code, `${ctx.endpoint} answered ${said} for ${ctx.key} in bucket "${ctx.bucket}". ${todo}`);
}

/** "XCode (HTTP 404): the server's message", or "HTTP 400 with no details". */
function serverSaid(code: string, status: number, e: SdkLikeError, bodiless: boolean): string {
  if (bodiless) return `HTTP ${status} with no details`;
  const text = (e.message ?? '').split('\n')[0]!.trim();
  const message = text && text !== code && text !== 'UnknownError' ? `: "${text.replace(/\.$/, '')}"` : '';
  return `${code} (HTTP ${status})${message}`;
}

/**
 * An answer whose body the SDK could not read as XML at all (it keeps the text in $responseBodyText only then), so
 * with no S3 error code in it: a web server, a console or another API, not S3. An answer without a body (a HEAD's,
 * or a bare status) says nothing either way and is judged by its status as before.
 */
function notS3Reply(code: string, e: SdkLikeError): boolean {
  return (
    e.Code === undefined &&
    SDK_PLACEHOLDERS.has(code) &&
    typeof e.$responseBodyText === 'string' &&
    e.$responseBodyText.trim() !== ''
  );
}

/** Named by the endpoint and the status only: the same words for every file, as for the other batch stoppers. */
function notS3(status: number, ctx: ErrorContext): ClassifiedError {
  return perm(
    'NotS3Endpoint',
    `${ctx.endpoint} does not look like an S3 server: it answered HTTP ${status} with a reply that holds no S3 error code. Check the endpoint URL: it must be the address of the S3 API.`,
  );
}

/** A certificate problem is the same for every request: say which one, and what to set. */
function tlsError(code: string, e: SdkLikeError, endpoint: string): ClassifiedError {
  if (TLS_UNTRUSTED.has(code)) {
    return perm(
      'TlsUntrusted',
      `${endpoint} presented a TLS certificate that this computer does not trust (${code}). Trust its CA certificate — hoist: --ca-bundle FILE or AWS_CA_BUNDLE; app: the profile's CA certificate.`,
    );
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return perm(
      'TlsExpired',
      `The TLS certificate of ${endpoint} has expired (${code}). Renew it on the server, or check this computer's clock.`,
    );
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return perm(
      'TlsExpired',
      `The TLS certificate of ${endpoint} is not valid yet (${code}). Check this computer's clock and the certificate's dates.`,
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const detail = e.reason ? `: ${e.reason.replace(/\.$/, '')}` : '';
    return perm(
      'TlsHostMismatch',
      `The TLS certificate of ${endpoint} is not for that host name (${code}${detail}). Use a host name the certificate names in the endpoint URL, or fix the certificate.`,
    );
  }
  return perm(
    'TlsError',
    `TLS failed with ${endpoint} (${code}). Check the endpoint's certificate, or use http:// for a local server.`,
  );
}

function perm(code: string, message: string): ClassifiedError {
  return { code, message, class: 'permanent' };
}

export function describeEndpoint(endpointUrl: string | undefined, region: string): string {
  return endpointUrl ? endpointUrl : `AWS S3 (${region})`;
}
