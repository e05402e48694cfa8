// What each object `hoist cp` sends gets besides its bytes: --content-type, --no-guess-mime-type, --cache-control,
// --content-disposition, --metadata k=v and --tag k=v (repeatable), --storage-class, --sse, --sse-kms-key-id, --acl.
// Checked here with the same rules as a profile's options (shared/object-options.ts), so that a bad value is a usage
// error (exit 2) naming its flag, before any file is read or any request sent.
import {
  CANNED_ACLS,
  DEFAULT_OBJECT_OPTIONS,
  isProblem,
  objectOptionsProblem,
  parseKeyValue,
  STORAGE_CLASSES,
  type CannedAcl,
  type ContentTypeChoice,
  type EncryptionChoice,
  type KeyValue,
  type ObjectOptionField,
  type ObjectOptions,
  type StorageClass,
} from '../shared/object-options';
import { objectRuleText } from '../shared/i18n/object-rules';
import { UsageError, type OptionSpecs, type ParsedArgs } from './args';

export const OBJECT_OPTION_FLAGS: OptionSpecs = {
  'content-type': { type: 'string' },
  'guess-mime-type': { type: 'boolean' },
  'cache-control': { type: 'string' },
  'content-disposition': { type: 'string' },
  metadata: { type: 'string', multiple: true },
  tag: { type: 'string', multiple: true },
  'storage-class': { type: 'string' },
  sse: { type: 'string' },
  'sse-kms-key-id': { type: 'string' },
  acl: { type: 'string' },
};

const SSE_MODES = ['AES256', 'aws:kms'] as const;

/** The flag a problem of each option is reported against. */
const FLAG_OF: Record<ObjectOptionField, string> = {
  contentType: '--content-type',
  cacheControl: '--cache-control',
  contentDisposition: '--content-disposition',
  metadata: '--metadata',
  tags: '--tag',
  storageClass: '--storage-class',
  encryption: '--sse-kms-key-id',
  acl: '--acl',
};

/** The object options the flags give (the defaults where none is given); throws a UsageError for a bad value. */
export function objectOptionsFrom(args: Pick<ParsedArgs, 'values' | 'repeated'>, command: string): ObjectOptions {
  const str = (name: string): string | undefined => args.values[name] as string | undefined;
  const usage = (message: string) => new UsageError(message, command);
  const options: ObjectOptions = {
    contentType: contentTypeFrom(str('content-type'), args.values['guess-mime-type'], usage),
    cacheControl: str('cache-control') ?? DEFAULT_OBJECT_OPTIONS.cacheControl,
    contentDisposition: str('content-disposition') ?? DEFAULT_OBJECT_OPTIONS.contentDisposition,
    metadata: pairs(args.repeated['metadata'] ?? [], '--metadata', usage),
    tags: pairs(args.repeated['tag'] ?? [], '--tag', usage),
    encryption: encryptionFrom(str('sse'), str('sse-kms-key-id'), usage),
  };
  const storageClass = str('storage-class');
  if (storageClass !== undefined) options.storageClass = oneOf(storageClass, STORAGE_CLASSES, '--storage-class', usage);
  const acl = str('acl');
  if (acl !== undefined) options.acl = oneOf(acl, CANNED_ACLS, '--acl', usage);
  const problem = objectOptionsProblem(options);
  if (problem) throw usage(`${FLAG_OF[problem.field]}: ${objectRuleText(problem)}`);
  return options;
}

function contentTypeFrom(
  given: string | undefined,
  guess: string | boolean | undefined,
  usage: (m: string) => UsageError,
): ContentTypeChoice {
  if (guess === false) {
    if (given !== undefined && given !== '')
      throw usage(
        `--no-guess-mime-type sends no Content-Type, and --content-type ${given} asks for one. Give one or the other.`,
      );
    return { mode: 'none' };
  }
  if (given === undefined || given === 'auto') return { mode: 'auto' };
  if (given.trim() === '')
    throw usage('--content-type needs a type such as text/plain, or auto (from each file’s extension).');
  return { mode: 'fixed', value: given.trim() };
}

function pairs(texts: string[], flag: string, usage: (m: string) => UsageError): KeyValue[] {
  return texts.map((text) => {
    const kv = parseKeyValue(text);
    if (isProblem(kv)) throw usage(`${flag}: ${objectRuleText(kv)}`);
    return kv;
  });
}

function encryptionFrom(
  sse: string | undefined,
  keyId: string | undefined,
  usage: (m: string) => UsageError,
): EncryptionChoice {
  if (sse === undefined) {
    if (keyId !== undefined)
      throw usage('--sse-kms-key-id needs --sse aws:kms (the key is used only for KMS encryption).');
    return { mode: 'default' };
  }
  const mode = oneOf(sse, SSE_MODES, '--sse', usage);
  if (mode === 'AES256') {
    if (keyId !== undefined)
      throw usage('--sse-kms-key-id is used only with --sse aws:kms, not with --sse AES256. Drop one of them.');
    return { mode };
  }
  return keyId !== undefined ? { mode, keyId } : { mode };
}

/** The value if it is one of the choices (matched without regard to case, answered as spelled in the list). */
function oneOf<T extends string>(
  value: string,
  choices: readonly T[],
  flag: string,
  usage: (m: string) => UsageError,
): T {
  const found = choices.find((c) => c.toLowerCase() === value.toLowerCase());
  if (found) return found;
  throw usage(`${flag} must be one of ${choices.join(', ')} (got "${value}").`);
}

export type { CannedAcl, StorageClass };
