// Uploads a crash, a kill or a quit left unfinished, as the journal holds them: which of them the queue lacks, the
// run an item restored from one starts with, and forgetting them.
import { ownedByAnotherLiveProcess, type Journal, type JournalEntry } from '../journal/journal-store';
import { uploadIdOf, type Entry, type EntryRun } from './entry';

/** The uploads on the server that entries know of (to tell the journal's entries that are in the queue). */
export function uploadsIn(entries: Iterable<Entry>): Set<string | undefined> {
  return new Set([...entries].map((e) => uploadIdOf(e.run)));
}

/** Journal entries of uploads not among entries. */
export async function interruptedUploads(
  journal: Journal | undefined,
  entries: Iterable<Entry>,
): Promise<JournalEntry[]> {
  if (!journal) return [];
  const inQueue = uploadsIn(entries);
  // Another running process's uploads (a `hoist cp` still sending, the app with paused ones) are not interrupted.
  return (await journal.list()).filter((j) => !inQueue.has(j.uploadId) && !ownedByAnotherLiveProcess(j));
}

/** Drops journal entries without touching the server: for uploads that can no longer be reached or discarded. */
export async function forgetUploads(journal: Journal | undefined, uploadIds: string[]): Promise<void> {
  if (!journal) return;
  const ids = new Set(uploadIds);
  for (const entry of await journal.list()) if (ids.has(entry.uploadId)) await journal.remove(entry);
}

/** A restored item's run: the journal's multipart upload, which a resume continues from the parts it lists. */
export function resumableRun(j: JournalEntry): EntryRun {
  return {
    kind: 'resumable',
    from: {
      uploadId: j.uploadId,
      partSize: j.partSize,
      expect: { size: j.size, mtimeMs: j.mtimeMs },
      startedAt: j.startedAt,
      knownParts: j.parts,
      fromJournal: true,
    },
  };
}
