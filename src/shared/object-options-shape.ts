// Whether a value read back from disk (a journal entry) has ObjectOptions' shape: the same shape as the settings' zod
// schema (object-options-schema.ts, which a test compares this with), checked by hand so that the engine and the CLI
// need no zod. The rules on values are objectOptionsProblem's.
import {
  CANNED_ACLS,
  OBJECT_OPTION_FIELDS,
  OPTION_SHAPE_LIMITS as MAX,
  STORAGE_CLASSES,
  type ObjectOptions,
} from './object-options';

type Loose = Record<string, unknown>;

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const onlyKeys = (v: Loose, allowed: readonly string[]) => Object.keys(v).every((k) => allowed.includes(k));
const shortString = (v: unknown, max: number) => typeof v === 'string' && v.length <= max;
const keyValues = (v: unknown, max: number) =>
  Array.isArray(v) &&
  v.length <= max &&
  v.every(
    (kv) =>
      isObject(kv) && onlyKeys(kv, ['key', 'value']) && typeof kv.key === 'string' && typeof kv.value === 'string',
  );

function contentTypeOk(v: unknown): boolean {
  if (!isObject(v)) return false;
  if (v.mode === 'auto' || v.mode === 'none') return onlyKeys(v, ['mode']);
  return v.mode === 'fixed' && onlyKeys(v, ['mode', 'value']) && shortString(v.value, MAX.text);
}

function encryptionOk(v: unknown): boolean {
  if (!isObject(v)) return false;
  if (v.mode === 'default' || v.mode === 'AES256') return onlyKeys(v, ['mode']);
  return (
    v.mode === 'aws:kms' &&
    onlyKeys(v, ['mode', 'keyId']) &&
    (v.keyId === undefined || shortString(v.keyId, MAX.kmsKeyId))
  );
}

export function isObjectOptions(v: unknown): v is ObjectOptions {
  return (
    isObject(v) &&
    onlyKeys(v, OBJECT_OPTION_FIELDS) &&
    contentTypeOk(v.contentType) &&
    shortString(v.cacheControl, MAX.text) &&
    shortString(v.contentDisposition, MAX.text) &&
    keyValues(v.metadata, MAX.metadata) &&
    keyValues(v.tags, MAX.tags) &&
    (v.storageClass === undefined || (STORAGE_CLASSES as readonly unknown[]).includes(v.storageClass)) &&
    encryptionOk(v.encryption) &&
    (v.acl === undefined || (CANNED_ACLS as readonly unknown[]).includes(v.acl))
  );
}
