// The settings form's working copy of a profile: text for every input (numbers included, so a half-typed number is
// not lost), the conversion to the ProfileInput the contract validates, and the problems only the text shows (a
// part size typed as "1e1", a speed limit without a known unit).
import {
  endpointProblem,
  NEW_PROFILE_DEFAULTS,
  PROFILE_UPLOAD_DEFAULTS,
  type ProfileInput,
  type ProfileView,
} from '../../shared/settings-schema';
import type { MessageKey } from '../../shared/i18n';
import { formatSpeedLimit, parseDigits, parseSpeedLimit, SPEED_LIMIT_MESSAGES } from './settings/number-text';

export interface Draft {
  name: string;
  endpointUrl: string;
  region: string;
  bucket: string;
  defaultPrefix: string;
  forcePathStyle: boolean;
  accessKeyId: string;
  checksum: ProfileInput['checksum'];
  dataPath: NonNullable<ProfileInput['dataPath']>;
  caBundle: string;
  partSizeMiB: string;
  concurrency: string;
  /** As typed: "20 MiB/s", "500 KiB/s", "20" (MiB/s); '' for no limit. */
  speedLimit: string;
  /** The upload options and file choices, edited as structured values (not text): saved as they are. */
  uploads: typeof PROFILE_UPLOAD_DEFAULTS;
  /** A new secret; '' keeps the stored one. */
  secret: string;
  clearSecret: boolean;
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
    accessKeyId: p.accessKeyId,
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
    checksum: draft.checksum,
    dataPath: draft.dataPath,
    caBundle: draft.caBundle.trim(),
    partSizeMiB: parseDigits(draft.partSizeMiB),
    concurrency: parseDigits(draft.concurrency),
    speedLimit: speedLimitKib(draft.speedLimit),
    ...draft.uploads,
  };
  if (id) input.id = id;
  if (draft.secret !== '') input.secret = draft.secret;
  if (draft.clearSecret) input.clearSecret = true;
  return input;
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
