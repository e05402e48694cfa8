// Turns whatever the SDK, the socket or the file system threw into one line a user can act on, and decides whether
// trying again could help.
import type { UploadError } from '../shared/upload-state';

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
  return new HoistError('FileChanged', `${path} changed while it was uploading (it is now shorter than when the upload started). Nothing of it was kept; retry to upload the new version.`);
}

export interface ErrorContext {
  file: string;
  bucket: string;
  key: string;
  /** What to call the endpoint in messages: its URL, or "AWS S3 (region)". */
  endpoint: string;
}

export type ErrorClass = 'transient' | 'unreachable' | 'permanent' | 'aborted';

export interface ClassifiedError extends UploadError {
  class: ErrorClass;
}

const TRANSIENT_CODES = new Set([
  'SlowDown', 'RequestTimeout', 'RequestTimeTooSkewed', 'InternalError', 'ServiceUnavailable', 'Throttling',
  'ThrottlingException', 'RequestTimeoutException', 'TimeoutError', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT',
  'ESOCKETTIMEDOUT', 'ECONNABORTED', 'UND_ERR_SOCKET', 'ERR_STREAM_PREMATURE_CLOSE', 'BadDigest', 'IncompleteBody',
]);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EADDRNOTAVAIL']);
const TLS_CODES = /^(ERR_TLS|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_SSL)/;

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
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

  switch (code) {
    case 'NoSuchBucket':
      return perm(code, `Bucket "${ctx.bucket}" does not exist at ${ctx.endpoint}. Check the bucket name, or create the bucket first.`);
    case 'AccessDenied':
    case 'Forbidden':
      return perm('AccessDenied', `Access denied writing ${ctx.key} to ${where}. Check that the credentials may s3:PutObject there.`);
    case 'InvalidAccessKeyId':
      return perm(code, `The access key ID is not known to ${ctx.endpoint}. Check the credentials (AWS_ACCESS_KEY_ID or the profile).`);
    case 'SignatureDoesNotMatch':
      return perm(code, `${ctx.endpoint} rejected the request signature. Check the secret access key and the region.`);
    case 'CredentialsProviderError':
      return perm('NoCredentials', `No AWS credentials found for ${ctx.endpoint}. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE.`);
    case 'PermanentRedirect':
    case 'AuthorizationHeaderMalformed':
      return perm(code, `${where} is in another region. Set the region the bucket lives in.`);
    case 'EntityTooLarge':
      return perm(code, `${ctx.file} is too large for a single request at ${ctx.endpoint}.`);
    case 'NoSuchUpload':
      return perm(code, `The multipart upload for ${ctx.key} no longer exists on ${ctx.endpoint} (it was aborted or expired).`);
    case 'NotImplemented':
      return perm(code, `${ctx.endpoint} does not implement a feature Hoist used (often checksums). Set the checksum mode to "off" for this endpoint.`);
  }
  if (UNREACHABLE_CODES.has(code)) {
    return { code: 'EndpointUnreachable', message: `Cannot reach ${ctx.endpoint} (${code}). Check the endpoint URL and your network.`, class: 'unreachable' };
  }
  if (TLS_CODES.test(code)) {
    return perm('TlsError', `TLS failed with ${ctx.endpoint} (${code}). Check the endpoint's certificate, or use http:// for a local server.`);
  }
  if (code === 'ENOENT') return perm('FileMissing', `${ctx.file} no longer exists. Add it again once it is back.`);
  if (code === 'EACCES' || code === 'EPERM') return perm('FileUnreadable', `${ctx.file} cannot be read (permission denied). Fix its permissions and retry.`);
  if (code === 'EISDIR') return perm('NotAFile', `${ctx.file} is a folder, not a file.`);
  if (TRANSIENT_CODES.has(code) || (status !== undefined && status >= 500) || status === 429 || e.$fault === 'server') {
    return { code, message: `${ctx.endpoint} answered ${code}${status ? ` (HTTP ${status})` : ''} for ${ctx.key}; retrying may help.`, class: 'transient' };
  }
  if (status === 404) return perm('NotFound', `${ctx.endpoint} answered 404 for bucket "${ctx.bucket}". Check the bucket name and the endpoint URL.`);
  if (status === 403) return perm('AccessDenied', `Access denied writing ${ctx.key} to ${where}. Check the credentials.`);
  const text = (e.message ?? String(err)).split('\n')[0];
  // Unknown socket-level failures (no HTTP status) are worth another try; anything the server answered is not.
  if (status === undefined && /socket|network|connection|closed/i.test(text ?? '')) {
    return { code, message: `Connection to ${ctx.endpoint} failed (${text}); retrying.`, class: 'transient' };
  }
  return perm(code, `${ctx.endpoint} refused ${ctx.key}: ${text}`);
}

function perm(code: string, message: string): ClassifiedError {
  return { code, message, class: 'permanent' };
}

export function describeEndpoint(endpointUrl: string | undefined, region: string): string {
  return endpointUrl ? endpointUrl : `AWS S3 (${region})`;
}
