// Uploads a crash, a kill or a quit left unfinished, as the journal holds them: which of them the queue lacks, the
// run an item restored from one starts with, and forgetting them.
import { ownedByAnotherLiveProcess, type Journal, type JournalEntry } from '../journal/journal-store';
import { uploadIdOf, type Entry, type EntryRun } from './entry';
import { endpointServer } from '../../shared/endpoint-identity';
import { describeEndpoint } from '../s3/errors';

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

/**
 * A restored item's run: the journal's multipart upload, which a resume continues from the parts it lists. endpointUrl
 * is where the resume goes; another server than the recorded one is noted (movedFrom), so that an upload it does not
 * list is not started over there.
 */
export function resumableRun(j: JournalEntry, endpointUrl?: string): EntryRun {
  const moved = endpointServer(endpointUrl ?? '') !== endpointServer(j.endpointUrl ?? '');
  return {
    kind: 'resumable',
    from: {
      uploadId: j.uploadId,
      partSize: j.partSize,
      expect: { size: j.size, mtimeMs: j.mtimeMs },
      startedAt: j.startedAt,
      knownParts: j.parts,
      fromJournal: true,
      ...(j.unnamedSince === undefined ? {} : { unnamedSince: j.unnamedSince }),
      // Named by its server alone: an old journal may hold a URL with a user name and password in it.
      ...(moved
        ? { movedFrom: j.endpointUrl ? endpointServer(j.endpointUrl) : describeEndpoint(undefined, j.region) }
        : {}),
    },
  };
}
