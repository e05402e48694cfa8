// What a file's object gets besides its bytes, resolved for that file: the content type from its extension (the `mime`
// package's table, kept up to date upstream, never a hand-written one), a fixed type, or none; and the target's other
// options. Sent alike by PutObject on both data paths and by CreateMultipartUpload, as SDK fields or as the raw
// headers the lean path signs.
import mime from 'mime';
import type { CannedAcl, ObjectOptions, StorageClass } from '../../shared/object-options';

/** The options as one object gets them; a missing field sends no header. */
export interface ObjectFields {
  contentType?: string;
  cacheControl?: string;
  contentDisposition?: string;
  /** x-amz-meta-* (keys lower-cased, as S3 stores them). */
  metadata?: Record<string, string>;
  /** x-amz-tagging: the tags URL-encoded as a query string. */
  tagging?: string;
  storageClass?: StorageClass;
  sse?: 'AES256' | 'aws:kms';
  kmsKeyId?: string;
  acl?: CannedAcl;
}

/**
 * The content type of a file by its name's extension, or undefined when the table has none (the server then keeps
 * its default, application/octet-stream, as it did before Hoist set any).
 */
export function detectContentType(fileName: string): string | undefined {
  return mime.getType(fileName) ?? undefined;
}

/** The fields for one file's object: `name` is the file's name (its extension picks the type under 'auto'). */
export function objectFields(options: ObjectOptions | undefined, name: string): ObjectFields {
  if (!options) return withContentType({}, detectContentType(name));
  const f: ObjectFields = {};
  const type = options.contentType;
  withContentType(
    f,
    type.mode === 'auto' ? detectContentType(name) : type.mode === 'fixed' ? type.value.trim() : undefined,
  );
  if (options.cacheControl) f.cacheControl = options.cacheControl;
  if (options.contentDisposition) f.contentDisposition = options.contentDisposition;
  if (options.metadata.length)
    f.metadata = Object.fromEntries(options.metadata.map((m) => [m.key.toLowerCase(), m.value]));
  if (options.tags.length) f.tagging = tagQuery(options.tags);
  if (options.storageClass) f.storageClass = options.storageClass;
  if (options.encryption.mode !== 'default') {
    f.sse = options.encryption.mode;
    if (options.encryption.mode === 'aws:kms' && options.encryption.keyId) f.kmsKeyId = options.encryption.keyId;
  }
  if (options.acl) f.acl = options.acl;
  return f;
}

function withContentType(f: ObjectFields, type: string | undefined): ObjectFields {
  if (type) f.contentType = type;
  return f;
}

/** Tags as x-amz-tagging carries them: key=value pairs joined by &, each part percent-encoded (spaces as %20). */
export function tagQuery(tags: { key: string; value: string }[]): string {
  return tags.map((t) => `${encodeTagPart(t.key)}=${encodeTagPart(t.value)}`).join('&');
}

function encodeTagPart(s: string): string {
  // encodeURIComponent leaves ! ' ( ) * bare; S3 reads the header as a query string either way, but encoding them
  // keeps the signed header identical to what other SDKs would send.
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The fields as PutObject's and CreateMultipartUpload's SDK input spells them. */
export function sdkObjectParams(f: ObjectFields): {
  ContentType?: string;
  CacheControl?: string;
  ContentDisposition?: string;
  Metadata?: Record<string, string>;
  Tagging?: string;
  StorageClass?: StorageClass;
  ServerSideEncryption?: 'AES256' | 'aws:kms';
  SSEKMSKeyId?: string;
  ACL?: CannedAcl;
} {
  return {
    ...(f.contentType ? { ContentType: f.contentType } : {}),
    ...(f.cacheControl ? { CacheControl: f.cacheControl } : {}),
    ...(f.contentDisposition ? { ContentDisposition: f.contentDisposition } : {}),
    ...(f.metadata ? { Metadata: f.metadata } : {}),
    ...(f.tagging ? { Tagging: f.tagging } : {}),
    ...(f.storageClass ? { StorageClass: f.storageClass } : {}),
    ...(f.sse ? { ServerSideEncryption: f.sse } : {}),
    ...(f.kmsKeyId ? { SSEKMSKeyId: f.kmsKeyId } : {}),
    ...(f.acl ? { ACL: f.acl } : {}),
  };
}

/** The fields as raw headers (lower-case names), for the lean path to sign and send. */
export function objectHeaders(f: ObjectFields): Record<string, string> {
  const h: Record<string, string> = {};
  if (f.contentType) h['content-type'] = f.contentType;
  if (f.cacheControl) h['cache-control'] = f.cacheControl;
  if (f.contentDisposition) h['content-disposition'] = f.contentDisposition;
  for (const [k, v] of Object.entries(f.metadata ?? {})) h[`x-amz-meta-${k}`] = v;
  if (f.tagging) h['x-amz-tagging'] = f.tagging;
  if (f.storageClass) h['x-amz-storage-class'] = f.storageClass;
  if (f.sse) h['x-amz-server-side-encryption'] = f.sse;
  if (f.kmsKeyId) h['x-amz-server-side-encryption-aws-kms-key-id'] = f.kmsKeyId;
  if (f.acl) h['x-amz-acl'] = f.acl;
  return h;
}
