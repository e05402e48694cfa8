// The sweep of create records (journal/create-record.ts) that a process left: it died while a CreateMultipartUpload
// was out, or before the answer reached the journal, so the server may hold an upload that no journal entry names.
// `hoist resume` and the app's start run it. Each record's key is listed for uploads initiated about the create's time;
// those found are removed, verified, and the record with them. A record whose look is not conclusive stays for the next
// sweep, and the caller says why.
import type { Endpoint } from '../../shared/target';
import { ownedByAnotherLiveProcess, ownedByThisProcess, type Journal } from '../journal/journal-store';
import type { CreateRecord } from '../journal/create-record';
import { createWindowClosed, createWindowEnd, settleCreate, type CreateSettled } from '../job/unnamed-uploads';
import { sameEndpointServer } from '../../shared/endpoint-identity';
import { hostname } from 'node:os';
import { describeEndpoint } from '../s3/errors';
import type { ClientPool } from '../s3/s3-client';

/**
 * What the sweep made of a record (CreateSettled), or 'kept', not looked at: 'unreachable', the caller has no way to
 * reach its endpoint now; 'busy', a running process is creating an upload of the same key, which a look would take
 * for the record's.
 */
export type CreateSweep =
  (CreateSettled & { record: CreateRecord }) | { kind: 'kept'; record: CreateRecord; why: 'unreachable' | 'busy' };

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
  const all = await journal.creates();
  // A running process's records (this one's among them: a create of its own under way) are its jobs' to clear.
  const live = all.filter((r) => ownedByAnotherLiveProcess(r) || ownedByThisProcess(r));
  const records = all.filter((r) => !live.includes(r));
  const results: CreateSweep[] = [];
  for (const record of records) {
    const endpoint = endpointFor(record);
    if (!endpoint) {
      results.push({ kind: 'kept', record, why: 'unreachable' });
      continue;
    }
    if (live.some((r) => sameKey(r, record))) {
      results.push({ kind: 'kept', record, why: 'busy' });
      continue;
    }
    const result = await sweepOne(record, endpoint, clients, cleanupAttempts, journal);
    // A record that cannot be removed is swept again next time, and finds nothing then.
    if (result.kind === 'removed' || result.kind === 'none-made')
      await journal.removeCreate(record).catch(() => undefined);
    results.push(result);
  }
  return results;
}

function sameKey(a: CreateRecord, b: CreateRecord): boolean {
  return a.bucket === b.bucket && a.key === b.key && sameEndpointServer(a.endpointUrl ?? '', b.endpointUrl ?? '');
}

async function sweepOne(
  record: CreateRecord,
  endpoint: Endpoint,
  clients: ClientPool,
  cleanupAttempts: number,
  journal: Journal,
): Promise<CreateSweep> {
  const last = record.lastSentAt ?? record.sentAt;
  // Another machine's process (a shared state folder) cannot be asked whether it still runs: while its create could
  // still be making an upload, an upload of the key may be its own, not yet in its entry.
  if (record.owner && record.owner.host !== hostname() && !createWindowClosed(last))
    return { kind: 'too-soon', until: createWindowEnd(last), record };
  const job = {
    file: { bucket: record.bucket, key: record.key },
    cleanupAttempts,
    endpoint: describeEndpoint(endpoint.endpointUrl, endpoint.region),
  };
  try {
    // Read now, not once for the whole sweep: an upload an entry names is its own (a resume continues or discards
    // it), and an entry may have been written since the sweep began.
    const named = new Set((await journal.list()).map((e) => e.uploadId));
    return { ...(await settleCreate(clients.get(endpoint), job, record, named)), record };
  } catch (err) {
    // A client that cannot be made (a profile's credentials that fail to load) is a failed look, not a crash.
    return { kind: 'unconfirmed', record, detail: err instanceof Error ? err.message : String(err) };
  }
}
