// What a FileJob is given and what it answers: its settings, its file, its result, a point to resume from, its side of
// the journal, and what a cancel left on the server.
import type { ControlClient } from '../s3/s3-sdk';
import type { IntegrityChoice } from './integrity';
import type { DataPath } from '../s3/lean/data-path';
import type { JournalPart } from '../journal/journal-store';
import type { CreateRecord } from '../journal/create-record';
import type { RateLimiter } from '../throttle/speed-limit';
import type { RetryPolicy } from '../s3/with-retries';
import type { MessageText } from '../../shared/upload-state';
import type { ObjectOptions } from '../../shared/object-options';
import type { ObjectFields } from './object-fields';
import type { FileStamp } from './file-stamp';

export interface JobSettings {
  partSize: number;
  multipartThreshold: number;
  partsPerFile: number;
  cleanupAttempts: number;
  retry: RetryPolicy;
  /** The check each body carries (integrity.ts); shared by every job to the same endpoint. */
  integrity: IntegrityChoice;
  /** How long a cancel lets a CreateMultipartUpload in flight answer, so that its upload can be aborted by id. */
  createGraceMs: number;
  /** How long a cancel waits for a CompleteMultipartUpload already sent (the server may finish it regardless). */
  completeWaitMs: number;
  /** Speed limits every byte of this job must pass (the engine's and the target's). */
  limiters: RateLimiter[];
}

/** How a job reaches its endpoint: the SDK client for the control calls, and the data path for the bytes. */
export interface JobConnection {
  /** The endpoint's SDK client (Create, Complete, Abort, List, Head, Delete); made at the first call that needs it. */
  control(): ControlClient;
  /** PutObject and UploadPart, on the run's data path (lean unless the SDK's was chosen). */
  data: DataPath;
}

export interface JobFile {
  path: string;
  name: string;
  bucket: string;
  key: string;
  /** The target's options as given: named in the message when the server refuses one. */
  options?: ObjectOptions;
  /** What the object gets besides its bytes, resolved for this file (object-fields.ts); sent by PUT and Create. */
  fields?: ObjectFields;
  /** The file as the walk saw it (size, modification time): a small file's first look may then save a stat. */
  planned?: FileStamp;
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
  /**
   * The parts this client saw the server accept (from the journal, or from the run before a pause). A listed part
   * not among them, or with another ETag, was cut off in flight and is checked against the file before it is kept.
   */
  knownParts?: JournalPart[];
  /** MultipartLeft's unnamedSince: an earlier create of this upload went out unanswered then. */
  unnamedSince?: number;
  /**
   * Read from the journal: the process that wrote it may have sent Complete before it died (the journal does not say).
   * A pause in this process never leaves one out: it waits for a Complete under way.
   */
  fromJournal?: true;
  /**
   * The endpoint the journal recorded, where the resume goes to another one (`hoist resume --endpoint-url`; the app
   * refuses a profile moved to another server before this): an upload that server does not list is not taken for gone
   * there, since it may be on the recorded one still, and starting over would leave it behind.
   */
  movedFrom?: string;
}

/**
 * What a job has made, or may have made, on the server: what a stop must clean up or report as kept. One value,
 * so that the cleanup reads the job's position instead of a set of flags.
 */
export type LeftOnServer =
  | { kind: 'nothing' }
  /** CreateMultipartUpload went out and its answer never came: the server may hold an upload nobody knows the id of. */
  | { kind: 'create-unanswered'; sentAt: number }
  /**
   * A single PUT: 'whole' once its body went out completely (the server may store it although the request was cut);
   * 'stored' once answered; 'removed' once Hoist removed what it stored again (the file had changed meanwhile).
   * unchecked: an attempt's body carried no integrity check (checksum off), so the server may also have stored a body
   * cut short, as far as it got (versitygw does), in place of what the key held.
   */
  | { kind: 'put'; startedAt: number; body: 'partial' | 'whole' | 'stored' | 'removed'; unchecked: boolean }
  /**
   * complete 'sent': CompleteMultipartUpload went out; the server may finish it even if the request is cut.
   * crc32: created with ChecksumAlgorithm CRC32, so every part carries one and Complete names them (else Content-MD5).
   * unnamedSince: an attempt of the create went out at this time and its answer never came, before another attempt
   * named this upload: the server may hold a second upload of the key that nobody knows the id of.
   */
  | {
      kind: 'multipart';
      uploadId: string;
      startedAt?: number;
      complete: 'not-sent' | 'sent' | 'done';
      /** The ETag the Complete that went out would give the object (multipartEtag), where the parts' ETags tell it. */
      completedEtag?: string;
      crc32?: boolean;
      unnamedSince?: number;
    };

export type PutLeft = Extract<LeftOnServer, { kind: 'put' }>;
export type MultipartLeft = Extract<LeftOnServer, { kind: 'multipart' }>;

/** The job's side of the journal: the engine decides where and whether entries are kept. */
export interface JobJournal {
  /** unnamedSince: MultipartLeft's, kept so that a resume after a crash or a quit still removes that upload. */
  started(
    uploadId: string,
    partSize: number,
    parts: JournalPart[],
    file: { size: number; mtimeMs: number },
    unnamedSince?: number,
  ): Promise<void>;
  /**
   * An attempt of the CreateMultipartUpload goes out now: recorded first (CreateRecord: the first attempt's time, the
   * last's, how many), so that an upload it makes is found again should the process die before the answer is in the
   * journal. Rejects (JournalWrite) when the record cannot be written: the attempt is then not sent.
   */
  createSending(at: number): Promise<void>;
  /**
   * The attempt last sent can have made no upload nobody knows of (refused with an answer, never sent, not connected):
   * the record counts one attempt fewer. Never rejects.
   */
  createMadeNothing(): Promise<void>;
  /**
   * The record of the create (this job's, or the earlier job's it took over) whose attempts include one sent at sentAt.
   */
  createRecordFor(sentAt: number): Promise<CreateRecord | undefined>;
  /**
   * The create's record goes: no upload can have come of it (refused with an answer, or never sent), or the ones it
   * made were removed, verified. started() drops it itself once the upload's entry names the only one it can have made.
   */
  createCleared(record?: CreateRecord): Promise<void>;
  /**
   * Records an earlier create that went unanswered at sentAt and that this job cannot settle (resume-upload.ts): the
   * record stays for the sweep of a later process, whatever this job does.
   */
  keepUnanswered(sentAt: number): Promise<void>;
  /**
   * The uploads the journal's entries name (any job's): a look for a create's uploads spares them. Rejects where the
   * journal cannot be read whole.
   */
  namedUploads(): Promise<Set<string>>;
  /**
   * Whether a create of the same key other than `record` (and this job's) may be under way, in this process or
   * another: its upload may exist before any entry names it, so a look for this create's must leave the key alone.
   */
  otherCreateUnderWay(record?: CreateRecord): Promise<boolean>;
  /** A part landed; its record may be written later (see job-journal.ts). Rejects once a write has failed. */
  partDone(part: JournalPart): Promise<void>;
  /** Writes what is pending now. */
  flush(): Promise<void>;
  /** Removes the upload's entry: the one this job wrote, else the one of uploadId (written by an earlier job). */
  forget(uploadId?: string): Promise<void>;
  /**
   * Marks the entry as cancelled before its cleanup: should the cleanup not be confirmed, the entry stays, so the
   * upload is not forgotten on the server, and a resume then discards it instead of continuing it. Never rejects.
   */
  cancelled(uploadId?: string): Promise<void>;
}

export type CancelOutcome =
  /** etag: the kept object's, where the cleanup looked it up. */
  | { kind: 'cancelled'; cleanup: 'verified' | 'none-needed' | 'object-kept'; etag?: string }
  /** uploadId is missing when the upload that may exist was never named to this client (an unanswered create). */
  | { kind: 'cleanup-failed'; uploadId?: string; message: string; text?: MessageText };
