// The sweep of create records (journal/create-record.ts) that a process left: it died while a CreateMultipartUpload
// was out, or before the answer reached the journal, so the server may hold an upload that no journal entry names.
// `hoist resume` and the app's start run it. Each record's key is listed for uploads initiated about the create's time;
// those found are removed, verified, and the record with them. A record whose look is not conclusive stays for the next
// sweep, and the caller says why.
import type { Endpoint } from '../../shared/target';
import { ownedByAnotherLiveProcess, ownedByThisProcess, type Journal } from '../journal/journal-store';
import type { CreateRecord } from '../journal/create-record';
import { createWindowClosed, createWindowEnd, removeCreatedUploads } from '../job/unnamed-uploads';
import { describeEndpoint } from '../s3/errors';
import type { ClientPool } from '../s3/s3-client';

export type CreateSweep =
  /** The uploads the create made were removed, verified (count of them). */
  | { kind: 'removed'; record: CreateRecord; count: number }
  /** The create's time is long enough past, and the server lists no upload of the key at all: none was made. */
  | { kind: 'none-made'; record: CreateRecord }
  /** None listed yet, but the server could still be making it until `until` (ms): kept for a later sweep. */
  | { kind: 'too-soon'; record: CreateRecord; until: number }
  /**
   * Not conclusive, kept: the listing or an abort failed, or the key has uploads of other times (a server whose
   * Initiated times are not real ones, such as moto's, or other clients' uploads) that cannot be told from the create's.
   */
  | { kind: 'unconfirmed'; record: CreateRecord; detail: string; uploadIds?: string[] }
  /** Not swept: the caller has no way to reach its endpoint now (no profile, another server named). */
  | { kind: 'kept'; record: CreateRecord };

/**
 * Sweeps the journal's create records not owned by a running process (this one included). endpointFor answers where the record's create
 * went, with the credentials to use now, or undefined to leave it be.
 */
export async function sweepCreates(
  journal: Journal,
  clients: ClientPool,
  cleanupAttempts: number,
  endpointFor: (record: CreateRecord) => Endpoint | undefined,
): Promise<CreateSweep[]> {
  // A running process's records (this one's among them: a create of its own under way) are its jobs' to clear.
  const records = (await journal.creates()).filter((r) => !ownedByAnotherLiveProcess(r) && !ownedByThisProcess(r));
  if (records.length === 0) return [];
  // Uploads an entry names are its own: a resume continues or discards them, never this sweep.
  const named = new Set((await journal.list()).map((e) => e.uploadId));
  const results: CreateSweep[] = [];
  for (const record of records) {
    const endpoint = endpointFor(record);
    if (!endpoint) {
      results.push({ kind: 'kept', record });
      continue;
    }
    const result = await sweepOne(record, endpoint, clients, cleanupAttempts, named);
    // A record that cannot be removed is swept again next time, and finds nothing then.
    if (result.kind === 'removed' || result.kind === 'none-made')
      await journal.removeCreate(record).catch(() => undefined);
    results.push(result);
  }
  return results;
}

async function sweepOne(
  record: CreateRecord,
  endpoint: Endpoint,
  clients: ClientPool,
  cleanupAttempts: number,
  named: ReadonlySet<string>,
): Promise<CreateSweep> {
  // Taken before the look: a look that ends after the window closed proves nothing of an upload made before its end.
  const closed = createWindowClosed(record.sentAt);
  let look;
  try {
    const job = {
      file: { bucket: record.bucket, key: record.key },
      cleanupAttempts,
      endpoint: describeEndpoint(endpoint.endpointUrl, endpoint.region),
    };
    look = await removeCreatedUploads(clients.get(endpoint), job, record.sentAt, named);
  } catch (err) {
    // A client that cannot be made (a profile's credentials that fail to load) is a failed look, not a crash.
    return { kind: 'unconfirmed', record, detail: err instanceof Error ? err.message : String(err) };
  }
  if (look.kind === 'cleanup-failed') return { kind: 'unconfirmed', record, detail: look.message };
  if (look.removed > 0) return { kind: 'removed', record, count: look.removed };
  if (look.others.length > 0) {
    return {
      kind: 'unconfirmed',
      record,
      detail:
        'the server lists uploads of the key from other times, which cannot be told from the one it may have made',
      uploadIds: look.others,
    };
  }
  if (!closed) return { kind: 'too-soon', record, until: createWindowEnd(record.sentAt) };
  return { kind: 'none-made', record };
}
