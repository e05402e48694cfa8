// Endpoint profiles and the other settings: the zod schemas (used at the IPC boundary, in main's settings store and
// in the settings form for inline validation) and the views the renderer gets. Error messages are i18n keys
// (see i18n-en.ts, section "v.") so that one schema gives messages in every language.
import { z } from 'zod';
import type { MessageKey } from './i18n-en';
import { DEFAULT_EXCLUDES, DEFAULT_OBJECT_OPTIONS } from './object-options';
import { objectOptionsSchema } from './object-options-schema';
import { DATA_PATH_KINDS } from './target';

export const LANGUAGES = ['system', 'en', 'ja'] as const;
export type LanguageSetting = (typeof LANGUAGES)[number];
export const languageSchema = z.enum(LANGUAGES);

export const CHECKSUM_MODES = ['auto', 'crc32', 'md5', 'off'] as const;

/** Ids of profiles and queue items: short tokens, never anything that looks like a path. */
export const idSchema = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,127}$/, 'v.id');

const msg = (key: MessageKey) => ({ error: key });

/** S3 general-purpose bucket naming rules. Returns the first rule broken, or null. */
export function bucketNameProblem(name: string): MessageKey | null {
  if (name.length === 0) return 'v.bucketRequired';
  if (name.length < 3 || name.length > 63) return 'v.bucketLength';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'v.bucketChars';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'v.bucketEnds';
  if (name.includes('..')) return 'v.bucketDots';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'v.bucketIp';
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name) || /(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name)) {
    return 'v.bucketReserved';
  }
  return null;
}

/** AWS regions look like us-east-1 or us-gov-west-1; other servers use names such as "auto" (R2) or "nyc3". */
export function regionProblem(region: string, isAws: boolean): MessageKey | null {
  // AWS tells a bucket's region (x-amz-bucket-region, or the region a refusal names), so there it may be left blank:
  // Hoist starts at us-east-1, finds the bucket's, and remembers it in the profile (main's settings store).
  if (region.length === 0) return isAws ? null : 'v.regionRequired';
  if (isAws) return /^[a-z]{2}(-[a-z0-9]+){1,3}-\d{1,2}$/.test(region) ? null : 'v.regionAws';
  return /^[a-z0-9][a-z0-9-]{0,62}$/.test(region) ? null : 'v.regionOther';
}

/** '' means the system's certificates. Otherwise the absolute path of a PEM file (read by main when it connects). */
export function caBundleProblem(path: string): MessageKey | null {
  if (path === '') return null;
  return /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path) ? null : 'v.caBundle';
}

/** '' means AWS. Otherwise an http(s) URL with a host and no user info, query or fragment. */
export function endpointProblem(url: string): MessageKey | null {
  if (url === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'v.endpointUrl';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'v.endpointUrl';
  if (parsed.hostname === '') return 'v.endpointUrl';
  if (parsed.username !== '' || parsed.password !== '') return 'v.endpointCredentials';
  if (parsed.search !== '' || parsed.hash !== '') return 'v.endpointQuery';
  return null;
}

export function prefixProblem(prefix: string): MessageKey | null {
  if (prefix.length > 1024) return 'v.prefixLength';
  if (prefix.startsWith('/')) return 'v.prefixSlash';
  if (prefix.includes('\\')) return 'v.prefixBackslash';
  return null;
}

/**
 * '' means the system's proxy (or HTTPS_PROXY / HTTP_PROXY). Otherwise an http(s) proxy URL with a host and nothing
 * else: no user name or password (the settings file is not encrypted, and the engine has no proxy sign-in), no path,
 * query or fragment.
 */
export function proxyUrlProblem(url: string): MessageKey | null {
  if (url === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'v.proxyUrl';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'v.proxyUrl';
  if (parsed.hostname === '') return 'v.proxyUrl';
  if (parsed.username !== '' || parsed.password !== '') return 'v.proxyCredentials';
  if (parsed.search !== '' || parsed.hash !== '' || (parsed.pathname !== '/' && parsed.pathname !== '')) {
    return 'v.proxyPath';
  }
  return null;
}

const refineWith = (check: (v: string) => MessageKey | null) => (value: string, ctx: z.RefinementCtx) => {
  const problem = check(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

export const bucketSchema = z.string().superRefine(refineWith(bucketNameProblem));
export const prefixSchema = z.string().superRefine(refineWith(prefixProblem));

const wholeNumber = (min: number, max: number, key: MessageKey) =>
  z.number(msg('v.number')).int(msg('v.number')).min(min, msg(key)).max(max, msg(key));

/**
 * Where a profile's credentials come from. access-key: the profile's key ID with its secret (and session token),
 * kept by main. aws-profile: a named profile of ~/.aws/config and ~/.aws/credentials, read by the SDK's own providers
 * (static keys, credential_process, assume-role, SSO), shared with the CLI and the AWS CLI. default-chain: the SDK's
 * standard chain (environment variables, the shared files' default profile, web identity, container or instance role).
 */
export const CREDENTIAL_SOURCE_KINDS = ['access-key', 'aws-profile', 'default-chain'] as const;
export type CredentialSourceKind = (typeof CREDENTIAL_SOURCE_KINDS)[number];

/** A profile name as the AWS config files can hold it in a section header ([profile NAME]). */
export const awsProfileNameSchema = z
  .string()
  .trim()
  .min(1, msg('v.awsProfileRequired'))
  .max(128, msg('v.awsProfileName'))
  .regex(/^[\w\-@+.%:/]+$/, msg('v.awsProfileName'));

export const credentialSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('access-key') }),
  z.strictObject({ kind: z.literal('aws-profile'), profile: awsProfileNameSchema }),
  z.strictObject({ kind: z.literal('default-chain') }),
]);
export type CredentialSource = z.infer<typeof credentialSourceSchema>;

/**
 * A profile's credential source. Profiles saved before there was a choice have none: a blank access key ID meant
 * "the standard AWS chain" then, and still does; a key ID meant the access key.
 */
export function credentialSourceOf(p: { credentialSource?: CredentialSource; accessKeyId: string }): CredentialSource {
  return p.credentialSource ?? (p.accessKeyId === '' ? { kind: 'default-chain' } : { kind: 'access-key' });
}

/** How a named AWS profile gets its credentials, as Settings lists it (never its keys). */
export const AWS_PROFILE_KINDS = ['static', 'process', 'assume-role', 'sso', 'other'] as const;
export type AwsProfileKind = (typeof AWS_PROFILE_KINDS)[number];
export interface AwsProfileEntry {
  name: string;
  kind: AwsProfileKind;
  /** The profile's own region, when it names one. */
  region?: string;
}

/** The highest speed limit a profile takes, in KiB/s: 10 GiB/s, far beyond any link a limit is useful on. */
export const MAX_SPEED_LIMIT_KIB = 10 * 1024 * 1024;

export const profileFieldsShape = {
  name: z.string().trim().min(1, msg('v.nameRequired')).max(64, msg('v.nameLength')),
  endpointUrl: z.string().trim().superRefine(refineWith(endpointProblem)),
  region: z.string().trim(),
  bucket: bucketSchema,
  defaultPrefix: prefixSchema,
  forcePathStyle: z.boolean(),
  accessKeyId: z
    .string()
    .trim()
    .max(128, msg('v.accessKeyId'))
    .regex(/^[^\s]*$/, msg('v.accessKeyId')),
  /** Missing (settings saved before the choice): see credentialSourceOf. */
  credentialSource: credentialSourceSchema.optional(),
  /** An http(s) proxy for this profile's requests; '' or missing: the system's proxy (or HTTPS_PROXY). */
  proxyUrl: z.string().trim().max(2048, msg('v.proxyUrl')).superRefine(refineWith(proxyUrlProblem)).optional(),
  checksum: z.enum(CHECKSUM_MODES),
  /** How file bytes are sent (target.ts); missing (settings files from before it): the engine's default, lean. */
  dataPath: z.enum(DATA_PATH_KINDS).optional(),
  /** A private CA's certificates for an https endpoint (absolute path of a PEM file); '' trusts the system's. */
  caBundle: z.string().trim().max(4096).superRefine(refineWith(caBundleProblem)).default(''),
  partSizeMiB: wholeNumber(5, 5120, 'v.partSize'),
  concurrency: wholeNumber(1, 16, 'v.concurrency'),
  /** KiB/s, 0 for no limit (main multiplies by 1024); the form reads and writes it as "20 MiB/s". Up to 10 GiB/s. */
  speedLimit: wholeNumber(0, MAX_SPEED_LIMIT_KIB, 'v.speedLimitRange'),
  /** What each object gets besides its bytes, unless a drop's Options change it (object-options.ts). */
  objectOptions: objectOptionsSchema.default(DEFAULT_OBJECT_OPTIONS),
  /** Glob patterns of files left out of folder drops (matched against the name and the path inside the drop). */
  excludes: z
    .array(z.string().max(1024))
    .max(100)
    .default([...DEFAULT_EXCLUDES]),
  /** A key that exists with the same size and checksum is skipped as up to date instead of asked about. */
  skipUnchanged: z.boolean().default(false),
  /** How long a "Copy link" share link works, in hours: 1 to 168 (7 days, the SigV4 maximum). */
  shareLinkHours: wholeNumber(1, 168, 'v.shareLinkHours').default(24),
};

/** Region rules depend on whether the endpoint is AWS, so they are checked on the whole object. */
export function checkRegion(value: { endpointUrl: string; region: string }, ctx: z.RefinementCtx): void {
  const problem = regionProblem(value.region, value.endpointUrl === '');
  if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['region'] });
}

/** An access key needs its ID: a blank one with the access-key source is a mistake, not the default chain. */
export function checkCredentialSource(
  value: { credentialSource?: CredentialSource; accessKeyId: string },
  ctx: z.RefinementCtx,
): void {
  if (value.credentialSource?.kind === 'access-key' && value.accessKeyId === '') {
    ctx.addIssue({ code: 'custom', message: 'v.accessKeyIdRequired', path: ['accessKeyId'] });
  }
}

export const profileFieldsSchema = z
  .strictObject(profileFieldsShape)
  .superRefine(checkRegion)
  .superRefine(checkCredentialSource);
export type ProfileFields = z.infer<typeof profileFieldsSchema>;
export type ProfileField = keyof ProfileFields;

/**
 * What the settings form sends to save a profile. No id: a new profile.
 * secret: a new secret access key (omitted: keep the stored one). clearSecret: forget the stored one.
 * sessionToken / clearSessionToken: the same for the access key's session token (temporary keys).
 */
export const profileInputSchema = z
  .strictObject({
    id: idSchema.optional(),
    ...profileFieldsShape,
    secret: z.string().max(1024, msg('v.secret')).optional(),
    clearSecret: z.boolean().optional(),
    sessionToken: z.string().max(8192, msg('v.sessionToken')).regex(/^\S*$/, msg('v.sessionToken')).optional(),
    clearSessionToken: z.boolean().optional(),
  })
  .superRefine(checkRegion)
  .superRefine(checkCredentialSource);
export type ProfileInput = z.infer<typeof profileInputSchema>;

/** Where the next files go: a profile, and a bucket and prefix (which start as the profile's). */
export const targetChoiceSchema = z.strictObject({
  profileId: idSchema,
  bucket: bucketSchema,
  prefix: prefixSchema,
  /** This drop's Options, when the user changed them; missing: the profile's objectOptions. */
  options: objectOptionsSchema.optional(),
});
export type TargetChoice = z.infer<typeof targetChoiceSchema>;

/** A new profile's choices about what objects get and which files go (the fields added with upload options). */
export const PROFILE_UPLOAD_DEFAULTS: Pick<
  ProfileFields,
  'objectOptions' | 'excludes' | 'skipUnchanged' | 'shareLinkHours'
> = {
  objectOptions: DEFAULT_OBJECT_OPTIONS,
  excludes: [...DEFAULT_EXCLUDES],
  skipUnchanged: false,
  shareLinkHours: 24,
};

export const NEW_PROFILE_DEFAULTS: ProfileFields = {
  name: '',
  endpointUrl: '',
  region: 'us-east-1',
  bucket: '',
  defaultPrefix: '',
  forcePathStyle: false,
  accessKeyId: '',
  checksum: 'auto',
  dataPath: 'lean',
  caBundle: '',
  partSizeMiB: 8,
  concurrency: 3,
  speedLimit: 0,
  ...PROFILE_UPLOAD_DEFAULTS,
};

/** How a profile's secret is kept. 'session': in memory until Hoist quits (no safe storage). */
export const secretKeepingSchema = z.enum(['keychain', 'weak', 'session', 'none']);
export type SecretKeeping = z.infer<typeof secretKeepingSchema>;

/** A profile as the renderer sees it: never the secret or the session token, only whether one is set. */
export const profileViewSchema = z.object({
  id: z.string(),
  ...profileFieldsShape,
  credentialSource: credentialSourceSchema,
  proxyUrl: z.string(),
  secretSet: z.boolean(),
  secretKept: secretKeepingSchema,
  sessionTokenSet: z.boolean(),
});
export type ProfileView = z.infer<typeof profileViewSchema>;

/** keychain: OS-backed encryption. basic_text: Linux without a keyring (a hard-coded key). unavailable: none. */
export const secretBackendSchema = z.enum(['keychain', 'basic_text', 'unavailable']);
export type SecretBackend = z.infer<typeof secretBackendSchema>;

export const settingsViewSchema = z.object({
  profiles: z.array(profileViewSchema),
  activeTarget: targetChoiceSchema.nullable(),
  language: languageSchema,
  secretStorage: z.object({ backend: secretBackendSchema, allowWeak: z.boolean() }),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

/**
 * Field → first message key, for the form's inline messages. Empty when valid. Every field's problem at once: zod
 * skips the object's own refinement (the region check) once any field fails, so the region is checked here as well,
 * or a bad speed limit would hide an empty region until the speed limit was fixed.
 */
export function profileProblems(input: unknown): Partial<Record<ProfileField | 'secret' | 'sessionToken', MessageKey>> {
  const result = profileInputSchema.safeParse(input);
  if (result.success) return {};
  const problems: Partial<Record<string, MessageKey>> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (field && !problems[field])
      problems[field] = (issue.message.startsWith('v.') ? issue.message : 'v.invalid') as MessageKey;
  }
  const fields = input as Partial<Record<string, unknown>> | null;
  if (!problems['region'] && typeof fields?.['region'] === 'string' && typeof fields['endpointUrl'] === 'string') {
    const region = regionProblem(fields['region'].trim(), fields['endpointUrl'].trim() === '');
    if (region) problems['region'] = region;
  }
  const source = fields?.['credentialSource'] as { kind?: unknown } | undefined;
  if (!problems['accessKeyId'] && source?.kind === 'access-key' && fields?.['accessKeyId'] === '') {
    problems['accessKeyId'] = 'v.accessKeyIdRequired';
  }
  return problems;
}
