// Connects one file's upload to the journal: keeps that upload's entry current as parts land, and removes it once
// the upload is complete or verified gone.
import type { JobJournal } from './file-job';
import type { Journal, JournalEntry } from './journal';

export type EntryBase = Pick<JournalEntry, 'path' | 'endpointUrl' | 'region' | 'forcePathStyle' | 'checksum' | 'profileId' | 'bucket' | 'key'>;

export function jobJournal(journal: Journal, base: EntryBase, restored?: JournalEntry): JobJournal {
  let entry: JournalEntry | undefined = restored;
  return {
    async started(uploadId, partSize, parts, file) {
      // Starting over under a new UploadId retires the old entry.
      if (entry && entry.uploadId !== uploadId) await journal.remove(entry);
      entry = { ...base, version: 1, uploadId, partSize, parts: [...parts], size: file.size, mtimeMs: file.mtimeMs, startedAt: entry?.startedAt ?? Date.now() };
      await journal.write(entry);
    },
    async partDone(part) {
      if (!entry) return;
      entry.parts.push(part);
      await journal.write(entry);
    },
    async forget() {
      if (entry) await journal.remove(entry);
    },
  };
}
