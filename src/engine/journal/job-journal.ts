// Connects one file's upload to the journal: keeps that upload's entry current as parts land, and removes it once
// the upload is complete or verified gone.
//
// Each write rewrites the whole entry and syncs it to disk, so part records are written at most once a second: the
// parts that land meanwhile go out together. Per part, the write (temp file, fsync, rename) cost about 0.5 ms of the
// main thread plus the sync, a good share of hoist's CPU per GiB at 8 MiB parts (docs/benchmarks.md). Nothing is lost
// by waiting: a resume asks the server which parts it holds (ListParts), so the records only say how far an
// interrupted upload had got. A stop (pause, cancel, failure) and the end of the upload flush what is pending.
import type { CompletedPart } from '@aws-sdk/client-s3';
import type { JobJournal } from '../job/job-types';
import { hoistError } from '../s3/errors';
import {
  createUnderWay,
  ownedByAnotherLiveProcess,
  thisProcess,
  type Journal,
  type JournalEntry,
  type JournalPart,
} from './journal-store';
import { createWindowClosed } from '../job/unnamed-uploads';
import { createRecordName, sameCreateKey, type CreatePlace, type CreateRecord } from './create-record';

/** What the job's entry holds from the start: where the upload goes (CreatePlace) and what it was asked with. */
export type EntryBase = CreatePlace & Pick<JournalEntry, 'objectOptions' | 'bytesPerSecond' | 'partsPerFile'>;

/** Part records are written at most this often. */
export const PART_RECORD_INTERVAL_MS = 1000;

export function jobJournal(
  journal: Journal,
  base: EntryBase,
  restored?: JournalEntry,
  intervalMs = PART_RECORD_INTERVAL_MS,
): JobJournal {
  let entry: JournalEntry | undefined = restored;
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastWriteAt = -Infinity;
  let writes: Promise<void> = Promise.resolve();
  let failure: unknown;
  /** This job's create record on disk, if any (a job makes at most one upload, so it has at most one create). */
  let pending: CreateRecord | undefined;
  const clearCreate = async (): Promise<void> => {
    const record = pending;
    pending = undefined;
    // A record that cannot be removed costs a sweep at the next start, which finds nothing or this job's upload
    // named by its entry: never the upload itself.
    if (record) await journal.removeCreate(record).catch(() => undefined);
  };
  const writeNow = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    if (!dirty || !entry) return writes;
    dirty = false;
    const snapshot: JournalEntry = { ...entry, parts: [...entry.parts] };
    lastWriteAt = Date.now();
    writes = writes
      .then(() => journal.write(snapshot))
      .catch((err: unknown) => {
        // Worded for the item: the raw fs error would read as the server's refusal.
        failure ??= writeFailed(err);
      });
    return writes;
  };
  const writeFailed = (err: unknown) =>
    hoistError('JournalWrite', 'engineError.journalWrite', {
      file: base.path,
      dir: journal.dir,
      detail: err instanceof Error ? err.message : String(err),
    });
  const failed = (): Promise<void> => (failure ? Promise.reject(failure) : Promise.resolve());

  const createMadeNothing = async (): Promise<void> => {
    if (!pending) return;
    // Best effort: a record left counting this attempt only waits for its window to close before it is settled.
    const record: CreateRecord = { ...pending, attempts: Math.max(0, (pending.attempts ?? 1) - 1) };
    await journal.writeCreate(record).then(
      () => (pending = record),
      () => undefined,
    );
  };

  const recordFor = async (sentAt: number): Promise<CreateRecord | undefined> => {
    const covers = (r: CreateRecord) =>
      sameCreateKey(r, base) && r.sentAt <= sentAt && sentAt <= (r.lastSentAt ?? r.sentAt);
    if (pending && covers(pending)) return pending;
    // A job that took over a paused one, or a resume of a dead process's entry: the record is on disk, and is this
    // process's or a dead one's (never another running process's, whose create is its own to settle).
    return (await journal.creates()).find((r) => covers(r) && !ownedByAnotherLiveProcess(r));
  };

  const createRecord = (sentAt: number): CreateRecord => {
    const { path, endpointUrl, region, forcePathStyle, checksum, profileId, bucket, key } = base;
    return {
      version: 1,
      path,
      ...(endpointUrl === undefined ? {} : { endpointUrl }),
      region,
      forcePathStyle,
      checksum,
      ...(profileId === undefined ? {} : { profileId }),
      bucket,
      key,
      sentAt,
      owner: thisProcess(),
    };
  };

  return {
    async createSending(at) {
      const record: CreateRecord = pending
        ? { ...pending, lastSentAt: at, attempts: (pending.attempts ?? 1) + 1 }
        : { ...createRecord(at), lastSentAt: at, attempts: 1 };
      try {
        await journal.writeCreate(record);
      } catch (err) {
        throw writeFailed(err);
      }
      pending = record;
    },
    createMadeNothing,
    async createCleared(record) {
      if (record && record !== pending) await journal.removeCreate(record).catch(() => undefined);
      else await clearCreate();
    },
    async keepUnanswered(sentAt) {
      // The dead process's own record of that create, where it kept one, already covers it: not a second line later.
      if (!(await recordFor(sentAt))) await journal.writeCreate(createRecord(sentAt));
    },
    namedUploads: () => journal.namedUploads(),
    async otherCreateUnderWay(record) {
      const mine = [record, pending].flatMap((r) => (r ? [createRecordName(r)] : []));
      return (await journal.creates()).some(
        (r) =>
          sameCreateKey(r, base) &&
          !mine.includes(createRecordName(r)) &&
          createUnderWay(r, !createWindowClosed(r.lastSentAt ?? r.sentAt)),
      );
    },
    createRecordFor: recordFor,
    async started(uploadId, partSize, parts, file, unnamedSince) {
      // Starting over under a new UploadId retires the old entry.
      if (entry && entry.uploadId !== uploadId) await journal.remove(entry);
      entry = {
        ...base,
        version: 1,
        uploadId,
        partSize,
        parts: [...parts],
        size: file.size,
        mtimeMs: file.mtimeMs,
        // A new upload (one started over under a new UploadId) starts now: a resume reads this as its start.
        startedAt: entry && entry.uploadId === uploadId ? entry.startedAt : Date.now(),
        owner: thisProcess(),
        ...(unnamedSince === undefined ? {} : { unnamedSince }),
      };
      dirty = true;
      await writeNow();
      await failed();
      // The entry names the upload now. An attempt that went unanswered before (unnamedSince) may have made a second
      // one: the record stays until that is settled (file-job.ts), or for the sweep, no longer counting the answered one.
      if (unnamedSince === undefined) await clearCreate();
      else await createMadeNothing();
    },
    partDone(part) {
      if (failure) return failed();
      if (!entry) return Promise.resolve();
      entry.parts.push(part);
      dirty = true;
      const wait = lastWriteAt + intervalMs - Date.now();
      if (wait <= 0) return writeNow().then(failed);
      if (!timer) {
        timer = setTimeout(() => void writeNow(), wait);
        // A pending record must not keep a finished CLI alive; the job flushes before it ends anyway.
        timer.unref?.();
      }
      return Promise.resolve();
    },
    async flush() {
      await writeNow();
      await failed();
    },
    async cancelled(uploadId) {
      // A job that resumed a paused upload and was cancelled before it wrote anything has no entry of its own: the
      // upload's entry is the one an earlier job of this process wrote, found by the upload's id (as forget() does).
      // Unmarked, it would read as interrupted at the next start, and a resume would complete a cancelled file.
      if (!entry && uploadId !== undefined) {
        const listed = await journal.list().catch(() => []);
        entry = listed.find((e) => e.bucket === base.bucket && e.key === base.key && e.uploadId === uploadId);
      }
      if (!entry || entry.cancelled) return;
      entry.cancelled = true;
      dirty = true;
      // Not failed(): a journal that cannot be written costs this mark, never the cancel and its cleanup.
      await writeNow();
    },
    async forget(uploadId) {
      clearTimeout(timer);
      timer = undefined;
      dirty = false;
      await writes;
      // A job that resumed a paused upload and was stopped before it wrote anything has no entry of its own: the
      // upload's entry is the one an earlier job wrote, found by the upload's id.
      const upload = entry ?? (uploadId !== undefined ? { ...base, uploadId } : undefined);
      // A removal that fails (the folder gone, the disk full) is not the job's failure: the server's side is what
      // the upload or its cleanup was about, and a stale entry names an upload the server no longer has, which the
      // next run's listing or resume finds gone. Throwing here left a verified cleanup's item 'cancelling' for good.
      if (upload) await journal.remove(upload).catch(() => undefined);
    },
  };
}

/** A finished part as the journal records it. */
export function toJournalPart(p: CompletedPart): JournalPart {
  return { partNumber: p.PartNumber!, etag: p.ETag!, ...(p.ChecksumCRC32 ? { checksumCRC32: p.ChecksumCRC32 } : {}) };
}
