// Picking up the multipart upload a pause or the journal left (ResumePoint): still on the server, it goes on from the
// parts that can be kept; gone, it may have been completed after all (a kill between Complete and the journal's
// update), or it must start over. The job (file-job.ts) keeps its own state: what it left, its journal, its meter.
import type { CompletedPart } from '@aws-sdk/client-s3';
import type { ControlClient } from '../s3/s3-sdk';
import { hoistError, type ErrorContext } from '../s3/errors';
import { unlessUnlooked } from '../s3/abort-upload';
import type { UploadedParts } from '../s3/uploaded-parts';
import type { PartPlan } from '../plan/part-plan';
import { completedObjectEtag, journalledEtag, keepListedParts, newerObjectSince } from './resume-parts';
import type { JobFile, JobJournal, MultipartLeft, ResumePoint } from './job-types';
import { settleUnanswered, type UnnamedJob } from './unnamed-uploads';

export type PickedUp =
  /** Still on the server: the parts kept (the bytes they hold count as sent), and the plan for the rest. */
  | { kind: 'continue'; upload: MultipartLeft; plan: PartPlan; kept: Map<number, CompletedPart>; bytes: number }
  /** Gone, and its object is at the key: the upload had completed. */
  | { kind: 'completed'; etag: string }
  /** Gone with nothing to show for it (aborted, expired, lost in a server restart): start over. */
  | { kind: 'gone' }
  /** Not on the endpoint the resume was moved to (ResumePoint.movedFrom): perhaps only ever on the recorded one. */
  | { kind: 'elsewhere' };

export interface PickUpCrew {
  /** The control client, made at the first call. */
  client: () => ControlClient;
  /** The server's parts of the upload (null once it is gone), with the job's retries. */
  listParts: (uploadId: string) => Promise<UploadedParts | null>;
  /** The parts this client saw the server accept (ResumePoint.knownParts), by number. */
  accepted: ReadonlyMap<number, CompletedPart>;
  /**
   * Told at once when the server still lists the upload, before any further look: a stop or a failure from then on
   * must remove it (the job's LeftOnServer).
   */
  listed: (upload: MultipartLeft) => void;
  ctx: ErrorContext;
}

/** Where a resume goes on from (see the top). Throws NewerObject where completing would put an older file back. */
export async function pickUpUpload(
  file: JobFile,
  size: number,
  resume: ResumePoint,
  crew: PickUpCrew,
  signal: AbortSignal,
): Promise<PickedUp> {
  const listed = await crew.listParts(resume.uploadId);
  if (!listed) {
    // A key that cannot be looked at (write-only credentials) is taken for no object: the file is sent again.
    const whole = journalledEtag(resume.knownParts, resume.partSize, size);
    const etag = await unlessUnlooked(
      completedObjectEtag(crew.client(), file.bucket, file.key, size, resume.startedAt, whole),
    );
    if (etag !== undefined) return { kind: 'completed', etag };
    return resume.movedFrom === undefined ? { kind: 'gone' } : { kind: 'elsewhere' };
  }
  const upload: MultipartLeft = {
    kind: 'multipart',
    uploadId: resume.uploadId,
    startedAt: resume.startedAt,
    complete: 'not-sent',
    crc32: listed.crc32,
    unnamedSince: resume.unnamedSince,
  };
  crew.listed(upload);
  // Another upload of the key finished since this one began (a second cp, the app): completing this one would put
  // the older file back over it, silently. Refused; the failure's cleanup removes this upload, verified.
  const newer = resume.startedAt && (await newerObjectSince(crew.client(), file.bucket, file.key, resume.startedAt));
  if (newer) {
    throw hoistError('NewerObject', 'engineError.newerObject', {
      key: file.key,
      endpoint: crew.ctx.endpoint,
      file: file.path,
      when: newer.toISOString(),
    });
  }
  const found = await keepListedParts(
    listed.parts,
    { path: file.path, size, partSize: resume.partSize, accepted: crew.accepted },
    signal,
  );
  return { kind: 'continue', upload, plan: found.plan, kept: found.done, bytes: found.bytes };
}

/**
 * What a job that takes over an earlier run's upload (a pause, or the journal) holds on the server. From the journal it
 * is taken as 'sent': the process that wrote it may have sent Complete, so a cleanup that finds the upload gone waits
 * for its object (the file's size, from expect) before saying "verified"; a resume resets it. That object is told by
 * the ETag its Complete gives it where the journal names every part, as for a Complete of this process: by the date
 * alone, a server whose clock is behind would hide it.
 */
export function adoptedUpload(resume: ResumePoint): MultipartLeft {
  const { uploadId, partSize, startedAt, unnamedSince, expect, fromJournal, knownParts } = resume;
  const completedEtag = fromJournal && expect ? journalledEtag(knownParts, partSize, expect.size) : undefined;
  return {
    kind: 'multipart',
    uploadId,
    startedAt,
    complete: fromJournal ? 'sent' : 'not-sent',
    unnamedSince,
    ...(completedEtag ? { completedEtag } : {}),
  };
}

/**
 * A resumed upload is done or gone, and an earlier create of it went unanswered (ResumePoint.unnamedSince): the second
 * upload that create may have made is looked for and removed now, verified; where that does not settle it (too soon,
 * or not to be told apart), a create record keeps it for the sweep of a later run. Before, its time was dropped with
 * the journal entry, and nothing looked for that upload again.
 */
export async function settleEarlierCreate(
  client: ControlClient,
  job: UnnamedJob,
  journal: JobJournal | undefined,
  sentAt: number,
  named: string,
): Promise<void> {
  const outcome = await settleUnanswered(client, job, journal, sentAt, named).catch(() => undefined);
  if (outcome?.kind === 'cancelled') return;
  // Not the job's failure: the file is done or starts over either way, and the record is what keeps the upload known
  // (none is written where the dead process's own record of that create is still there).
  await journal?.keepUnanswered(sentAt).catch(() => undefined);
}
