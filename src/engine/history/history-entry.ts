// One finished upload as the history keeps it, and how a search picks entries. The endpoint is kept (never the
// credentials) so that `hoist share` can sign a link for an entry without a profile.
import type { Target } from '../../shared/target';
import type { UploadItem } from '../../shared/upload-item';

export interface HistoryEntry {
  /** Unique per entry (the queue item's id). */
  id: string;
  bucket: string;
  key: string;
  size: number;
  etag: string;
  /** ms since the epoch. */
  finishedAt: number;
  /** The app's profile the upload went through; absent for the CLI. */
  profileId?: string;
  /** Blank or absent: AWS S3 for the region. */
  endpointUrl?: string;
  region: string;
  forcePathStyle: boolean;
  /** The CA bundle the upload trusted, for an https endpoint with a private CA. */
  caBundle?: string;
}

export interface HistoryQuery {
  /** Words that must each appear in the key, the bucket or the profile's name (any case); '' or absent: all. */
  words?: string;
  /** The newest this many; default all (the history holds at most HISTORY_LIMIT). */
  limit?: number;
  /** The profile's name now, to search by; the engine knows only ids. */
  profileName?: (profileId: string) => string | undefined;
}

/** Whether every word of `words` is in the entry's key, bucket or profile name. */
export function matchesWords(
  entry: HistoryEntry,
  words: string[],
  profileName?: (profileId: string) => string | undefined,
): boolean {
  if (words.length === 0) return true;
  const name = entry.profileId ? (profileName?.(entry.profileId) ?? '') : '';
  const haystack = `${entry.key}\n${entry.bucket}\n${name}`.toLowerCase();
  return words.every((w) => haystack.includes(w));
}

/** The lower-cased words of a search box. */
export function searchWords(text: string | undefined): string[] {
  return (text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

/** Whether a parsed value has the fields an entry needs; anything else in the file is skipped. */
export function isHistoryEntry(value: unknown): value is HistoryEntry {
  const e = value as Partial<HistoryEntry> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.id === 'string' &&
    typeof e.bucket === 'string' &&
    typeof e.key === 'string' &&
    typeof e.size === 'number' &&
    typeof e.etag === 'string' &&
    typeof e.finishedAt === 'number' &&
    typeof e.region === 'string' &&
    typeof e.forcePathStyle === 'boolean'
  );
}

/** The entry for an item that has just reached 'done' with this ETag. */
export function historyEntryFor(item: UploadItem, target: Target, etag: string, now = Date.now()): HistoryEntry {
  return {
    id: item.id,
    bucket: item.bucket,
    key: item.key,
    size: item.total,
    etag,
    finishedAt: now,
    ...(target.profileId ? { profileId: target.profileId } : {}),
    ...(target.endpointUrl ? { endpointUrl: target.endpointUrl } : {}),
    region: target.region,
    forcePathStyle: target.forcePathStyle,
    ...(target.caBundle ? { caBundle: target.caBundle } : {}),
  };
}
