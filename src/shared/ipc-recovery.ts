// The contract for getting uploads back: pause and resume in the queue, the uploads a crash, a kill or a quit left in
// main's journal ("interrupted"), and incomplete multipart uploads on the server.
//
// Upload ids here are the server's UploadIds: opaque tokens that main only compares with its journal or hands to S3
// with the profile's own credentials, never uses as paths. The page names a profile id, never an endpoint or keys.
import { z } from 'zod';
import { bucketSchema, idSchema, prefixSchema } from './settings-schema';
import type { UploadStateKind } from './upload-state';

/** Printable ASCII without spaces: what S3-compatible servers use for UploadIds (AWS's are ~100 chars). */
export const uploadIdSchema = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^[\x21-\x7e]+$/, 'not an upload id');

/** An S3 object key: 1 to 1,024 characters, no NUL. */
export const objectKeySchema = z
  .string()
  .min(1)
  .max(1024)
  .refine((key) => !key.includes('\0'), 'key contains a NUL byte');

export const uploadIdsPayloadSchema = z.strictObject({ uploadIds: z.array(uploadIdSchema).min(1).max(10_000) });

export const incompleteListPayloadSchema = z.strictObject({
  profileId: idSchema,
  bucket: bucketSchema,
  prefix: prefixSchema,
});

export const incompleteAbortPayloadSchema = z.strictObject({
  profileId: idSchema,
  bucket: bucketSchema,
  uploads: z
    .array(z.strictObject({ key: objectKeySchema, uploadId: uploadIdSchema }))
    .min(1)
    .max(1000),
});

/**
 * States in which Pause applies (the row shows a Pause button): those ALLOWED_TRANSITIONS lets go to 'pausing' or
 * 'paused'. 'completing' is left to finish: it is nearly done; 'pausing' is on its way already.
 */
export const PAUSABLE_KINDS: readonly UploadStateKind[] = ['queued', 'starting', 'uploading', 'retrying'];

export function isPausable(kind: UploadStateKind): boolean {
  return PAUSABLE_KINDS.includes(kind);
}

/**
 * Why an interrupted upload cannot simply be resumed.
 * profile-missing / secret-missing: main has no credentials for it, so it can be neither resumed nor discarded.
 * endpoint-changed: its profile now names another server; the profile's secret was typed for that one, so it is not
 * sent to the server the upload is on (neither resumed nor discarded from here; `hoist incomplete` can, with its keys).
 * file-changed / file-missing: the local file is not the one the parts came from; it can only be discarded.
 * cancelled: the user cancelled it and its cleanup was not confirmed (the journal says so); it can only be discarded,
 * which removes its parts, verified (the engine would discard it on a resume too, never continue it).
 */
export type InterruptedProblem =
  'profile-missing' | 'secret-missing' | 'endpoint-changed' | 'file-changed' | 'file-missing' | 'cancelled';

export interface InterruptedUpload {
  uploadId: string;
  /** The file's base name (the page never gets the full path). */
  name: string;
  bucket: string;
  key: string;
  size: number;
  /** Parts the journal recorded as done (the server's list is checked again on resume). */
  partsDone: number;
  partSize: number;
  /** ms since the epoch. */
  startedAt: number;
  /** The profile it used, when it still exists. */
  profileName: string | null;
  /** The server it went to (its endpoint URL, or "AWS S3 (region)"): what a profile added for it must name. */
  server: string;
  problem: InterruptedProblem | null;
}

export interface InterruptedOutcome {
  uploadId: string;
  /** True when the upload is back in the queue (resuming, or being discarded there). */
  ok: boolean;
  /** Why not: its problem, or 'not-found' when it is no longer in the journal. */
  problem?: InterruptedProblem | 'not-found';
  /** The queue item that now carries it. */
  itemId?: string;
}

/** An incomplete multipart upload in a bucket, with its size so far. */
export interface IncompleteUploadInfo {
  key: string;
  uploadId: string;
  /** ISO 8601 as the server reports it ('' when it gave none). */
  initiated: string;
  parts: number;
  bytes: number;
  /** In main's journal: Hoist started it (and the Interrupted prompt can resume it). */
  startedByHoist: boolean;
}

export interface IncompleteAbortResult {
  key: string;
  uploadId: string;
  /** The server confirmed it is gone. */
  verified: boolean;
  error?: string;
}
