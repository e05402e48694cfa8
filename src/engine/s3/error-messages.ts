// The words of the errors classify() (errors.ts) names: what the server or the TLS check said, and what to check or
// set to get past it. Each builder returns the classified error whole; classify() decides which one applies. The words
// are the English templates of the dictionary (shared/i18n/engine-errors.ts): the CLI prints them, and the key and
// values travel with them so that the window can show them in its own language.
import { translate, type MessageParams } from '../../shared/i18n';
import type { engineErrorsEn } from '../../shared/i18n/engine-errors';
import type { MessageText } from '../../shared/upload-state';
import type { ClassifiedError, ErrorContext, SdkLikeError } from './errors';

export type EngineMessageKey = keyof typeof engineErrorsEn;

/** A message in English words and as keys: what every error, problem and outcome of the engine carries. */
export interface Worded {
  message: string;
  text: MessageText;
}

/** The English message of key with params filled, and the key and params themselves. */
export function worded(key: EngineMessageKey, params: MessageParams = {}): Worded {
  return { message: translate('en', key, params), text: { key, params } };
}

/**
 * A message with one more sentence after it. A message without keys (from code not yet converted) gets the English
 * sentence only: half a message in another language would read worse than all of it in English.
 */
export function followedBy<T extends { message: string; text?: MessageText }>(
  first: T,
  key: EngineMessageKey,
  params: MessageParams = {},
): T {
  const message = `${first.message} ${translate('en', key, params)}`;
  if (!first.text) return { ...first, message };
  const more = [...(first.text.more ?? []), { key, params }];
  return { ...first, message, text: { ...first.text, more } };
}

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
export function knownCode(code: string, e: SdkLikeError, ctx: ErrorContext): ClassifiedError | undefined {
  const status = e.$metadata?.httpStatusCode;
  const { bucket, endpoint, key, file } = ctx;
  const refused = optionRefusal(code, e, ctx);
  if (refused) return refused;
  switch (code) {
    case 'NoSuchBucket':
      return perm(code, worded('engineError.NoSuchBucket', { bucket, endpoint }));
    case 'InvalidBucketName':
      return perm(code, worded('engineError.InvalidBucketName', { bucket, endpoint }));
    case 'AccessDenied':
    case 'Forbidden':
      return perm('AccessDenied', worded('engineError.AccessDenied', { key, bucket, endpoint }));
    case 'InvalidAccessKeyId':
    case 'XAdminUserNotFound':
      return perm('InvalidAccessKeyId', unknownKeyId(code, status, ctx));
    case 'SignatureDoesNotMatch':
      return perm(code, worded('engineError.SignatureDoesNotMatch', { endpoint }));
    case 'ExpiredToken':
    case 'InvalidToken':
      return perm(code, worded('engineError.ExpiredToken', { endpoint, code }));
    case 'CredentialsProviderError':
      return perm('NoCredentials', worded('engineError.NoCredentials', { endpoint }));
    case 'PermanentRedirect':
    case 'AuthorizationHeaderMalformed':
      return perm(code, worded('engineError.PermanentRedirect', { bucket, endpoint }));
    case 'EntityTooLarge':
      return perm(code, worded('engineError.EntityTooLarge', { file, endpoint }));
    case 'NoSuchUpload':
      return perm(code, worded('engineError.NoSuchUpload', { key, endpoint }));
    case 'NotImplemented':
      return perm(code, worded('engineError.NotImplemented', { endpoint }));
  }
  return undefined;
}

/** The access key ID is named when known; a gateway's own code for it (and its status) is quoted. */
function unknownKeyId(code: string, status: number | undefined, ctx: ErrorContext): Worded {
  const { endpoint, accessKeyId } = ctx;
  const named = accessKeyId ? ('.named' as const) : ('' as const);
  const params = { endpoint, ...(accessKeyId ? { accessKeyId } : {}) };
  if (code === 'InvalidAccessKeyId') return worded(`engineError.InvalidAccessKeyId${named}`, params);
  if (!status) return worded(`engineError.InvalidAccessKeyId${named}.answered`, { ...params, code });
  return worded(`engineError.InvalidAccessKeyId${named}.answeredStatus`, { ...params, code, status });
}

/**
 * An HTTP answer with a code Hoist does not know: say what the server said rather than guess (versitygw's 404
 * XAdminUserNotFound was once reported as a missing bucket). Only an answer without a body (a HEAD's) leaves nothing
 * to quote, so a bare 404 is taken for the likeliest cause, the bucket, and says that it had no details.
 */
export function unknownAnswer(code: string, status: number, e: SdkLikeError, ctx: ErrorContext): ClassifiedError {
  const { bucket, endpoint, key } = ctx;
  const bodiless = e.Code === undefined && SDK_PLACEHOLDERS.has(code);
  if (bodiless && status === 404) return perm('NotFound', worded('engineError.NotFound.bare', { endpoint, bucket }));
  if (bodiless && status === 403) {
    return perm('AccessDenied', worded('engineError.AccessDenied.bare', { key, bucket, endpoint }));
  }
  if (bodiless && status === 301) return knownCode('PermanentRedirect', e, ctx)!;
  const todo =
    status === 403 ? 'engineError.todo.403' : status === 404 ? 'engineError.todo.404' : 'engineError.todo.other';
  return perm(code, followedBy(serverSaid(code, status, e, bodiless, ctx), todo));
}

/** "… answered XCode (HTTP 404): "the server's message" for …", or "… answered HTTP 400 with no details for …". */
function serverSaid(code: string, status: number, e: SdkLikeError, bodiless: boolean, ctx: ErrorContext): Worded {
  const { bucket, endpoint, key } = ctx;
  if (bodiless) return worded('engineError.answered.bare', { endpoint, status, key, bucket });
  const text = (e.message ?? '').split('\n')[0]!.trim();
  if (!text || text === code || text === 'UnknownError') {
    return worded('engineError.answered.code', { endpoint, code, status, key, bucket });
  }
  return worded('engineError.answered.said', { endpoint, code, status, said: text.replace(/\.$/, ''), key, bucket });
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
  return perm('NotS3Endpoint', worded('engineError.NotS3Endpoint', { endpoint: ctx.endpoint, status }));
}

/** A certificate problem is the same for every request: say which one, and what to set. */
export function tlsError(code: string, e: SdkLikeError, endpoint: string): ClassifiedError {
  if (TLS_UNTRUSTED.has(code)) return perm('TlsUntrusted', worded('engineError.TlsUntrusted', { endpoint, code }));
  if (code === 'CERT_HAS_EXPIRED') return perm('TlsExpired', worded('engineError.TlsExpired', { endpoint, code }));
  if (code === 'CERT_NOT_YET_VALID') {
    return perm('TlsExpired', worded('engineError.TlsNotYetValid', { endpoint, code }));
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const mismatch = e.reason
      ? worded('engineError.TlsHostMismatch.detail', { endpoint, code, detail: e.reason.replace(/\.$/, '') })
      : worded('engineError.TlsHostMismatch', { endpoint, code });
    return perm('TlsHostMismatch', mismatch);
  }
  return perm('TlsError', worded('engineError.TlsError', { endpoint, code }));
}

export function perm(code: string, words: Worded): ClassifiedError {
  return { code, ...words, class: 'permanent' };
}

/** KMS's own codes as S3 passes them on (KMS.NotFoundException, KMS.DisabledException, …). */
const KMS_CODE = /^KMS\.|^KMS[A-Z]|KmsKey|InvalidEncryption/;

/**
 * A refusal of one of the upload's object options: the option, its value, and what to do. Only when the upload set
 * that option: the same code for an upload without it means something else (NotImplemented is also the answer to the
 * CRC32 header, which the integrity check's fallback deals with first).
 */
function optionRefusal(code: string, e: SdkLikeError, ctx: ErrorContext): ClassifiedError | undefined {
  const o = ctx.options;
  if (!o) return undefined;
  const { bucket, endpoint, key } = ctx;
  const said = (e.message ?? '').split('\n')[0]!.trim() || code;
  if (code === 'InvalidStorageClass' && o.storageClass)
    return perm(
      code,
      worded('engineError.option.storageClass', { endpoint, storageClass: o.storageClass, key, bucket, code }),
    );
  if ((code === 'InvalidTag' || (code === 'InvalidArgument' && /tag/i.test(said))) && o.tags.length)
    return perm(code, worded('engineError.option.tags', { endpoint, key, bucket, code, said }));
  if (code === 'AccessControlListNotSupported' && o.acl)
    return perm(code, worded('engineError.option.acl', { endpoint, acl: o.acl, key, bucket, code }));
  const sse = o.encryption.mode;
  if (sse !== 'default' && (KMS_CODE.test(code) || (code === 'InvalidArgument' && /encrypt|kms/i.test(said))))
    return perm(code, worded('engineError.option.encryption', { endpoint, sse, key, bucket, code, said }));
  if (code === 'NotImplemented') {
    const used = serverSideOptions(o);
    if (used.length)
      return perm(
        code,
        worded('engineError.option.notImplemented', { endpoint, key, bucket, options: used.join(', ') }),
      );
  }
  return undefined;
}

/** The options a server may not implement (headers the plain object store ignores or refuses), as the CLI names them. */
function serverSideOptions(o: NonNullable<ErrorContext['options']>): string[] {
  return [
    ...(o.storageClass ? [`storage class ${o.storageClass}`] : []),
    ...(o.encryption.mode !== 'default' ? [`encryption ${o.encryption.mode}`] : []),
    ...(o.acl ? [`ACL ${o.acl}`] : []),
    ...(o.tags.length ? ['tags'] : []),
  ];
}
