// The zod schema of ObjectOptions, for the settings file and the IPC contract (settings-schema.ts). Apart from
// object-options.ts so that the CLI and the engine, which only check a journal entry's shape (object-options-shape.ts),
// do not load zod: in the CLI's one bundle it was 750 KB of JavaScript, 26 MB of RSS and 0.17 s at every start.
import { z } from 'zod';
import { CANNED_ACLS, OPTION_SHAPE_LIMITS as MAX, STORAGE_CLASSES, type ObjectOptions } from './object-options';

const keyValueSchema = z.strictObject({ key: z.string(), value: z.string() });

/** The shape alone; the rules on values (lengths, characters, S3's limits) are checked by objectOptionsProblems. */
export const objectOptionsSchema = z.strictObject({
  contentType: z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('auto') }),
    z.strictObject({ mode: z.literal('fixed'), value: z.string().max(MAX.text) }),
    z.strictObject({ mode: z.literal('none') }),
  ]),
  cacheControl: z.string().max(MAX.text),
  contentDisposition: z.string().max(MAX.text),
  metadata: z.array(keyValueSchema).max(MAX.metadata),
  tags: z.array(keyValueSchema).max(MAX.tags),
  storageClass: z.enum(STORAGE_CLASSES).optional(),
  encryption: z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('default') }),
    z.strictObject({ mode: z.literal('AES256') }),
    z.strictObject({ mode: z.literal('aws:kms'), keyId: z.string().max(MAX.kmsKeyId).optional() }),
  ]),
  acl: z.enum(CANNED_ACLS).optional(),
}) satisfies z.ZodType<ObjectOptions>;
