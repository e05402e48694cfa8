// The contract for what is already in a bucket: the upload history, share links, and the destination browser.
// The page names a profile id and a bucket, never an endpoint or keys; main uses the profile's own credentials.
import { z } from 'zod';
import { bucketSchema, idSchema, prefixSchema } from './settings-schema';

export const historyListPayloadSchema = z.strictObject({
  /** Words to look for in the key, the bucket or the profile's name ('' lists the newest). */
  query: z.string().max(1024),
  limit: z.number().int().min(1).max(10_000).optional(),
});

/** Which object a share link is for: a done row of the queue, or a history entry. */
export const shareLinkPayloadSchema = z.strictObject({
  source: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('queue'), id: idSchema }),
    z.strictObject({ kind: z.literal('history'), id: idSchema }),
  ]),
});

export const browseBucketsPayloadSchema = z.strictObject({ profileId: idSchema });

export const browseListPayloadSchema = z.strictObject({
  profileId: idSchema,
  bucket: bucketSchema,
  /** A folder: '' or ending in '/'. */
  prefix: prefixSchema,
  /** The previous page's token, to load more. */
  continuationToken: z.string().max(4096).optional(),
});

/** A finished upload, as the History pane shows it. */
export interface HistoryEntryView {
  id: string;
  bucket: string;
  key: string;
  size: number;
  etag: string;
  /** ms since the epoch. */
  finishedAt: number;
  profileId: string | null;
  /** The profile's name now; null when the profile is gone (no share link then). */
  profileName: string | null;
}

export interface ShareLink {
  url: string;
  /** ms since the epoch. */
  expiresAt: number;
}

/** ListBuckets' answer: refused is an answer too (least-privilege keys), and the page falls back to typing. */
export type BucketListing =
  { kind: 'listed'; buckets: { name: string; createdAt: number | null }[] } | { kind: 'refused'; message: string };

/** One page of a folder: its sub-folders (common prefixes) and objects. */
export interface FolderListing {
  prefix: string;
  folders: string[];
  objects: { key: string; size: number; modifiedAt: number | null }[];
  /** Set when there is more to load. */
  nextToken?: string;
}
