// "Test connection": HeadBucket plus a one-key listing, answered in words a user can act on. The words come with their
// dictionary key and values (worded()), for the window's language; ConnectionCheck is to declare them as text.
import { s3Sdk, type ControlClient } from './s3-sdk';
import { translate, type MessageKey, type MessageParams } from '../../shared/i18n';
import type { Endpoint } from '../../shared/target';
import type { MessageText } from '../../shared/upload-state';
import { worded } from './error-messages';
import { describeEndpoint, HoistError } from './errors';
import type { ConnectionCheck } from '../types';

const TIMEOUT_MS = 15_000;

export async function checkConnection(
  client: () => ControlClient,
  ep: Endpoint,
  bucket: string,
): Promise<ConnectionCheck> {
  const where = describeEndpoint(ep.endpointUrl, ep.region);
  let c: ControlClient;
  try {
    c = client();
  } catch (err) {
    const said =
      err instanceof HoistError ? { message: err.message, ...(err.text ? { text: err.text } : {}) } : undefined;
    return { ok: false, kind: 'bad-endpoint', ...(said ?? { message: String(err) }) };
  }
  // Only the two read calls: a check never creates a bucket or touches its configuration (least privilege).
  // HeadBucket needs s3:ListBucket on AWS, as ListObjectsV2 does; a user allowed only s3:PutObject and the multipart
  // calls is refused both, with AccessDenied rather than NoSuchBucket, so the bucket exists and uploads may work.
  let listed: unknown;
  try {
    await c.send(new (await s3Sdk()).HeadBucketCommand({ Bucket: bucket }), {
      abortSignal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    if (!isDenied(err)) return explain(err, where, bucket);
    listed = err;
  }
  try {
    await c.send(new (await s3Sdk()).ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1 }), {
      abortSignal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (listed) return listDenied(where, bucket);
    return { ok: true, kind: 'ok', ...wordedCheck('credentials.check.canList', { endpoint: where, bucket }) };
  } catch (err) {
    if (isDenied(err)) return listDenied(where, bucket);
    return explain(err, where, bucket);
  }
}

/** Connected, and the keys were accepted (a 403 comes only after the signature checked out), but listing is denied. */
function listDenied(where: string, bucket: string): ConnectionCheck {
  return { ok: true, kind: 'ok', ...wordedCheck('credentials.check.listDenied', { endpoint: where, bucket }) };
}

function wordedCheck(key: MessageKey, params: MessageParams): { message: string; text: MessageText } {
  return { message: translate('en', key, params), text: { key, params } };
}

function isDenied(err: unknown): boolean {
  const e = err as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  return (
    e.name === 'AccessDenied' ||
    e.Code === 'AccessDenied' ||
    (e.name === 'Forbidden' && e.$metadata?.httpStatusCode === 403) ||
    (e.$metadata?.httpStatusCode === 403 && (e.name === 'Unknown' || e.name === '403'))
  );
}

function explain(err: unknown, where: string, bucket: string): ConnectionCheck {
  const e = err as {
    name?: string;
    code?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
    cause?: { code?: string };
  };
  const code = e.code ?? e.cause?.code ?? e.name ?? '';
  const status = e.$metadata?.httpStatusCode;
  if (
    [
      'InvalidAccessKeyId',
      'SignatureDoesNotMatch',
      'CredentialsProviderError',
      'ExpiredToken',
      'InvalidToken',
    ].includes(code)
  ) {
    return {
      ok: false,
      kind: 'credentials',
      ...worded('engineError.check.credentials', { endpoint: where, code }),
    };
  }
  if (code === 'NoSuchBucket' || code === 'NotFound' || status === 404) {
    return {
      ok: false,
      kind: 'bucket-missing',
      ...worded('engineError.check.bucketMissing', { bucket, endpoint: where }),
    };
  }
  if (code === 'AccessDenied' || code === 'Forbidden' || status === 403) {
    return {
      ok: false,
      kind: 'access-denied',
      ...worded('engineError.check.accessDenied', { bucket, endpoint: where }),
    };
  }
  if (/^(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ETIMEDOUT|TimeoutError|AbortError)$/.test(code)) {
    return {
      ok: false,
      kind: 'unreachable',
      ...worded('engineError.check.unreachable', { endpoint: where, code }),
    };
  }
  if (/^(ERR_TLS|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_SSL|EPROTO)/.test(code)) {
    return {
      ok: false,
      kind: 'tls',
      ...worded('engineError.check.tls', { endpoint: where, code }),
    };
  }
  const detail = (e.message ?? '').split('\n')[0]!;
  const params = { endpoint: where, code, detail, ...(status ? { status } : {}) };
  const key = code
    ? status
      ? 'engineError.check.otherStatus'
      : 'engineError.check.other'
    : status
      ? 'engineError.check.otherUnnamedStatus'
      : 'engineError.check.otherUnnamed';
  return { ok: false, kind: 'other', ...worded(key, params) };
}
