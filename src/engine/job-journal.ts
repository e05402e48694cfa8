// Connects one file's upload to the journal: keeps that upload's entry current as parts land, and removes it once
// the upload is complete or verified gone.
import type { JobJournal } from './file-job';
import type { Journal, JournalEntry } from './journal';

export type EntryBase = Pick<JournalEntry, 'path' | 'endpointUrl' | 'region' | 'forcePathStyle' | 'checksum' | 'profileId' | 'bucket' | 'key'>;

export function jobJournal(journal: Journal, base: EntryBase, restored?: JournalEntry): JobJournal {
  let entry: JournalEntry | undefined = restored;
  // Each write rewrites the whole entry and syncs it to disk, so parts are recorded one write at a time: parts that
  // land while a write is under way go out together in the next one, instead of one fsync'd rewrite per part queueing
  // up behind each other (1,280 of them, growing to 100 KB each, for a 10 GiB file).
  let recording: Promise<void> | undefined;
  let lastWrite: Promise<void> = Promise.resolve();
  return {
    async started(uploadId, partSize, parts, file) {
      // Starting over under a new UploadId retires the old entry.
      if (entry && entry.uploadId !== uploadId) await journal.remove(entry);
      entry = { ...base, version: 1, uploadId, partSize, parts: [...parts], size: file.size, mtimeMs: file.mtimeMs, startedAt: entry?.startedAt ?? Date.now() };
      await journal.write(entry);
    },
    partDone(part) {
      if (!entry) return Promise.resolve();
      entry.parts.push(part);
      if (recording) return recording;
      const current = entry;
      const write = lastWrite.then(() => {
        recording = undefined;
        return journal.write(current);
      });
      recording = write;
      lastWrite = write.catch(() => undefined);
      return write;
    },
    async forget() {
      await lastWrite;
      if (entry) await journal.remove(entry);
    },
  };
}
