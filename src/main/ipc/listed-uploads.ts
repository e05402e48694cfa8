// The incomplete uploads main has recently shown the page, so that an abort can name only those. An upload id is a
// bearer token for destroying someone's upload: without this check, a compromised page could abort any upload of any
// bucket the profile's keys reach, including uploads other tools are in the middle of. The page may still choose
// among what main listed (that is the feature), but cannot make up ids, or carry ids over to another bucket,
// another profile, or a server the profile has since been pointed at.

export interface ListedUploadsOptions {
  /** How long a listing stays good for aborts. Default one hour: time to read it and decide, not to keep it around. */
  ttlMs?: number;
  /** Listings kept per profile, server and bucket (one per prefix the user looked at, roughly). Default 5. */
  perPlace?: number;
  now?: () => number;
}

/** Where a listing came from: the profile, the server it pointed at then, and the bucket. */
export interface ListingPlace {
  profileId: string;
  /** The profile's endpoint URL at listing time ('' for AWS). */
  endpointUrl: string;
  bucket: string;
}

export interface UploadRef {
  key: string;
  uploadId: string;
}

export interface ListedUploads {
  /** How long a listing stays good, for messages. */
  readonly ttlMs: number;
  remember(place: ListingPlace, uploads: readonly UploadRef[]): void;
  /** The uploads of the list that no recent listing of this place showed (empty: all may be aborted). */
  unlisted(place: ListingPlace, uploads: readonly UploadRef[]): UploadRef[];
  /** Drops uploads that are gone (aborted and verified), so that their ids cannot be replayed. */
  forget(place: ListingPlace, uploads: readonly UploadRef[]): void;
}

const HOUR_MS = 3_600_000;

// NUL cannot occur in a profile id, a bucket name, a URL the schema accepts, or an upload id (printable ASCII).
const placeKey = (p: ListingPlace) => `${p.profileId}\0${p.endpointUrl}\0${p.bucket}`;
const uploadKey = (u: UploadRef) => `${u.uploadId}\0${u.key}`;

export function createListedUploads(options: ListedUploadsOptions = {}): ListedUploads {
  const ttlMs = options.ttlMs ?? HOUR_MS;
  const perPlace = options.perPlace ?? 5;
  const now = options.now ?? Date.now;
  const listings = new Map<string, { at: number; uploads: Set<string> }[]>();

  const fresh = (place: ListingPlace) => {
    const key = placeKey(place);
    const kept = (listings.get(key) ?? []).filter((l) => now() - l.at < ttlMs);
    if (kept.length > 0) listings.set(key, kept);
    else listings.delete(key);
    return kept;
  };

  return {
    ttlMs,
    remember(place, uploads) {
      const kept = fresh(place);
      kept.push({ at: now(), uploads: new Set(uploads.map(uploadKey)) });
      listings.set(placeKey(place), kept.slice(-perPlace));
    },
    unlisted(place, uploads) {
      const kept = fresh(place);
      return uploads.filter((u) => !kept.some((l) => l.uploads.has(uploadKey(u))));
    },
    forget(place, uploads) {
      for (const listing of fresh(place)) for (const u of uploads) listing.uploads.delete(uploadKey(u));
    },
  };
}
