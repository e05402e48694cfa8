// What an upload sets on the object besides its bytes: content type, cache and download headers, user metadata, tags,
// storage class, encryption and ACL. One shape for the CLI's flags, a profile's defaults, a drop's "Options", the
// engine's requests and the journal (so that a resume sets exactly what the first attempt would have).
//
// Pure: no node, no SDK. The engine turns these into request headers (PutObject, CreateMultipartUpload).
import { z } from 'zod';

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

export const DEFAULT_OBJECT_OPTIONS: ObjectOptions = {
  contentType: { mode: 'auto' },
  cacheControl: '',
  contentDisposition: '',
  metadata: [],
  tags: [],
  encryption: { mode: 'default' },
};

const keyValueSchema = z.strictObject({ key: z.string(), value: z.string() });

/** The shape alone; the rules on values (lengths, characters, S3's limits) are checked by objectOptionsProblems. */
export const objectOptionsSchema = z.strictObject({
  contentType: z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('auto') }),
    z.strictObject({ mode: z.literal('fixed'), value: z.string().max(1024) }),
    z.strictObject({ mode: z.literal('none') }),
  ]),
  cacheControl: z.string().max(1024),
  contentDisposition: z.string().max(1024),
  metadata: z.array(keyValueSchema).max(100),
  tags: z.array(keyValueSchema).max(50),
  storageClass: z.enum(STORAGE_CLASSES).optional(),
  encryption: z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('default') }),
    z.strictObject({ mode: z.literal('AES256') }),
    z.strictObject({ mode: z.literal('aws:kms'), keyId: z.string().max(2048).optional() }),
  ]),
  acl: z.enum(CANNED_ACLS).optional(),
}) satisfies z.ZodType<ObjectOptions>;

/** Files left out of every folder drop unless the user removes them: the desktop's own bookkeeping files. */
export const DEFAULT_EXCLUDES: readonly string[] = ['.DS_Store', 'Thumbs.db', 'desktop.ini'];
