// The words of the errors classify() (errors.ts) names: what the server or the TLS check said, and what to check or
// set to get past it. Each builder returns the classified error whole; classify() decides which one applies.
import type { ClassifiedError, ErrorContext, SdkLikeError } from './errors';

/** Node's codes for a certificate chain that does not end at a CA this computer trusts. */
export const TLS_UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
]);
/** The names the SDK makes up when the answer had no body (a HEAD, or a bare status): not the server's words. */
export const SDK_PLACEHOLDERS = new Set(['NotFound', 'Unknown', 'UnknownError', 'Error']);

/** The codes Hoist knows the meaning of; messages for the batch stoppers leave out the key, being the same for every file. */
export function knownCode(
  code: string,
  e: SdkLikeError,
  ctx: ErrorContext,
  where: string,
): ClassifiedError | undefined {
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
export function unknownAnswer(
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
export function notS3Reply(code: string, e: SdkLikeError): boolean {
  return (
    e.Code === undefined &&
    SDK_PLACEHOLDERS.has(code) &&
    typeof e.$responseBodyText === 'string' &&
    e.$responseBodyText.trim() !== ''
  );
}

/** Named by the endpoint and the status only: the same words for every file, as for the other batch stoppers. */
export function notS3(status: number, ctx: ErrorContext): ClassifiedError {
  return perm(
    'NotS3Endpoint',
    `${ctx.endpoint} does not look like an S3 server: it answered HTTP ${status} with a reply that holds no S3 error code. Check the endpoint URL: it must be the address of the S3 API.`,
  );
}

/** A certificate problem is the same for every request: say which one, and what to set. */
export function tlsError(code: string, e: SdkLikeError, endpoint: string): ClassifiedError {
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

export function perm(code: string, message: string): ClassifiedError {
  return { code, message, class: 'permanent' };
}
