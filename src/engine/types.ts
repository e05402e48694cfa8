// The engine's public surface: what the CLI, the Electron main process and the tests program against.
import type { ConnectionResult } from '../shared/ipc';
import type { Endpoint, Target } from '../shared/target';
import type { MessageText } from '../shared/upload-state';
import type { AbortResult, IncompleteUpload } from './s3/incomplete-uploads';
import type { DataPathKind } from './s3/lean/data-path';
import type { JournalEntry } from './journal/journal-store';
import type { CreateRecord } from './journal/create-record';
import type { CreateSweep } from './queue/create-sweep';
import type { FileFacts, QueueTotals, UploadItem } from '../shared/upload-item';
import type { PlanOptions, SkippedEntry, UploadPlan } from './plan/upload-plan';
import type { LocalObjectFile, Sameness } from './s3/unchanged';
import type { HistoryEntry, HistoryQuery } from './history/history-entry';
import type { SignedShareLink } from './s3/share-link';
import type { RegionNotice } from './s3/s3-client';

export type { HistoryEntry, HistoryQuery } from './history/history-entry';
export type { SignedShareLink } from './s3/share-link';
export { SHARE_LINK_MAX_SECONDS, SHARE_LINK_MIN_SECONDS } from './s3/share-link';
export { HISTORY_LIMIT } from './history/history-store';

/** How add() queues: paused, for a batch that Pause all reached while it was being listed or asked about. */
export interface AddOptions extends PlanOptions {
  paused?: boolean;
}

export interface EngineOptions {
  /** Upload speed limit over all files, in bytes per second; 0 or missing means none. */
  bytesPerSecond?: number;
  /**
   * Folder for the journal of unfinished multipart uploads and the history of finished ones; without it nothing
   * survives a restart and no history is kept.
   */
  stateDir?: string;
  /** Files uploading at once. Default 3. */
  filesInParallel?: number;
  /** Part requests in flight per file. Default 4. */
  partsPerFile?: number;
  /** Part requests in flight across all files; bounds memory. Default filesInParallel * partsPerFile. */
  maxPartsInFlight?: number;
  /** Default 8 MiB; raised automatically so that no upload needs more than 10,000 parts. */
  partSize?: number;
  /** Files of this size or more go as multipart. Default 8 MiB. */
  multipartThreshold?: number;
  /** Attempts per request for transient errors (first try included). Default 5. */
  maxAttempts?: number;
  /** First backoff delay in ms; doubles each attempt, with jitter. Default 250. */
  retryBaseDelayMs?: number;
  /** How long a connection may take to open before the endpoint counts as unreachable. Default 10,000 ms. */
  connectTimeoutMs?: number;
  /** Socket idle time before a request counts as stalled. Default 30,000 ms. */
  requestTimeoutMs?: number;
  /** Minimum ms between progress events per file (a final one is always sent). Default 100. */
  progressIntervalMs?: number;
  /** How long an unreachable endpoint is retried before the file fails. Default 20,000 ms. */
  unreachableBudgetMs?: number;
  /**
   * How long an endpoint that no request has reached yet in this run may refuse connections (or not resolve) before
   * its files fail: a wrong URL or a server that is not running, not a lost network. Once any request to it has
   * succeeded, an outage is waited out for unreachableBudgetMs instead. Default: no such deadline (the app waits).
   */
  unreachableAtStartMs?: number;
  /** Abort attempts before the cleanup is declared failed. Default 5. */
  cleanupAttempts?: number;
  /**
   * How long a cancel lets a CreateMultipartUpload in flight answer, so that the upload it makes can be aborted by
   * its id; past it, the key's new uploads are looked for instead. Default 10,000 ms.
   */
  createGraceMs?: number;
  /** How long a cancel waits for a CompleteMultipartUpload already sent, which the server may finish regardless. Default 60,000 ms. */
  completeWaitMs?: number;
  /**
   * How PutObject and UploadPart go out: 'lean' signs them with the SDK's signer and sends them over node:http (much
   * less CPU per request), 'sdk' through the AWS SDK's command pipeline, a fallback for a provider the lean path
   * does not suit. The control calls always use the SDK. Default 'lean'.
   */
  dataPath?: DataPathKind;
  /**
   * Told once per bucket whose region S3's answer corrected (region.ts): the requests already go there, this is so
   * the user hears it (the CLI prints it) and the app can remember the region in the profile.
   */
  onRegionCorrected?(notice: RegionNotice): void;
}

export interface AddResult {
  items: UploadItem[];
  /** Sources that could not be added (missing, unreadable, not a file or folder), each with a message naming it. */
  rejected: { path: string; key?: string; code: string; message: string; text?: MessageText }[];
  /** Entries left out on purpose (links not followed, FIFOs, sockets), each once with its reason. */
  skipped: SkippedEntry[];
}

export type EngineEvent =
  /** One or more items changed (state or progress). At most ~10 per second per item, plus final ones. */
  | { type: 'items'; items: UploadItem[] }
  /** Items that were removed from the queue. */
  | { type: 'removed'; ids: string[] };

/** Test connection's answer in plain words: the shared contract's own type, which main passes on as it is. */
export type ConnectionCheck = ConnectionResult;

/** The upload queue: what to upload, its control (cancel, pause, retry), its items and their events. */
export interface UploadQueueApi {
  /**
   * Lists files and folders (recursively) into the files and keys add() will use, once: links inside folders are
   * skipped unless options.followSymlinks, files in options.forbiddenRoots are refused, options.signal (and
   * cancelAll) stop it. Rejects with a HoistError for a target or prefix that can never work.
   */
  plan(paths: string[], target: Target, options?: PlanOptions): Promise<UploadPlan>;
  /** Queues a plan's files under their keys (checked again); given paths, plans them first with options. */
  add(sources: string[] | UploadPlan, target: Target, options?: AddOptions): Promise<AddResult>;
  /** Resolves once the upload is cancelled and its cleanup verified (or marked cleanup-failed). */
  cancel(id: string): Promise<void>;
  /** Cancels every item; sparePaused leaves the paused ones paused (and their uploads kept). */
  cancelAll(options?: { sparePaused?: boolean }): Promise<void>;
  /** Stops sending but keeps the multipart upload and its finished parts, to continue later. */
  pause(id: string): Promise<void>;
  pauseAll(): Promise<void>;
  /** Continues a paused item: only the parts the server does not list are sent. */
  resume(id: string): void;
  resumeAll(): void;
  /** Ends every wait between retries (Try now): each waiting request is sent again at once. Answers how many. */
  tryNow(): number;
  /** Journal entries of uploads not in this queue (left by a crash, a kill or a quit). */
  interrupted(): Promise<JournalEntry[]>;
  /** Adds interrupted uploads as paused items; resume() continues them and cancel() discards them, verified. */
  restore(entries: JournalEntry[], targetFor: (entry: JournalEntry) => Target): UploadItem[];
  /** Puts a failed or cancelled item back in the queue. */
  retry(id: string, target?: Target): void;
  /** Removes a finished item from the queue. */
  remove(id: string): void;
  clearFinished(): void;
  get(id: string): UploadItem | undefined;
  snapshot(): UploadItem[];
  totals(): QueueTotals;
  subscribe(listener: (event: EngineEvent) => void): () => void;
  /** Resolves when nothing is queued or active. */
  idle(): Promise<void>;
  /**
   * Stops and releases sockets. By default everything is cancelled with verified cleanup; keepPaused pauses instead,
   * leaving multipart uploads and the journal for the next start (queued files that never started are dropped).
   */
  close(options?: { keepPaused?: boolean }): Promise<void>;
  /** Drops journal entries without touching the server (an upload whose profile is gone cannot be discarded). */
  forgetInterrupted(uploadIds: string[]): Promise<void>;
}

/** Bucket tools: questions to a bucket and repairs of it, outside the queue (existing keys, incomplete uploads). */
export interface BucketToolsApi {
  /** Incomplete multipart uploads in a bucket, with their size so far; those in this journal are marked. */
  listIncomplete(endpoint: Endpoint, bucket: string, prefix?: string): Promise<IncompleteUpload[]>;
  /** Aborts each upload and verifies it is gone. */
  abortIncomplete(
    endpoint: Endpoint,
    bucket: string,
    uploads: { key: string; uploadId: string }[],
  ): Promise<AbortResult[]>;
  /**
   * Looks for the uploads creates a dead process left unanswered may have made (the journal's create records), and
   * removes them, verified. endpointFor says where each went, or undefined to leave it for later.
   */
  sweepCreates(endpointFor: (record: CreateRecord) => Endpoint | undefined): Promise<CreateSweep[]>;
  /** Whether an object already exists at key (for the "overwrite, skip or keep both" question). */
  keyExists(target: Target, key: string): Promise<boolean>;
  /** Which of keys already exist, with each object's size and date: a HEAD each for a few, listings for many. */
  existingKeys(target: Target, keys: string[]): Promise<Map<string, FileFacts>>;
  /** HeadBucket plus a one-key listing, answered in plain words. */
  testConnection(endpoint: Endpoint, bucket: string): Promise<ConnectionCheck>;
  /**
   * Whether each file is already the object at its key (skip unchanged): a HEAD each (a listing first for many), then
   * the file's checksum when the sizes agree. Only 'same' is proven; 'different' and 'unknown' mean upload it. The
   * multipart forms are recomputed with target.partSize (or the default). Optional until main's fake engine has it.
   */
  compareWithObjects?(
    target: Target,
    files: readonly LocalObjectFile[],
    signal?: AbortSignal,
  ): Promise<Map<string, Sameness>>;
}

/** What happened after: the history of finished uploads (kept in stateDir) and share links to objects. */
export interface UploadHistoryApi {
  /** Finished uploads, newest first; empty without a stateDir. */
  history(query?: HistoryQuery): Promise<HistoryEntry[]>;
  historyEntry(id: string): Promise<HistoryEntry | undefined>;
  /** A presigned GET URL for the object, working for expiresInSeconds (1 hour to 7 days; more is refused). */
  shareLink(endpoint: Endpoint, bucket: string, key: string, expiresInSeconds: number): Promise<SignedShareLink>;
}

/** The whole engine, as createEngine() returns it; a caller that needs only one side takes that interface. */
export interface UploadEngineApi extends UploadQueueApi, BucketToolsApi, UploadHistoryApi {}
