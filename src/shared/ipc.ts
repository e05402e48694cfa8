// The IPC contract between main and the renderer: one entry per message, each with the zod schema of its payload.
// Main validates every command payload against these before acting (ipc/handlers.ts); the types below are derived
// from the schemas and imported by main, the preload's API and the renderer.
//
// Paths: only queue:addDropped carries file paths, and only the preload fills it (from File objects, through
// webUtils.getPathForFile). Every other command is a strict object of ids and settings, so a page that tries to slip
// a path into one (a bare string, or an extra "paths" field) is refused. See src/main/queue/add-flow.ts for what
// main checks on the paths themselves.
import { z } from 'zod';
import { COMMAND, EVENT, type CommandChannel, type EventChannel } from './ipc-channels';
import { queueTotalsSchema, uploadItemSchema } from './ipc-items';
import {
  incompleteAbortPayloadSchema,
  incompleteListPayloadSchema,
  uploadIdsPayloadSchema,
  type IncompleteAbortResult,
  type IncompleteUploadInfo,
  type InterruptedOutcome,
  type InterruptedUpload,
} from './ipc-recovery';
import {
  idSchema,
  languageSchema,
  profileInputSchema,
  settingsViewSchema,
  targetChoiceSchema,
  type AwsProfileEntry,
  type SettingsView,
} from './settings-schema';
import {
  browseBucketsPayloadSchema,
  browseListPayloadSchema,
  historyListPayloadSchema,
  shareLinkPayloadSchema,
  type BucketListing,
  type FolderListing,
  type HistoryEntryView,
  type ShareLink,
} from './ipc-objects';
import {
  ssoFlowPayloadSchema,
  ssoProfilePayloadSchema,
  type SsoSignInEnd,
  type SsoSignInStart,
  type SsoTokenState,
} from './ipc-sso';
import type { FileFacts, QueueTotals, UploadItem } from './upload-item';
import type { MessageText } from './upload-state';

export type { FileFacts } from './upload-item';

/** A command's answer type, as a value of the table: undefined at run time, the type for the compiler. */
const returns = <T>(): T => undefined as T;

/** Commands without arguments accept nothing (undefined over Electron IPC, null over JSON). */
const empty = z.union([z.undefined(), z.null()]);

/** An absolute local path: POSIX (/…), Windows drive (C:\…) or UNC (\\server\…). No NUL bytes. */
export const absolutePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'path contains a NUL byte')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'path is not absolute');

export const conflictChoiceSchema = z.enum(['overwrite', 'skip', 'keep-both', 'skip-unchanged']);
export type ConflictChoice = z.infer<typeof conflictChoiceSchema>;

/**
 * The contract: one entry per command, with the zod schema main validates its payload against and the type it
 * answers (`returns<T>()` carries only the type). The preload's API (ipc-api.ts), main's handler map and the
 * renderer's API type are all derived from this table, so a new command is one entry here and one in ipc-api.ts.
 */
export const CONTRACT = {
  [COMMAND.snapshot]: { payload: empty, result: returns<QueueSnapshot>() },
  [COMMAND.addDropped]: {
    payload: z.strictObject({
      paths: z.array(absolutePathSchema).min(1).max(10_000),
      target: targetChoiceSchema,
    }),
    result: returns<AddSummary>(),
  },
  [COMMAND.pickAndAdd]: { payload: z.strictObject({ target: targetChoiceSchema }), result: returns<AddSummary>() },
  [COMMAND.cancel]: { payload: z.strictObject({ id: idSchema }), result: returns<void>() },
  [COMMAND.cancelAll]: { payload: empty, result: returns<void>() },
  [COMMAND.retry]: { payload: z.strictObject({ id: idSchema }), result: returns<void>() },
  [COMMAND.remove]: { payload: z.strictObject({ id: idSchema }), result: returns<void>() },
  [COMMAND.clearFinished]: { payload: empty, result: returns<void>() },
  /** Stops sending but keeps the multipart upload and its parts; only in the states of PAUSABLE_KINDS. */
  [COMMAND.pause]: { payload: z.strictObject({ id: idSchema }), result: returns<void>() },
  /** Continues a paused item: only the parts the server does not list are sent. */
  [COMMAND.resume]: { payload: z.strictObject({ id: idSchema }), result: returns<void>() },
  [COMMAND.pauseAll]: { payload: empty, result: returns<void>() },
  [COMMAND.resumeAll]: { payload: empty, result: returns<void>() },
  [COMMAND.tryNow]: { payload: empty, result: returns<void>() },
  [COMMAND.stopAdding]: { payload: empty, result: returns<void>() },
  /** Uploads in main's journal that are not in the queue (left by a crash, a kill or a quit). */
  [COMMAND.listInterrupted]: { payload: empty, result: returns<InterruptedUpload[]>() },
  [COMMAND.resumeInterrupted]: { payload: uploadIdsPayloadSchema, result: returns<InterruptedOutcome[]>() },
  /** Aborts them on the server, verified; they pass through the queue so the rows show the cleanup. */
  [COMMAND.discardInterrupted]: { payload: uploadIdsPayloadSchema, result: returns<InterruptedOutcome[]>() },
  /** Incomplete multipart uploads in a bucket of a saved profile (main uses the profile's endpoint and keys). */
  [COMMAND.listIncomplete]: { payload: incompleteListPayloadSchema, result: returns<IncompleteUploadInfo[]>() },
  [COMMAND.abortIncomplete]: { payload: incompleteAbortPayloadSchema, result: returns<IncompleteAbortResult[]>() },
  [COMMAND.answerConflict]: {
    payload: z.strictObject({
      questionId: idSchema,
      choice: conflictChoiceSchema,
      applyToRest: z.boolean(),
    }),
    result: returns<void>(),
  },
  [COMMAND.getSettings]: { payload: empty, result: returns<SettingsView>() },
  [COMMAND.saveProfile]: { payload: profileInputSchema, result: returns<{ id: string; settings: SettingsView }>() },
  [COMMAND.deleteProfile]: { payload: z.strictObject({ id: idSchema }), result: returns<SettingsView>() },
  /** Tests the form as it is (saved or not). Without a secret, a saved profile's (id) stored secret is used. */
  [COMMAND.testConnection]: {
    payload: z.strictObject({ profile: profileInputSchema }),
    result: returns<ConnectionResult>(),
  },
  [COMMAND.setLanguage]: { payload: z.strictObject({ language: languageSchema }), result: returns<SettingsView>() },
  [COMMAND.selectTarget]: { payload: targetChoiceSchema, result: returns<SettingsView>() },
  /** The explicit opt-in to keep secrets with weak protection (Linux basic_text). */
  [COMMAND.setWeakStorage]: { payload: z.strictObject({ allow: z.boolean() }), result: returns<SettingsView>() },
  /** Read by main from ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE…); only names, kinds and regions. */
  [COMMAND.listAwsProfiles]: { payload: empty, result: returns<AwsProfileEntry[]>() },
  /** An SSO profile's sign-in (ipc-sso.ts): the page names the AWS profile, main checks it is listed and of kind sso. */
  [COMMAND.ssoStatus]: { payload: ssoProfilePayloadSchema, result: returns<SsoTokenState>() },
  [COMMAND.ssoSignIn]: { payload: ssoProfilePayloadSchema, result: returns<SsoSignInStart>() },
  [COMMAND.ssoWait]: { payload: ssoFlowPayloadSchema, result: returns<SsoSignInEnd>() },
  [COMMAND.ssoCancel]: { payload: ssoFlowPayloadSchema, result: returns<void>() },
  [COMMAND.listHistory]: { payload: historyListPayloadSchema, result: returns<HistoryEntryView[]>() },
  [COMMAND.shareLink]: { payload: shareLinkPayloadSchema, result: returns<ShareLink>() },
  /** Refused ListBuckets is an answer ({ kind: 'refused' }), not an error: the page falls back to typing. */
  [COMMAND.browseBuckets]: { payload: browseBucketsPayloadSchema, result: returns<BucketListing>() },
  [COMMAND.browseList]: { payload: browseListPayloadSchema, result: returns<FolderListing>() },
  [COMMAND.listNotices]: { payload: empty, result: returns<Notice[]>() },
  [COMMAND.dismissNotice]: { payload: z.strictObject({ id: idSchema }), result: returns<void>() },
} satisfies Record<CommandChannel, { payload: z.ZodType; result: unknown }>;

/** The payload schemas alone, for the handlers that validate them. */
export const commandSchemas = Object.fromEntries(
  Object.entries(CONTRACT).map(([channel, entry]) => [channel, entry.payload]),
) as { [C in CommandChannel]: (typeof CONTRACT)[C]['payload'] };

export type { SsoFailure, SsoSignInEnd, SsoSignInStart, SsoTokenState } from './ipc-sso';
export type { BucketListing, FolderListing, HistoryEntryView, ShareLink } from './ipc-objects';
export type {
  IncompleteAbortResult,
  IncompleteUploadInfo,
  InterruptedOutcome,
  InterruptedProblem,
  InterruptedUpload,
} from './ipc-recovery';

export type CommandPayload<C extends CommandChannel> = z.infer<(typeof commandSchemas)[C]>;

export interface ConflictQuestion {
  id: string;
  /** The file's display name: its path inside the dropped folder, or its base name. */
  name: string;
  bucket: string;
  key: string;
  /** The file on this computer. */
  local: FileFacts;
  /** The object already in the bucket; null when the check found it but could not tell its size. */
  remote: FileFacts | null;
  /** Conflicts still to decide in this batch after this one ("apply to the rest" covers them). */
  remaining: number;
}

export interface QueueSnapshot {
  /** The seq of the last batch sent before this snapshot: batches with seq ≤ this are already in it. */
  seq: number;
  items: UploadItem[];
  totals: QueueTotals;
  /** The question waiting for an answer, so that a reloaded window asks again. */
  conflict: ConflictQuestion | null;
}

export interface AddSummary {
  added: number;
  skipped: number;
  /** Kept both: uploaded under a key with a " (n)" suffix. */
  renamed: number;
  /** Not queued because the add was stopped (Stop adding, Cancel all) before they were. */
  stopped: number;
  /** Not queued because the object there has the same size and checksum (skip unchanged). */
  upToDate?: number;
  /** Left out by the profile's exclude patterns (.DS_Store, Thumbs.db, … by default). */
  excluded?: number;
  /** Each with its message's dictionary keys (text), so that the window shows it in its own language. */
  rejected: { path: string; code: string; message: string; text?: MessageText }[];
}

export interface ConnectionResult {
  ok: boolean;
  kind: 'ok' | 'credentials' | 'bucket-missing' | 'access-denied' | 'unreachable' | 'tls' | 'bad-endpoint' | 'other';
  message: string;
  text?: MessageText;
}

export const NOTICE_KINDS = [
  'settings-corrupt',
  'settings-unwritable',
  'secret-session-only',
  'secret-unreadable',
  'add-rejected',
  /** Renderer-side: files of an add that were skipped because their keys already existed. */
  'add-skipped',
  /** Renderer-side: files of an add that was stopped before they were queued. */
  'add-stopped',
  /** Renderer-side: files of an add that were skipped because the same object is already there. */
  'add-up-to-date',
  /** Renderer-side: files of an add that the exclude patterns left out. */
  'add-excluded',
  /** A bucket on AWS answered from another region: its profiles now name that region. */
  'region-corrected',
  /** Files that failed for a reason every file to the same place meets (wrong secret, no such bucket, …). */
  'batch-failed',
  'error',
  /** Renderer-side: files were dropped before any endpoint was set up. */
  'no-target',
  /** Renderer-side: something that is not a file from disk was dropped. */
  'not-local-file',
  /** A multipart upload a dead process was creating: looked for at the start and removed, or none was made. */
  'create-settled',
  /** The same, where the look was not conclusive: the record stays for the next start. */
  'create-unconfirmed',
  /** The same, where no profile reaches the record's server now (removed, its secret missing, its endpoint changed). */
  'create-unchecked',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const noticeSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTICE_KINDS),
  level: z.enum(['info', 'warning', 'error']),
  /** Values for the message's placeholders (the message itself is an i18n key: notice.<kind>). */
  params: z.record(z.string(), z.string()),
  at: z.number(),
});
export type Notice = z.infer<typeof noticeSchema>;

export type CommandResult<C extends CommandChannel> = (typeof CONTRACT)[C]['result'];

const fileFactsSchema = z.object({ size: z.number(), modifiedAt: z.number().nullable() });
const conflictQuestionSchema = z.object({
  id: z.string(),
  name: z.string(),
  bucket: z.string(),
  key: z.string(),
  local: fileFactsSchema,
  remote: fileFactsSchema.nullable(),
  remaining: z.number(),
});

/** Events main sends. Main builds them itself; the schemas document them and let a test bridge check them. */
export const eventSchemas = {
  /** Queue changes since the last batch, coalesced per item; at most ~10 batches per second. */
  [EVENT.queueBatch]: z.object({
    /** Increases by one per batch. */
    seq: z.number().int(),
    changed: z.array(uploadItemSchema),
    removed: z.array(z.string()),
    totals: queueTotalsSchema,
  }),
  [EVENT.settingsChanged]: settingsViewSchema,
  [EVENT.notice]: noticeSchema,
  [EVENT.conflict]: conflictQuestionSchema,
} satisfies Record<EventChannel, z.ZodType>;

export type EventPayload<E extends EventChannel> = z.infer<(typeof eventSchemas)[E]>;
export type QueueBatch = EventPayload<typeof EVENT.queueBatch>;
