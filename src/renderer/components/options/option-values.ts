// Object options as the forms edit them: the checks that give each field its inline message, the tidy-up before they
// are sent (trimmed text, blank rows dropped), and which fields differ from the profile's (the Options badge).
//
// The checks are the shared rules (objectOptionsProblem in object-options.ts: header values in plain ASCII, S3's
// limits on metadata and tags), placed at the row and the half of the row at fault so the form can mark that input;
// the shared check then runs on the whole as the last word, so the form never lets through what the engine refuses.
import type { MessageKey } from '../../../shared/i18n';
import {
  HEADER_TEXT,
  MAX_METADATA_BYTES,
  MAX_TAG_KEY_CHARS,
  MAX_TAG_VALUE_CHARS,
  MAX_TAGS,
  MEDIA_TYPE,
  OBJECT_OPTION_FIELDS,
  objectOptionsProblem,
  TAG_TEXT,
  TOKEN,
  type KeyValue,
  type ObjectOptionField,
  type ObjectOptions,
  type ObjectRuleKey,
} from '../../../shared/object-options';

/** Problem name → message key. Names: contentType, cacheControl, contentDisposition, kmsKeyId, metadata, tags, and
 *  metadata.<row>.key / .value, tags.<row>.key / .value for one row (row counted from 0). */
export type OptionProblems = Record<string, MessageKey>;

/** The shared rules' keys → this form's messages (which say what to do in the form rather than which flag). */
const RULE_MESSAGES: Record<ObjectRuleKey, MessageKey> = {
  'objectRule.contentType': 'v.contentType',
  'objectRule.headerText': 'v.headerText',
  'objectRule.metadataKey': 'v.metaKeyChars',
  'objectRule.metadataValue': 'v.headerText',
  'objectRule.metadataDuplicate': 'v.metaKeyTwice',
  'objectRule.metadataSize': 'v.metaTooBig',
  'objectRule.tagCount': 'v.tagCount',
  'objectRule.tagKeyLength': 'v.tagKeyLength',
  'objectRule.tagValueLength': 'v.tagValueLength',
  'objectRule.tagChars': 'v.tagChars',
  'objectRule.tagReserved': 'v.tagReserved',
  'objectRule.tagDuplicate': 'v.tagKeyTwice',
  'objectRule.kmsKeyId': 'v.kmsKeyId',
  'objectRule.kmsKeyWithoutKms': 'v.kmsKeyId',
  'objectRule.keyValue': 'v.metaKeyRequired',
};

/** A row just added and left empty: ignored rather than refused. */
const isBlankRow = (row: KeyValue) => row.key.trim() === '' && row.value === '';

export function objectOptionProblems(options: ObjectOptions): OptionProblems {
  const found: OptionProblems = {};
  const ct = options.contentType;
  if (ct.mode === 'fixed' && !MEDIA_TYPE.test(ct.value.trim())) found['contentType'] = 'v.contentType';
  if (!HEADER_TEXT.test(options.cacheControl)) found['cacheControl'] = 'v.headerText';
  if (!HEADER_TEXT.test(options.contentDisposition)) found['contentDisposition'] = 'v.headerText';
  if (options.encryption.mode === 'aws:kms' && !/^\S*$/.test(options.encryption.keyId?.trim() ?? ''))
    found['kmsKeyId'] = 'v.kmsKeyId';
  metadataProblems(options.metadata, found);
  tagProblems(options.tags, found);
  if (Object.keys(found).length > 0) return found;
  const shared = objectOptionsProblem(tidyObjectOptions(options));
  if (shared) found[shared.field === 'encryption' ? 'kmsKeyId' : shared.field] = RULE_MESSAGES[shared.key];
  return found;
}

function metadataProblems(rows: KeyValue[], found: OptionProblems): void {
  const seen = new Set<string>();
  let bytes = 0;
  rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    const key = row.key.trim();
    if (key === '') found[`metadata.${i}.key`] = 'v.metaKeyRequired';
    else if (!TOKEN.test(key)) found[`metadata.${i}.key`] = 'v.metaKeyChars';
    else if (seen.has(key.toLowerCase())) found[`metadata.${i}.key`] = 'v.metaKeyTwice';
    if (!HEADER_TEXT.test(row.value)) found[`metadata.${i}.value`] = 'v.headerText';
    seen.add(key.toLowerCase());
    bytes += utf8Length(key) + utf8Length(row.value);
  });
  if (bytes > MAX_METADATA_BYTES) found['metadata'] = 'v.metaTooBig';
}

function tagProblems(rows: KeyValue[], found: OptionProblems): void {
  const seen = new Set<string>();
  let count = 0;
  rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    count += 1;
    const key = row.key.trim();
    if (key === '') found[`tags.${i}.key`] = 'v.tagKeyRequired';
    else if ([...key].length > MAX_TAG_KEY_CHARS) found[`tags.${i}.key`] = 'v.tagKeyLength';
    else if (!TAG_TEXT.test(key)) found[`tags.${i}.key`] = 'v.tagChars';
    else if (key.toLowerCase().startsWith('aws:')) found[`tags.${i}.key`] = 'v.tagReserved';
    else if (seen.has(key)) found[`tags.${i}.key`] = 'v.tagKeyTwice';
    if ([...row.value].length > MAX_TAG_VALUE_CHARS) found[`tags.${i}.value`] = 'v.tagValueLength';
    else if (!TAG_TEXT.test(row.value)) found[`tags.${i}.value`] = 'v.tagChars';
    seen.add(key);
  });
  if (count > MAX_TAGS) found['tags'] = 'v.tagCount';
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** As they are sent: text trimmed, blank rows dropped, a blank KMS key ID left out (the AWS-managed key). */
export function tidyObjectOptions(options: ObjectOptions): ObjectOptions {
  const rows = (list: KeyValue[]) =>
    list.filter((row) => !isBlankRow(row)).map((row) => ({ key: row.key.trim(), value: row.value }));
  const { encryption, contentType } = options;
  const keyId = encryption.mode === 'aws:kms' ? (encryption.keyId ?? '').trim() : '';
  const tidy: ObjectOptions = {
    contentType: contentType.mode === 'fixed' ? { mode: 'fixed', value: contentType.value.trim() } : contentType,
    cacheControl: options.cacheControl.trim(),
    contentDisposition: options.contentDisposition.trim(),
    metadata: rows(options.metadata),
    tags: rows(options.tags),
    encryption: encryption.mode === 'aws:kms' ? (keyId ? { mode: 'aws:kms', keyId } : { mode: 'aws:kms' }) : encryption,
  };
  if (options.storageClass) tidy.storageClass = options.storageClass;
  if (options.acl) tidy.acl = options.acl;
  return tidy;
}

/** The fields whose tidied values differ between a and b (JSON: the values are plain data). */
export function changedOptionFields(a: ObjectOptions, b: ObjectOptions): ObjectOptionField[] {
  const ta = tidyObjectOptions(a);
  const tb = tidyObjectOptions(b);
  return OBJECT_OPTION_FIELDS.filter((field) => JSON.stringify(ta[field]) !== JSON.stringify(tb[field]));
}

/** Prefixes every problem's name, so that the profile form's own fields keep theirs (e.g. "options.tags.0.key"). */
export function prefixProblems(problems: OptionProblems, prefix: string): OptionProblems {
  return Object.fromEntries(Object.entries(problems).map(([name, key]) => [`${prefix}${name}`, key]));
}
