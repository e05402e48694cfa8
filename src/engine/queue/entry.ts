// One file in the engine's queue, as the engine and its runner see it (the renderer and the CLI see UploadItem).
import type { Target } from '../../shared/target';
import type { UploadItem } from '../../shared/upload-item';
import type { FileJob, ResumePoint } from '../job/file-job';
import type { JournalEntry } from '../journal/journal-store';
import type { ProgressMeter } from './progress-meter';

export interface Entry {
  item: UploadItem;
  path: string;
  target: Target;
  meter: ProgressMeter;
  controller?: AbortController;
  job?: FileJob;
  /** Set by cancel() or pause(): what the running job's abort means. */
  stopping?: 'cancel' | 'pause';
  /**
   * The job of a failed run whose cleanup could not be confirmed: a retry removes what it left (verified) before it
   * starts again, so that a retried upload never leaves its first attempt's parts behind.
   */
  leftover?: FileJob;
  /** A multipart upload to continue instead of starting afresh. */
  resumeFrom?: ResumePoint;
  restored?: JournalEntry;
  /** Resolves when the current run (and its cleanup) has settled. */
  running?: Promise<void>;
  /** Order of addition: the queue starts files in this order. */
  seq: number;
  /** Whether the entry is in the engine's heap of queued entries. */
  waiting?: boolean;
}
