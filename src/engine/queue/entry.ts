// One file in the engine's queue, as the engine and its runner see it (the renderer and the CLI see UploadItem).
import type { Target } from '../../shared/target';
import type { UploadItem } from '../../shared/upload-item';
import type { FileJob, ResumePoint } from '../job/file-job';
import type { JournalEntry } from '../journal/journal-store';
import type { ProgressMeter } from './progress-meter';
import type { FileStamp } from '../job/file-stamp';

/**
 * Where the entry's upload stands on this machine. Between runs: what an earlier run left for the next one. During
 * one: its job and the promise that settles with it. Whether a pause or a cancel was asked is not here but in the
 * item's state ('pausing', 'cancelling'): one union says what the user sees, this one what the engine holds.
 */
export type EntryRun =
  /** No run, and nothing of an earlier one to pick up: a start begins afresh. */
  | { kind: 'idle' }
  /**
   * Paused, or restored from the journal: the multipart upload a resume continues and a cancel discards. job: the
   * paused run's, which keeps the upload's journal entry; none for an upload restored from the journal.
   */
  | { kind: 'resumable'; from: ResumePoint; job?: FileJob }
  /**
   * A job whose upload could not be confirmed removed (a failed run's cleanup, or a cancel's): a retry removes it,
   * verified, before it starts again, so that a retried upload never leaves its first attempt's parts behind; Retry on
   * a cleanup-failed item runs the cleanup again.
   */
  | { kind: 'left-behind'; job: FileJob }
  /** A retry removing what the failed run left. done: true once that is confirmed and the new job may start. */
  | { kind: 'clearing'; leftover: FileJob; done: Promise<boolean> }
  /**
   * The upload. done: the item is paused, done or failed (cleanup included), or a cancel's discard has ended. from:
   * the upload a resume continues, which the job names only once it has looked at the file.
   */
  | { kind: 'running'; job: FileJob; done: Promise<void>; from?: ResumePoint }
  /** A cancel's cleanup: the job is stopped, then what it left on the server is removed and checked gone. */
  | { kind: 'discarding'; job: FileJob; done: Promise<void> };

/** The runs between runs: what an entry holds when nothing is under way. */
export type RestingRun = Extract<EntryRun, { kind: 'idle' | 'resumable' | 'left-behind' }>;

export interface Entry {
  item: UploadItem;
  path: string;
  target: Target;
  meter: ProgressMeter;
  run: EntryRun;
  /** The journal entry it was restored from: its jobs keep that entry current rather than write a second one. */
  restored?: JournalEntry;
  /** Order of addition: the queue starts files in this order. */
  seq: number;
  /** The file as the walk saw it, for added files (not for uploads restored from the journal). */
  planned?: FileStamp;
}

/** The upload on the server the entry knows of (to tell the journal's entries that are in the queue). */
export function uploadIdOf(run: EntryRun): string | undefined {
  switch (run.kind) {
    case 'idle':
      return undefined;
    case 'resumable':
      return run.from.uploadId;
    case 'clearing':
      return run.leftover.uploadId;
    case 'running':
      // Until the job has looked at the file, the upload it continues is still this entry's (not "interrupted").
      return run.job.uploadId ?? run.from?.uploadId;
    case 'left-behind':
    case 'discarding':
      return run.job.uploadId;
  }
}
