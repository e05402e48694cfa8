// Uploads a CreateMultipartUpload may have made without anyone learning their id: its answer never came (cut, lost,
// timed out), or the process died before the answer reached the journal. They are found by listing the key's uploads
// initiated about the time the create went out, and removed, verified.
import type { ControlClient } from '../s3/s3-sdk';
import { sleep } from '../s3/backoff';
import { abortAndVerify, uploadsOfKeySince } from '../s3/abort-upload';
import { worded } from '../s3/error-messages';
import type { CancelOutcome, JobFile, JobJournal } from './job-types';
import type { CreateRecord } from '../journal/create-record';

/** A second look for uploads of an unanswered create, for a server that makes it a little after the first look. */
const CREATE_SETTLE_MS = 1000;
/**
 * How far before the create's request an upload's Initiated time may lie and still be taken for the one it made:
 * room for clocks a little apart, and no more, since an older upload of the key is someone else's.
 */
const CLOCK_MARGIN_MS = 60_000;
/**
 * How long after it was sent an unanswered create may still have made its upload (a request a proxy held, a server
 * slow to act): an upload of the key initiated later is someone else's, such as a later `hoist cp` of the same file,
 * which a discard of an old journal entry (its unnamedSince days ago) must not abort.
 */
const CREATE_LATE_MS = 2 * 60_000;

type Unconfirmed = Extract<CancelOutcome, { kind: 'cleanup-failed' }>;

/** Where the uploads are looked for. */
export type UnnamedJob = { file: Pick<JobFile, 'bucket' | 'key'>; cleanupAttempts: number; endpoint: string };

/**
 * What a look found: how many uploads of the create's time it removed, verified, how many of that time spareNow
 * spared, and the key's uploads of other times (less those excluded), which it leaves alone.
 */
export type CreateLook =
  { kind: 'looked'; removed: number; sparedNow: number; others: string[] } | (Unconfirmed & { detail: string });

/** The latest moment (this machine's clock) an upload made by a create sent at sentAt can be initiated. */
export function createWindowEnd(sentAt: number): number {
  return sentAt + CREATE_LATE_MS + CLOCK_MARGIN_MS;
}

/** Whether an upload the create made would be initiated by now: a look after this that finds none has seen them all. */
export function createWindowClosed(sentAt: number, now = Date.now()): boolean {
  return now > createWindowEnd(sentAt);
}

/** The journal could not be asked whether to spare an upload: nothing is aborted, and the look is not conclusive. */
class JournalUnread extends Error {}

async function spareBefore(spareNow: (uploadId: string) => Promise<boolean>, uploadId: string): Promise<boolean> {
  try {
    return await spareNow(uploadId);
  } catch (err) {
    throw new JournalUnread(err instanceof Error ? err.message : String(err));
  }
}

/**
 * Removes the key's uploads initiated from just before sentAt (the clock margin) to the latest a create whose last
 * attempt went out at lastSentAt could make one, less `exclude` (uploads known by their id). Each is aborted and
 * checked; a second look catches one the server made late.
 */
export async function removeCreatedUploads(
  client: ControlClient,
  job: UnnamedJob,
  sentAt: number,
  exclude: ReadonlySet<string> = new Set(),
  lastSentAt = sentAt,
  spareNow?: (uploadId: string) => Promise<boolean>,
): Promise<CreateLook> {
  const { bucket, key } = job.file;
  const removed = new Set<string>();
  const spared = new Set(exclude);
  let sparedNow = 0;
  let listed: Awaited<ReturnType<typeof uploadsOfKeySince>> | undefined;
  try {
    for (let look = 0; look < 2; look++) {
      if (look > 0) await sleep(CREATE_SETTLE_MS);
      listed = await uploadsOfKeySince(client, bucket, key, sentAt - CLOCK_MARGIN_MS, createWindowEnd(lastSentAt));
      for (const uploadId of listed.ids) {
        if (removed.has(uploadId) || spared.has(uploadId)) continue;
        // Asked again just before the abort: an entry (or a create of the key) may have come since the look began.
        if (spareNow && (await spareBefore(spareNow, uploadId))) {
          spared.add(uploadId);
          sparedNow++;
          continue;
        }
        const result = await abortAndVerify(client, bucket, key, uploadId, job.cleanupAttempts);
        if (!result.verified) {
          const detail = String(result.error);
          return {
            kind: 'cleanup-failed',
            uploadId,
            detail,
            ...worded('engineError.cleanup.createUnconfirmed', { key, endpoint: job.endpoint, detail }),
          };
        }
        removed.add(uploadId);
      }
    }
  } catch (err) {
    if (err instanceof JournalUnread) {
      const detail = `the journal cannot be read whole (${err.message})`;
      return {
        kind: 'cleanup-failed',
        detail,
        ...worded('engineError.cleanup.createUnconfirmed', { key, endpoint: job.endpoint, detail }),
      };
    }
    const e = err as { name?: string; message?: string };
    const detail = e.name && e.name !== 'Error' ? e.name : (e.message ?? 'Error');
    return {
      kind: 'cleanup-failed',
      detail,
      ...worded('engineError.cleanup.createUnlisted', { key, endpoint: job.endpoint, detail }),
    };
  }
  // The uploads listed were removed, but a listing cut short (more said to follow, no marker) may hide others.
  if (!listed?.whole) {
    const detail = 'ListMultipartUploads said more uploads follow, but not where';
    return {
      kind: 'cleanup-failed',
      detail,
      ...worded('engineError.cleanup.createUnlisted', { key, endpoint: job.endpoint, detail }),
    };
  }
  const others = listed.others.filter((id) => !spared.has(id));
  return { kind: 'looked', removed: removed.size, sparedNow, others };
}

/** What a look settles of a create whose answer never came (settleCreate). */
export type CreateSettled =
  /** Every upload the create can have made is accounted for: count of them removed, verified. */
  | { kind: 'removed'; count: number }
  /** The same, none of them left to remove (none made, or the only one is named by its entry). */
  | { kind: 'none-made' }
  /**
   * Not every upload it can have made is listed yet (`removed` of them were, and are gone), and the server could still
   * make one until `until` (ms): not settled.
   */
  | { kind: 'too-soon'; until: number; removed: number }
  /**
   * Not settled: the listing or an abort failed, or the key has uploads of other times (a server whose Initiated times
   * are not real ones, such as moto's, or other clients' uploads) that cannot be told from the create's.
   */
  | { kind: 'unconfirmed'; detail: string; uploadIds?: string[] };

/**
 * Settles a create whose answer never came, long after if need be (a record a dead process left, an earlier attempt
 * of a resumed upload): removeCreatedUploads over its attempts' window, less `exclude` (uploads entries name), then
 * whether that accounts for every upload it can have made: one per attempt that may have made one nobody knows of,
 * where the record counts them; else all the key's uploads of the window, once it has closed, with none of other
 * times to be confused with them.
 */
export async function settleCreate(
  client: ControlClient,
  job: UnnamedJob,
  create: Pick<CreateRecord, 'sentAt' | 'lastSentAt' | 'attempts'>,
  exclude: ReadonlySet<string> = new Set(),
  spareNow?: (uploadId: string) => Promise<boolean>,
): Promise<CreateSettled> {
  // No attempt left that may have made an upload (the others refused, or named): nothing to look for, and a look would
  // abort other clients' uploads of the window for nothing.
  if (create.attempts === 0) return { kind: 'none-made' };
  const last = create.lastSentAt ?? create.sentAt;
  // Taken before the look: a look that ends after the window closed proves nothing of an upload made before its end.
  const closed = createWindowClosed(last);
  const look = await removeCreatedUploads(client, job, create.sentAt, exclude, last, spareNow);
  if (look.kind === 'cleanup-failed') return { kind: 'unconfirmed', detail: look.detail };
  const settled: CreateSettled = look.removed > 0 ? { kind: 'removed', count: look.removed } : { kind: 'none-made' };
  if (create.attempts !== undefined && look.removed >= create.attempts) return settled;
  // An upload of the window spared because an entry or a create of the key came meanwhile may be this create's: the
  // window closing proves nothing then.
  if (look.sparedNow > 0)
    return { kind: 'unconfirmed', detail: 'a create of the key began while its uploads were looked for' };
  if (look.others.length > 0) {
    return {
      kind: 'unconfirmed',
      detail:
        'the server lists uploads of the key from other times, which cannot be told from the one it may have made',
      uploadIds: look.others,
    };
  }
  return closed ? settled : { kind: 'too-soon', until: createWindowEnd(last), removed: look.removed };
}

/**
 * The create went out and its answer never came: the uploads of the key started since (less the clock margin) are
 * the ones it may have made, less `named` (the upload a later attempt was answered with, handled by the caller).
 * Finding none proves nothing (the server may still be making it), so that is reported as unconfirmed, never as
 * verified. Also run by a job whose upload completed after such a create (file-job.ts), so that the run leaves
 * nothing behind.
 */
export async function removeUnnamedUploads(
  client: ControlClient,
  job: UnnamedJob,
  sentAt: number,
  named?: string,
): Promise<CancelOutcome> {
  const look = await removeCreatedUploads(client, job, sentAt, new Set(named === undefined ? [] : [named]));
  if (look.kind === 'cleanup-failed') return look;
  if (look.removed > 0) return { kind: 'cancelled', cleanup: 'verified' };
  return {
    kind: 'cleanup-failed',
    ...worded('engineError.cleanup.createNotSeen', { key: job.file.key, endpoint: job.endpoint }),
  };
}

/** The journal's side of a running job, for settling an unanswered create (job-journal.ts). */
export type CreateJournal = Pick<
  JobJournal,
  'createRecordFor' | 'createCleared' | 'namedUploads' | 'otherCreateUnderWay'
>;

/**
 * Settles, in a running job (a stop's cleanup, the completion), a create with an attempt sent at sentAt and never
 * answered; `named` is the upload a later attempt was answered with. With a journal, by its record of that create
 * (every attempt that may have made an upload, settleCreate), sparing every upload an entry names, and the record goes
 * once it is settled; else by that attempt's time alone (removeUnnamedUploads).
 */
export async function settleUnanswered(
  client: ControlClient,
  job: UnnamedJob,
  journal: CreateJournal | undefined,
  sentAt: number,
  named?: string,
): Promise<CancelOutcome> {
  if (!journal) return removeUnnamedUploads(client, job, sentAt, named);
  const { key } = job.file;
  const unconfirmed = (detail: string): CancelOutcome => ({
    kind: 'cleanup-failed',
    ...worded('engineError.cleanup.createUnconfirmed', { key, endpoint: job.endpoint, detail }),
  });
  const mine = named === undefined ? [] : [named];
  let spared: Set<string>;
  try {
    spared = new Set([...mine, ...(await journal.namedUploads())]);
  } catch (err) {
    return unconfirmed(`the journal cannot be read whole (${err instanceof Error ? err.message : String(err)})`);
  }
  const record = await journal.createRecordFor(sentAt).catch(() => undefined);
  // Another create of the key under way (another process's cp, the app beside the CLI): its upload may not be in an
  // entry yet, and would be taken for this create's.
  if (await journal.otherCreateUnderWay(record).catch(() => true))
    return unconfirmed('another create of the key is under way, whose upload cannot be told from this one');
  const spareNow = async (id: string) =>
    (await journal.namedUploads()).has(id) || (await journal.otherCreateUnderWay(record));
  const settled = await settleCreate(client, job, record ?? { sentAt }, spared, spareNow);
  if (settled.kind === 'removed' || settled.kind === 'none-made') {
    if (record) await journal.createCleared(record);
    return { kind: 'cancelled', cleanup: 'verified' };
  }
  if (settled.kind === 'unconfirmed') return unconfirmed(settled.detail);
  if (settled.removed === 0)
    return { kind: 'cleanup-failed', ...worded('engineError.cleanup.createNotSeen', { key, endpoint: job.endpoint }) };
  const until = new Date(settled.until).toISOString();
  return unconfirmed(`${settled.removed} upload(s) it made were removed, and another may still appear until ${until}`);
}
