// The settings form's working copy of a profile: text for every input (numbers included, so a half-typed number is
// not lost), the conversion to the ProfileInput the contract validates, and the problems only the text shows (a
// part size typed as "1e1", a speed limit without a known unit).
import { sameEndpointServer } from '../../shared/endpoint-identity';
import {
  endpointProblem,
  NEW_PROFILE_DEFAULTS,
  type CredentialSource,
  type CredentialSourceKind,
  PROFILE_UPLOAD_DEFAULTS,
  type ProfileInput,
  type ProfileView,
} from '../../shared/settings-schema';
import type { MessageKey } from '../../shared/i18n';
import { objectOptionProblems, prefixProblems, tidyObjectOptions } from './options/option-values';
import { formatSpeedLimit, parseDigits, parseSpeedLimit, SPEED_LIMIT_MESSAGES } from './settings/number-text';

/** Problem names of the upload options start with this ("opt.tags.0.key"), apart from the profile's own fields. */
export const OPTION_PROBLEM_PREFIX = 'opt.';

export interface Draft {
  name: string;
  endpointUrl: string;
  region: string;
  bucket: string;
  defaultPrefix: string;
  forcePathStyle: boolean;
  /** Where the credentials come from; a new profile starts with the access key. */
  credentialKind: CredentialSourceKind;
  accessKeyId: string;
  /** The named AWS profile, for credentialKind 'aws-profile' (kept while another kind is chosen). */
  awsProfile: string;
  /** '' for the system's proxy. */
  proxyUrl: string;
  checksum: ProfileInput['checksum'];
  dataPath: NonNullable<ProfileInput['dataPath']>;
  caBundle: string;
  partSizeMiB: string;
  concurrency: string;
  /** As typed: "20 MiB/s", "500 KiB/s", "20" (MiB/s); '' for no limit. */
  speedLimit: string;
  /**
   * The upload options and file choices, edited as structured values: saved tidied (text trimmed, blank metadata and
   * tag rows and blank exclude lines dropped). excludes holds the text area's lines as typed, blank ones included.
   */
  uploads: typeof PROFILE_UPLOAD_DEFAULTS;
  /** A new secret; '' keeps the stored one. */
  secret: string;
  clearSecret: boolean;
  /** A new session token; '' keeps the stored one. */
  sessionToken: string;
  clearSessionToken: boolean;
}

export function draftOf(profile: ProfileView | undefined): Draft {
  const p = profile ?? NEW_PROFILE_DEFAULTS;
  return {
    name: p.name,
    endpointUrl: p.endpointUrl,
    region: p.region,
    bucket: p.bucket,
    defaultPrefix: p.defaultPrefix,
    forcePathStyle: p.forcePathStyle,
    credentialKind: profile?.credentialSource.kind ?? 'access-key',
    accessKeyId: p.accessKeyId,
    awsProfile: profile?.credentialSource.kind === 'aws-profile' ? profile.credentialSource.profile : '',
    proxyUrl: profile?.proxyUrl ?? '',
    checksum: p.checksum,
    dataPath: p.dataPath ?? 'lean',
    caBundle: p.caBundle,
    partSizeMiB: String(p.partSizeMiB),
    concurrency: String(p.concurrency),
    speedLimit: formatSpeedLimit(p.speedLimit),
    uploads: {
      objectOptions: p.objectOptions,
      excludes: p.excludes,
      skipUnchanged: p.skipUnchanged,
      shareLinkHours: p.shareLinkHours,
    },
    secret: '',
    clearSecret: false,
    sessionToken: '',
    clearSessionToken: false,
  };
}

/** Whether two drafts hold the same input: the form has unsaved changes when its draft differs from the saved one. */
export function sameDraft(a: Draft, b: Draft): boolean {
  return (Object.keys(a) as (keyof Draft)[]).every((field) =>
    field === 'uploads' ? JSON.stringify(a.uploads) === JSON.stringify(b.uploads) : a[field] === b[field],
  );
}

function speedLimitKib(text: string): number {
  const reading = parseSpeedLimit(text);
  return reading.ok ? reading.kib : Number.NaN;
}

export function inputOf(draft: Draft, id: string | undefined): ProfileInput {
  const input: ProfileInput = {
    name: draft.name.trim(),
    endpointUrl: draft.endpointUrl.trim(),
    region: draft.region.trim(),
    bucket: draft.bucket.trim(),
    defaultPrefix: draft.defaultPrefix,
    forcePathStyle: draft.forcePathStyle,
    accessKeyId: draft.accessKeyId.trim(),
    credentialSource: credentialSourceOfDraft(draft),
    proxyUrl: draft.proxyUrl.trim(),
    checksum: draft.checksum,
    dataPath: draft.dataPath,
    caBundle: draft.caBundle.trim(),
    partSizeMiB: parseDigits(draft.partSizeMiB),
    concurrency: parseDigits(draft.concurrency),
    speedLimit: speedLimitKib(draft.speedLimit),
    objectOptions: tidyObjectOptions(draft.uploads.objectOptions),
    excludes: excludePatterns(draft.uploads.excludes),
    skipUnchanged: draft.uploads.skipUnchanged,
    shareLinkHours: draft.uploads.shareLinkHours,
  };
  if (id) input.id = id;
  // A secret or token typed before switching to another source is not saved: only the access key uses them.
  const accessKey = draft.credentialKind === 'access-key';
  if (accessKey && draft.secret !== '') input.secret = draft.secret;
  if (draft.clearSecret) input.clearSecret = true;
  if (accessKey && draft.sessionToken.trim() !== '') input.sessionToken = draft.sessionToken.trim();
  if (draft.clearSessionToken) input.clearSessionToken = true;
  return input;
}

function credentialSourceOfDraft(draft: Draft): CredentialSource {
  if (draft.credentialKind === 'aws-profile') return { kind: 'aws-profile', profile: draft.awsProfile.trim() };
  return { kind: draft.credentialKind };
}

/**
 * Main refuses to let a saved secret or session token follow the profile to another server (profile-secrets.ts):
 * the fields that would be refused, to say so as soon as the endpoint changes rather than at Save.
 */
export function keysAgainProblems(
  profile: ProfileView | undefined,
  input: ProfileInput,
  draft: Draft,
): Record<string, MessageKey> {
  const found: Record<string, MessageKey> = {};
  if (!profile || sameEndpointServer(profile.endpointUrl, input.endpointUrl)) return found;
  if (input.credentialSource?.kind !== 'access-key' || input.accessKeyId === '') return found;
  if (profile.secretSet && draft.secret === '' && !draft.clearSecret) found['secret'] = 'v.secretAgain';
  if (profile.sessionTokenSet && draft.sessionToken === '' && !draft.clearSessionToken) {
    found['sessionToken'] = 'v.sessionTokenAgain';
  }
  return found;
}

/** The exclude lines as patterns: trimmed, blank lines left out. */
export function excludePatterns(lines: readonly string[]): string[] {
  return lines.map((line) => line.trim()).filter((line) => line !== '');
}

/** "invalid-profile: name: v.nameTaken; bucket: v.bucketChars" (main's refusal) → field → message key. */
export function problemsFromError(message: string): Record<string, MessageKey> {
  const found: Record<string, MessageKey> = {};
  for (const match of message.matchAll(/(\w+): (v\.\w+)/g)) {
    const [, field, key] = match;
    if (field && key && !found[field]) found[field] = key as MessageKey;
  }
  return found;
}

/**
 * What is wrong with the numbers' text, before the schema sees a number: these messages replace the schema's "enter
 * a whole number", so that "1e1" is told what to type instead.
 */
export function draftProblems(draft: Draft): Record<string, MessageKey> {
  const found: Record<string, MessageKey> = {};
  if (Number.isNaN(parseDigits(draft.partSizeMiB))) found['partSizeMiB'] = 'v.partSizeDigits';
  if (Number.isNaN(parseDigits(draft.concurrency))) found['concurrency'] = 'v.concurrencyDigits';
  const speed = parseSpeedLimit(draft.speedLimit);
  if (!speed.ok) found['speedLimit'] = SPEED_LIMIT_MESSAGES[speed.problem];
  Object.assign(found, prefixProblems(objectOptionProblems(draft.uploads.objectOptions), OPTION_PROBLEM_PREFIX));
  const patterns = excludePatterns(draft.uploads.excludes);
  if (patterns.length > 100 || patterns.some((p) => p.length > 1024)) found['excludes'] = 'v.excludes';
  return found;
}

/** The speed limit written back the way the form shows stored values ("20" → "20 MiB/s"); as typed if unreadable. */
export function tidySpeedLimit(text: string): string {
  const reading = parseSpeedLimit(text);
  return reading.ok ? formatSpeedLimit(reading.kib) : text;
}

/**
 * An endpoint typed without its scheme ("127.0.0.1:9000", "localhost:9000", "minio.example.com") → the URL it most
 * likely means, or null. http for loopback, IP addresses, single-label and local-network names (self-hosted servers
 * there rarely have a certificate); https for other names.
 */
export function endpointSuggestion(text: string): string | null {
  const typed = text.trim();
  if (typed === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(typed) || endpointProblem(typed) !== 'v.endpointUrl') return null;
  const host = /^(\[[^\]]*\]|[^/:?#]*)/.exec(typed)?.[1]?.toLowerCase() ?? '';
  if (host === '') return null;
  const local =
    host.startsWith('[') ||
    /^\d{1,3}(\.\d{1,3}){3}$/.test(host) ||
    !host.includes('.') ||
    /\.(local|localhost|lan|home\.arpa|internal|test)$/.test(host);
  const url = `${local ? 'http' : 'https'}://${typed}`;
  return endpointProblem(url) === null ? url : null;
}
