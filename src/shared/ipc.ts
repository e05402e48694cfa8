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
  type SettingsView,
} from './settings-schema';
import type { FileFacts, QueueTotals, UploadItem } from './upload-item';

export type { FileFacts } from './upload-item';

/** Commands without arguments accept nothing (undefined over Electron IPC, null over JSON). */
const empty = z.union([z.undefined(), z.null()]);

/** An absolute local path: POSIX (/…), Windows drive (C:\…) or UNC (\\server\…). No NUL bytes. */
export const absolutePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'path contains a NUL byte')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'path is not absolute');

export const conflictChoiceSchema = z.enum(['overwrite', 'skip', 'keep-both']);
export type ConflictChoice = z.infer<typeof conflictChoiceSchema>;

export const commandSchemas = {
  [COMMAND.snapshot]: empty,
  [COMMAND.addDropped]: z.strictObject({
    paths: z.array(absolutePathSchema).min(1).max(10_000),
    target: targetChoiceSchema,
  }),
  [COMMAND.pickAndAdd]: z.strictObject({ target: targetChoiceSchema }),
  [COMMAND.cancel]: z.strictObject({ id: idSchema }),
  [COMMAND.cancelAll]: empty,
  [COMMAND.retry]: z.strictObject({ id: idSchema }),
  [COMMAND.remove]: z.strictObject({ id: idSchema }),
  [COMMAND.clearFinished]: empty,
  /** Stops sending but keeps the multipart upload and its parts; only in the states of PAUSABLE_KINDS. */
  [COMMAND.pause]: z.strictObject({ id: idSchema }),
  /** Continues a paused item: only the parts the server does not list are sent. */
  [COMMAND.resume]: z.strictObject({ id: idSchema }),
  [COMMAND.pauseAll]: empty,
  [COMMAND.resumeAll]: empty,
  [COMMAND.tryNow]: empty,
  [COMMAND.stopAdding]: empty,
  /** Uploads in main's journal that are not in the queue (left by a crash, a kill or a quit). */
  [COMMAND.listInterrupted]: empty,
  [COMMAND.resumeInterrupted]: uploadIdsPayloadSchema,
  /** Aborts them on the server, verified; they pass through the queue so the rows show the cleanup. */
  [COMMAND.discardInterrupted]: uploadIdsPayloadSchema,
  /** Incomplete multipart uploads in a bucket of a saved profile (main uses the profile's endpoint and keys). */
  [COMMAND.listIncomplete]: incompleteListPayloadSchema,
  [COMMAND.abortIncomplete]: incompleteAbortPayloadSchema,
  [COMMAND.answerConflict]: z.strictObject({
    questionId: idSchema,
    choice: conflictChoiceSchema,
    applyToRest: z.boolean(),
  }),
  [COMMAND.getSettings]: empty,
  [COMMAND.saveProfile]: profileInputSchema,
  [COMMAND.deleteProfile]: z.strictObject({ id: idSchema }),
  /** Tests the form as it is (saved or not). Without a secret, a saved profile's (id) stored secret is used. */
  [COMMAND.testConnection]: z.strictObject({ profile: profileInputSchema }),
  [COMMAND.setLanguage]: z.strictObject({ language: languageSchema }),
  [COMMAND.selectTarget]: targetChoiceSchema,
  /** The explicit opt-in to keep secrets with weak protection (Linux basic_text). */
  [COMMAND.setWeakStorage]: z.strictObject({ allow: z.boolean() }),
  [COMMAND.listNotices]: empty,
  [COMMAND.dismissNotice]: z.strictObject({ id: idSchema }),
} satisfies Record<CommandChannel, z.ZodType>;

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
  rejected: { path: string; code: string; message: string }[];
}

export interface ConnectionResult {
  ok: boolean;
  kind: 'ok' | 'credentials' | 'bucket-missing' | 'access-denied' | 'unreachable' | 'tls' | 'bad-endpoint' | 'other';
  message: string;
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
  /** Files that failed for a reason every file to the same place meets (wrong secret, no such bucket, …). */
  'batch-failed',
  'error',
  /** Renderer-side: files were dropped before any endpoint was set up. */
  'no-target',
  /** Renderer-side: something that is not a file from disk was dropped. */
  'not-local-file',
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

/** What each command answers. */
export interface CommandResults {
  [COMMAND.snapshot]: QueueSnapshot;
  [COMMAND.addDropped]: AddSummary;
  [COMMAND.pickAndAdd]: AddSummary;
  [COMMAND.cancel]: void;
  [COMMAND.cancelAll]: void;
  [COMMAND.retry]: void;
  [COMMAND.remove]: void;
  [COMMAND.clearFinished]: void;
  [COMMAND.pause]: void;
  [COMMAND.resume]: void;
  [COMMAND.pauseAll]: void;
  [COMMAND.resumeAll]: void;
  [COMMAND.tryNow]: void;
  [COMMAND.stopAdding]: void;
  [COMMAND.listInterrupted]: InterruptedUpload[];
  [COMMAND.resumeInterrupted]: InterruptedOutcome[];
  [COMMAND.discardInterrupted]: InterruptedOutcome[];
  [COMMAND.listIncomplete]: IncompleteUploadInfo[];
  [COMMAND.abortIncomplete]: IncompleteAbortResult[];
  [COMMAND.answerConflict]: void;
  [COMMAND.getSettings]: SettingsView;
  [COMMAND.saveProfile]: { id: string; settings: SettingsView };
  [COMMAND.deleteProfile]: SettingsView;
  [COMMAND.testConnection]: ConnectionResult;
  [COMMAND.setLanguage]: SettingsView;
  [COMMAND.selectTarget]: SettingsView;
  [COMMAND.setWeakStorage]: SettingsView;
  [COMMAND.listNotices]: Notice[];
  [COMMAND.dismissNotice]: void;
}
export type CommandResult<C extends CommandChannel> = CommandResults[C];

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
