// What a FileJob is given and what it answers: its settings, its file, its result, a point to resume from, its side of
// the journal, and what a cancel left on the server.
import type { JournalPart } from './journal';
import type { RateLimiter } from './rate-limiter';
import type { RetryPolicy } from './with-retries';

export interface JobSettings {
  partSize: number;
  multipartThreshold: number;
  partsPerFile: number;
  cleanupAttempts: number;
  retry: RetryPolicy;
  /** True when the S3 client sends CRC32 checksums: the multipart upload must then be created for CRC32. */
  crc32: boolean;
  /** Speed limits every byte of this job must pass (the engine's and the target's). */
  limiters: RateLimiter[];
}

export interface JobFile {
  path: string;
  name: string;
  bucket: string;
  key: string;
}

export interface JobResult {
  etag: string;
  bytesSent: number;
}

/** A multipart upload to continue rather than start: from a pause, or from the journal after a restart. */
export interface ResumePoint {
  uploadId: string;
  partSize: number;
  /** The file as it was when the upload started; a file that differs now cannot be resumed. */
  expect?: { size: number; mtimeMs: number };
  /** When the upload was created (this machine's clock): an object the key got since then may be its completion. */
  startedAt?: number;
}

/** The job's side of the journal: the engine decides where and whether entries are kept. */
export interface JobJournal {
  started(uploadId: string, partSize: number, parts: JournalPart[], file: { size: number; mtimeMs: number }): Promise<void>;
  /** A part landed; its record may be written later (see job-journal.ts). Rejects once a write has failed. */
  partDone(part: JournalPart): Promise<void>;
  /** Writes what is pending now. */
  flush(): Promise<void>;
  forget(): Promise<void>;
}

export type CancelOutcome =
  | { kind: 'cancelled'; cleanup: 'verified' | 'none-needed' | 'object-kept' }
  | { kind: 'cleanup-failed'; uploadId: string; message: string };
