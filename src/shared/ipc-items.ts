// zod schemas for the queue data that main sends (items, totals). The types themselves live in upload-item.ts and
// upload-state.ts; the assertions at the bottom fail to compile if a schema drifts from them.
import { z } from 'zod';
import type { QueueTotals, UploadItem } from './upload-item';
import type { MessageKey } from './i18n';
import type { UploadState } from './upload-state';

// A key is taken as any string: one this window does not know (a newer main) must not make the whole item invalid;
// the renderer shows the English message for it instead (error-text.ts).
const messagePart = {
  key: z.custom<MessageKey>((value) => typeof value === 'string'),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
};
const messageText = z.object({ ...messagePart, more: z.array(z.object(messagePart)).optional() });
const uploadError = z.object({ code: z.string(), message: z.string(), text: messageText.optional() });

export const uploadStateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('queued') }),
  z.object({ kind: z.literal('starting') }),
  z.object({ kind: z.literal('uploading') }),
  z.object({
    kind: z.literal('retrying'),
    attempt: z.number(),
    retryAt: z.number(),
    reason: z.string(),
    reasonCode: z.string().optional(),
    reasonText: messageText.optional(),
  }),
  z.object({ kind: z.literal('pausing') }),
  z.object({ kind: z.literal('paused') }),
  z.object({ kind: z.literal('completing') }),
  z.object({ kind: z.literal('cancelling'), finishing: z.boolean().optional() }),
  z.object({ kind: z.literal('failing'), error: uploadError }),
  z.object({ kind: z.literal('cancelled'), cleanup: z.enum(['verified', 'none-needed', 'object-kept']) }),
  z.object({ kind: z.literal('cleanup-failed'), uploadId: z.string().optional(), error: uploadError }),
  z.object({
    kind: z.literal('failed'),
    error: uploadError,
    cleanup: z.enum(['verified', 'none-needed', 'failed']),
    uploadId: z.string().optional(),
  }),
  z.object({ kind: z.literal('done'), etag: z.string(), bytesSent: z.number() }),
]);

export const uploadItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  bucket: z.string(),
  key: z.string(),
  total: z.number(),
  confirmed: z.number(),
  loaded: z.number(),
  bytesPerSecond: z.number(),
  etaSeconds: z.number().nullable(),
  state: uploadStateSchema,
  addedAt: z.number(),
});

export const queueTotalsSchema = z.object({
  count: z.number(),
  active: z.number(),
  queued: z.number(),
  done: z.number(),
  failed: z.number(),
  cancelled: z.number(),
  confirmed: z.number(),
  loaded: z.number(),
  total: z.number(),
  bytesPerSecond: z.number(),
});

// Compile-time checks that the schemas describe exactly the shared types. Mutual assignability is not enough: a
// schema that drops an optional field (retrying.reasonCode once) is still assignable both ways. Two types are the
// same here only if the compiler treats them as identical.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const sameState: Same<z.infer<typeof uploadStateSchema>, UploadState> = true;
const sameItem: Same<z.infer<typeof uploadItemSchema>, UploadItem> = true;
const sameTotals: Same<z.infer<typeof queueTotalsSchema>, QueueTotals> = true;
void sameState;
void sameItem;
void sameTotals;
