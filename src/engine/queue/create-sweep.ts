// The sweep of create records (journal/create-record.ts) that a process left: it died while a CreateMultipartUpload
// was out, or before the answer reached the journal, so the server may hold an upload that no journal entry names.
// `hoist resume` and the app's start run it. Each record's key is listed for uploads initiated about the create's time;
// those found are removed, verified, and the record with them. A record whose look is not conclusive stays for the next
// sweep, and the caller says why.
import type { Endpoint } from '../../shared/target';
import { createUnderWay, type Journal } from '../journal/journal-store';
import { sameCreateKey, type CreateRecord } from '../journal/create-record';
import { createWindowClosed, settleCreate, type CreateSettled } from '../job/unnamed-uploads';
import { describeEndpoint } from '../s3/errors';
import type { ClientPool } from '../s3/s3-client';

/**
 * What the sweep made of a record (CreateSettled), or 'kept', not looked at: 'unreachable', the caller has no way to
 * reach its endpoint now; 'busy', a create of the same key may be under way (a running process's, or another
 * machine's), whose upload a look would take for the record's.
 */
type CreateOutcome = CreateSettled | { kind: 'kept'; why: 'unreachable' | 'busy' };
export type CreateSweep = CreateOutcome & {
  record: CreateRecord;
  /** The record's own file: what tells one record from another, and what a user who has checked the bucket by other
   *  means may delete to forget it. */
  file: string;
};

/**
 * Sweeps the journal's create records not owned by a running process (this one included). endpointFor answers where
 * the record's create went, with the credentials to use now, or undefined to leave it be.
 */
export async function sweepCreates(
  journal: Journal,
  clients: ClientPool,
  cleanupAttempts: number,
  endpointFor: (record: CreateRecord) => Endpoint | undefined,
): Promise<CreateSweep[]> {
  const results: CreateSweep[] = [];
  for (const record of (await journal.creates()).filter((r) => !isLive(r))) {
    const found = await sweepOne(record, endpointFor(record), clients, cleanupAttempts, journal);
    // A record that cannot be removed is swept again next time, and finds nothing then.
    if (found.kind === 'removed' || found.kind === 'none-made')
      await journal.removeCreate(record).catch(() => undefined);
    results.push(Object.assign({ record, file: journal.createPath(record) }, found));
  }
  return results;
}

/** A record of a create that may still be under way (createUnderWay): its key is left alone. */
function isLive(r: CreateRecord): boolean {
  return createUnderWay(r, !createWindowClosed(r.lastSentAt ?? r.sentAt));
}

/** What became of one record: kept without a look, or what the look settled. */
async function sweepOne(
  record: CreateRecord,
  endpoint: Endpoint | undefined,
  clients: ClientPool,
  cleanupAttempts: number,
  journal: Journal,
): Promise<CreateOutcome> {
  if (!endpoint) return { kind: 'kept', why: 'unreachable' };
  // Read again before each look: a create of the same key may have begun since, in this process or another.
  if ((await journal.creates()).some((r) => isLive(r) && sameCreateKey(r, record)))
    return { kind: 'kept', why: 'busy' };
  const job = {
    file: { bucket: record.bucket, key: record.key },
    cleanupAttempts,
    endpoint: describeEndpoint(endpoint.endpointUrl, endpoint.region),
  };
  try {
    // An upload an entry names is its own (a resume continues or discards it); a journal that cannot be read whole
    // (namedUploads rejects) is a failed look: nothing is aborted.
    // Asked again before each abort: an entry, or a create of the same key, may have begun since the look began.
    const spareNow = async (id: string) =>
      (await journal.namedUploads()).has(id) ||
      (await journal.creates()).some((r) => isLive(r) && sameCreateKey(r, record));
    return await settleCreate(clients.get(endpoint), job, record, await journal.namedUploads(), spareNow);
  } catch (err) {
    // A client that cannot be made (a profile's credentials that fail to load) is a failed look, not a crash.
    return { kind: 'unconfirmed', detail: err instanceof Error ? err.message : String(err) };
  }
}
