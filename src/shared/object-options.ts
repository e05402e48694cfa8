// What an upload sets on the object besides its bytes: content type, cache and download headers, user metadata, tags,
// storage class, encryption and ACL. One shape for the CLI's flags, a profile's defaults, a drop's "Options", the
// engine's requests and the journal (so that a resume sets exactly what the first attempt would have).
//
// Pure: no node, no SDK. The engine turns these into request headers (PutObject, CreateMultipartUpload).

/** Storage classes S3 documents for PutObject; other servers accept a subset (a refused one gets a clear message). */
export const STORAGE_CLASSES = [
  'STANDARD',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER_IR',
  'GLACIER',
  'DEEP_ARCHIVE',
  'REDUCED_REDUNDANCY',
] as const;
export type StorageClass = (typeof STORAGE_CLASSES)[number];

/** Canned ACLs Hoist offers. Buckets with Object Ownership "bucket owner enforced" refuse all but private. */
export const CANNED_ACLS = ['private', 'public-read', 'bucket-owner-full-control'] as const;
export type CannedAcl = (typeof CANNED_ACLS)[number];

/**
 * Content-Type: 'auto' from the file's extension (a maintained MIME table), 'fixed' one type for every file, 'none'
 * sends no header (the server's default, usually application/octet-stream; --no-guess-mime-type).
 */
export type ContentTypeChoice = { mode: 'auto' } | { mode: 'fixed'; value: string } | { mode: 'none' };

/** Server-side encryption: 'default' sends no header (the bucket's default applies, which may be a KMS key). */
export type EncryptionChoice = { mode: 'default' } | { mode: 'AES256' } | { mode: 'aws:kms'; keyId?: string };

/** A user metadata entry or a tag, in the order given. */
export interface KeyValue {
  key: string;
  value: string;
}

export interface ObjectOptions {
  contentType: ContentTypeChoice;
  /** '' sends none. */
  cacheControl: string;
  /** '' sends none. */
  contentDisposition: string;
  /** x-amz-meta-* headers; keys are sent lower-cased, as S3 stores them. */
  metadata: KeyValue[];
  /** Object tags (x-amz-tagging on PutObject and CreateMultipartUpload). */
  tags: KeyValue[];
  /** Missing: the server's default (STANDARD on AWS). */
  storageClass?: StorageClass;
  encryption: EncryptionChoice;
  /** Missing: no ACL header (the bucket's default, private on AWS). */
  acl?: CannedAcl;
}

/** The fields of ObjectOptions, in the order the forms show them (and the only keys a stored one may have). */
export const OBJECT_OPTION_FIELDS = [
  'contentType',
  'cacheControl',
  'contentDisposition',
  'metadata',
  'tags',
  'storageClass',
  'encryption',
  'acl',
] as const satisfies readonly (keyof ObjectOptions)[];

export const DEFAULT_OBJECT_OPTIONS: ObjectOptions = {
  contentType: { mode: 'auto' },
  cacheControl: '',
  contentDisposition: '',
  metadata: [],
  tags: [],
  encryption: { mode: 'default' },
};

/** Files left out of every folder drop unless the user removes them: the desktop's own bookkeeping files. */
export const DEFAULT_EXCLUDES: readonly string[] = ['.DS_Store', 'Thumbs.db', 'desktop.ini'];

// ---- the rules on values -----------------------------------------------------------------------------------------
// What S3 itself would refuse (or a proxy would mangle), checked before any byte goes out, so that a bad value is
// named with the option it came from rather than as a server's 400 on the first file.

/** S3's limit on user metadata: the UTF-8 bytes of every key and value added up. */
/**
 * The sizes a stored ObjectOptions may have at most, whatever its values (the settings' schema and a journal entry's
 * shape check both hold to these; S3's own, tighter limits above are objectOptionsProblem's).
 */
export const OPTION_SHAPE_LIMITS = { text: 1024, kmsKeyId: 2048, metadata: 100, tags: 50 } as const;

export const MAX_METADATA_BYTES = 2048;
export const MAX_TAGS = 10;
export const MAX_TAG_KEY_CHARS = 128;
export const MAX_TAG_VALUE_CHARS = 256;

/** The keys of the rules' messages (English and Japanese in i18n/object-rules.ts). */
export type ObjectRuleKey =
  | 'objectRule.contentType'
  | 'objectRule.headerText'
  | 'objectRule.metadataKey'
  | 'objectRule.metadataValue'
  | 'objectRule.metadataDuplicate'
  | 'objectRule.metadataSize'
  | 'objectRule.tagCount'
  | 'objectRule.tagKeyLength'
  | 'objectRule.tagValueLength'
  | 'objectRule.tagChars'
  | 'objectRule.tagReserved'
  | 'objectRule.tagDuplicate'
  | 'objectRule.kmsKeyId'
  | 'objectRule.kmsKeyWithoutKms'
  | 'objectRule.keyValue';

/** Which option a problem is about, so that a form can mark its field and the CLI can name its flag. */
export type ObjectOptionField = (typeof OBJECT_OPTION_FIELDS)[number];

export interface ObjectOptionsProblem {
  field: ObjectOptionField;
  key: ObjectRuleKey;
  params: Record<string, string | number>;
}

// The character rules, exported so the forms mark the very row at fault with the same rules (option-values.ts).
/** A header value S3 keeps as given: printable ASCII on one line (no CR/LF, which would end the header). */
export const HEADER_TEXT = /^[\x20-\x7e]*$/;
/** RFC 9110 token characters: what a header name (so an x-amz-meta-* key) may hold. */
export const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
export const MEDIA_TYPE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+(\s*;[\x20-\x7e]*)?$/;
/** What S3 allows in tag keys and values: letters, digits and spaces in any script, and + - = . _ : / @. */
export const TAG_TEXT = /^[\p{L}\p{N}\p{Zs}+\-=._:/@]*$/u;
/** A key ID, key ARN, alias name or alias ARN: printable ASCII without spaces. */
const KMS_KEY_ID = /^[\x21-\x7e]+$/;

const problem = (
  field: ObjectOptionField,
  key: ObjectRuleKey,
  params: Record<string, string | number> = {},
): ObjectOptionsProblem => ({ field, key, params });

/** The first value S3 (or HTTP) would refuse, or undefined when every option can be sent as it is. */
export function objectOptionsProblem(o: ObjectOptions): ObjectOptionsProblem | undefined {
  return headerProblem(o) ?? metadataProblem(o.metadata) ?? tagsProblem(o.tags) ?? encryptionProblem(o.encryption);
}

function headerProblem(o: ObjectOptions): ObjectOptionsProblem | undefined {
  if (o.contentType.mode === 'fixed') {
    const value = o.contentType.value;
    if (!HEADER_TEXT.test(value))
      return problem('contentType', 'objectRule.headerText', { option: 'Content-Type', value });
    if (!MEDIA_TYPE.test(value.trim())) return problem('contentType', 'objectRule.contentType', { value });
  }
  if (!HEADER_TEXT.test(o.cacheControl))
    return problem('cacheControl', 'objectRule.headerText', { option: 'Cache-Control', value: o.cacheControl });
  if (!HEADER_TEXT.test(o.contentDisposition))
    return problem('contentDisposition', 'objectRule.headerText', {
      option: 'Content-Disposition',
      value: o.contentDisposition,
    });
  return undefined;
}

function metadataProblem(metadata: KeyValue[]): ObjectOptionsProblem | undefined {
  const seen = new Set<string>();
  let bytes = 0;
  for (const { key, value } of metadata) {
    if (!TOKEN.test(key)) return problem('metadata', 'objectRule.metadataKey', { key });
    // S3 stores the keys lower-cased: two that differ only in case would be one.
    const lower = key.toLowerCase();
    if (seen.has(lower)) return problem('metadata', 'objectRule.metadataDuplicate', { key });
    seen.add(lower);
    if (!HEADER_TEXT.test(value)) return problem('metadata', 'objectRule.metadataValue', { key, value });
    bytes += utf8Length(key) + utf8Length(value);
  }
  if (bytes > MAX_METADATA_BYTES)
    return problem('metadata', 'objectRule.metadataSize', { size: bytes, max: MAX_METADATA_BYTES });
  return undefined;
}

function tagsProblem(tags: KeyValue[]): ObjectOptionsProblem | undefined {
  if (tags.length > MAX_TAGS) return problem('tags', 'objectRule.tagCount', { count: tags.length, max: MAX_TAGS });
  const seen = new Set<string>();
  for (const { key, value } of tags) {
    const keyChars = [...key].length;
    if (keyChars < 1 || keyChars > MAX_TAG_KEY_CHARS)
      return problem('tags', 'objectRule.tagKeyLength', { key, max: MAX_TAG_KEY_CHARS });
    const valueChars = [...value].length;
    if (valueChars > MAX_TAG_VALUE_CHARS)
      return problem('tags', 'objectRule.tagValueLength', { key, length: valueChars, max: MAX_TAG_VALUE_CHARS });
    if (!TAG_TEXT.test(key) || !TAG_TEXT.test(value)) return problem('tags', 'objectRule.tagChars', { key });
    if (key.toLowerCase().startsWith('aws:')) return problem('tags', 'objectRule.tagReserved', { key });
    if (seen.has(key)) return problem('tags', 'objectRule.tagDuplicate', { key });
    seen.add(key);
  }
  return undefined;
}

function encryptionProblem(encryption: EncryptionChoice): ObjectOptionsProblem | undefined {
  // The type allows a key only with aws:kms; a value read from a file is checked all the same.
  const keyId = (encryption as { keyId?: unknown }).keyId;
  if (keyId === undefined) return undefined;
  if (encryption.mode !== 'aws:kms') return problem('encryption', 'objectRule.kmsKeyWithoutKms');
  if (typeof keyId !== 'string' || !KMS_KEY_ID.test(keyId))
    return problem('encryption', 'objectRule.kmsKeyId', { value: String(keyId) });
  return undefined;
}

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

/**
 * "key=value" as the CLI's --metadata and --tag take it: split at the first "=", so the value may hold more; an empty
 * value is allowed (S3 keeps it), an empty key is not. Surrounding spaces of the key are dropped, the value's kept.
 */
export function parseKeyValue(text: string): KeyValue | ObjectOptionsProblem {
  const eq = text.indexOf('=');
  const key = eq < 0 ? '' : text.slice(0, eq).trim();
  if (!key) return { field: 'metadata', key: 'objectRule.keyValue', params: { value: text } };
  return { key, value: text.slice(eq + 1) };
}

/** Whether a parse answer is a problem rather than an entry. */
export function isProblem(v: KeyValue | ObjectOptionsProblem): v is ObjectOptionsProblem {
  return 'field' in v;
}
