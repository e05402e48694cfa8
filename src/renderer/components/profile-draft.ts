// The settings form's working copy of a profile: text for every input (numbers included, so a half-typed number is
// not lost), and the conversion to the ProfileInput the contract validates.
import { NEW_PROFILE_DEFAULTS, type ProfileInput, type ProfileView } from '../../shared/settings-schema';
import type { MessageKey } from '../../shared/i18n';

export interface Draft {
  name: string;
  endpointUrl: string;
  region: string;
  bucket: string;
  defaultPrefix: string;
  forcePathStyle: boolean;
  accessKeyId: string;
  checksum: ProfileInput['checksum'];
  caBundle: string;
  partSizeMiB: string;
  concurrency: string;
  speedLimit: string;
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
    caBundle: p.caBundle,
    partSizeMiB: String(p.partSizeMiB),
    concurrency: String(p.concurrency),
    speedLimit: String(p.speedLimit),
    secret: '',
    clearSecret: false,
  };
}

const toNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

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
    caBundle: draft.caBundle.trim(),
    partSizeMiB: toNumber(draft.partSizeMiB),
    concurrency: toNumber(draft.concurrency),
    speedLimit: toNumber(draft.speedLimit),
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
