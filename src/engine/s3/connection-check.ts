// "Test connection": HeadBucket plus a one-key listing, answered in words a user can act on.
import { HeadBucketCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { Endpoint } from '../../shared/target';
import { describeEndpoint, HoistError } from './errors';
import type { ConnectionCheck } from '../types';

const TIMEOUT_MS = 15_000;

export async function checkConnection(client: () => S3Client, ep: Endpoint, bucket: string): Promise<ConnectionCheck> {
  const where = describeEndpoint(ep.endpointUrl, ep.region);
  let c: S3Client;
  try {
    c = client();
  } catch (err) {
    return { ok: false, kind: 'bad-endpoint', message: err instanceof HoistError ? err.message : String(err) };
  }
  try {
    await c.send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal: AbortSignal.timeout(TIMEOUT_MS) });
    await c.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1 }), {
      abortSignal: AbortSignal.timeout(TIMEOUT_MS),
    });
    return { ok: true, kind: 'ok', message: `Connected to ${where}; bucket "${bucket}" is reachable.` };
  } catch (err) {
    return explain(err, where, bucket);
  }
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
      message: `${where} rejected the credentials (${code}). Check the access key ID and secret.`,
    };
  }
  if (code === 'NoSuchBucket' || code === 'NotFound' || status === 404) {
    return {
      ok: false,
      kind: 'bucket-missing',
      message: `Bucket "${bucket}" does not exist at ${where}. Check the name, or create it.`,
    };
  }
  if (code === 'AccessDenied' || code === 'Forbidden' || status === 403) {
    return {
      ok: false,
      kind: 'access-denied',
      message: `Access to bucket "${bucket}" at ${where} was denied. Check the credentials and the bucket policy.`,
    };
  }
  if (/^(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ETIMEDOUT|TimeoutError|AbortError)$/.test(code)) {
    return {
      ok: false,
      kind: 'unreachable',
      message: `Cannot reach ${where} (${code}). Check the URL, the port and your network.`,
    };
  }
  if (/^(ERR_TLS|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_SSL|EPROTO)/.test(code)) {
    return {
      ok: false,
      kind: 'tls',
      message: `TLS failed with ${where} (${code}). Check the certificate, or use http:// for a local server.`,
    };
  }
  return {
    ok: false,
    kind: 'other',
    message: `${where} answered ${code || 'an error'}${status ? ` (HTTP ${status})` : ''}: ${(e.message ?? '').split('\n')[0]}`,
  };
}
