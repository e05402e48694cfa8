// A refused request's answer as the error the SDK would have thrown for it, so that classify() (errors.ts) words it
// the same on both data paths: the server's Code as the name, its Message, $fault by status, the status in
// $metadata, and the raw body in $responseBodyText when it was not XML at all (a web page or a proxy's text, which
// is how a URL that is not an S3 server is recognised).
import { parseXML } from '@aws-sdk/xml-builder';
import type { SdkLikeError } from '../errors';

export interface LeanServiceError extends Error, Omit<SdkLikeError, 'message' | 'name'> {
  Code?: string;
  RequestId?: string;
  $metadata: { httpStatusCode: number; requestId?: string; attempts: number; totalRetryDelay: number };
}

/** The answer's body read as the SDK reads it (its own parser); undefined when it is not XML at all. */
function parsed(body: string): Record<string, unknown> | undefined {
  try {
    return parseXML(body) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The fields of the error element: <Error> at the root (S3), or the root itself. */
function errorFields(doc: Record<string, unknown>): Record<string, unknown> {
  const root = Object.values(doc)[0];
  if (!root || typeof root !== 'object') return {};
  const inner = (root as Record<string, unknown>).Error;
  return inner && typeof inner === 'object' ? (inner as Record<string, unknown>) : (root as Record<string, unknown>);
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The error for a non-2xx answer. An XML body without a Code (or an empty one, as a HEAD's) gets the SDK's stand-in
 * names: NotFound for 404, Unknown otherwise. A body that is not XML keeps its text for the "not S3" check.
 */
export function serviceError(status: number, body: string, headers: { requestId?: string }): LeanServiceError {
  const metadata = { httpStatusCode: status, requestId: headers.requestId, attempts: 1, totalRetryDelay: 0 };
  const doc = body.trim() === '' ? {} : parsed(body);
  if (!doc) {
    const err = new Error(`The answer (HTTP ${status}) is not S3's XML.`) as LeanServiceError;
    err.name = 'Error';
    err.$metadata = metadata;
    Object.defineProperty(err, '$responseBodyText', { value: body, enumerable: false });
    return err;
  }
  const fields = errorFields(doc);
  const code = text(fields.Code);
  const err = new Error(code ? (text(fields.Message) ?? code) : 'UnknownError') as LeanServiceError;
  err.name = code ?? (status === 404 ? 'NotFound' : 'Unknown');
  if (code) err.Code = code;
  const requestId = text(fields.RequestId);
  if (requestId) err.RequestId = requestId;
  err.$fault = status >= 500 ? 'server' : 'client';
  err.$metadata = metadata;
  return err;
}
