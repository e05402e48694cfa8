// The app's sweep of create records at its start (engine/queue/create-sweep.ts): a Hoist killed while it was creating
// a multipart upload may have left one on the server that nothing names. Each record reaches its server through its
// profile (as an interrupted upload's resume does); what became of it is told in a notice, since the file itself was
// never uploaded and is in no list. A look that came too soon to tell is made again once the create's time is past; a
// record no profile reaches now is told too, with the file to delete once the user has looked by other means.
import { describeEndpoint, type BucketToolsApi, type CreateRecord, type CreateSweep } from '../../engine';
import type { Endpoint } from '../../shared/target';
import { basename } from 'node:path';
import type { NoticeCenter } from '../notices';

/** The longest wait for a second sweep: a record's window is about three minutes from its create. */
const SECOND_LOOK_MAX_MS = 10 * 60_000;

export async function sweepCreatesAtStart(
  engine: Pick<BucketToolsApi, 'sweepCreates'>,
  endpointFor: (record: CreateRecord) => Endpoint | undefined,
  notices: Pick<NoticeCenter, 'add'>,
  /** Records already told this session, by what became of them: the second look sweeps every record again. */
  told = new Set<string>(),
): Promise<void> {
  let results: CreateSweep[];
  try {
    results = await engine.sweepCreates(endpointFor);
  } catch {
    // The journal folder unreadable: its own problem is told where uploads are resumed; nothing to sweep here.
    return;
  }
  for (const result of results) {
    const said = `${result.kind}\n${result.file}`;
    if (told.has(said)) continue;
    if (tell(result, notices)) told.add(said);
  }
  const later = results.flatMap((r) => (r.kind === 'too-soon' ? [r.until] : []));
  if (later.length > 0) {
    const wait = Math.min(Math.max(...later) - Date.now() + 1000, SECOND_LOOK_MAX_MS);
    setTimeout(() => void sweepCreatesAtStart(engine, endpointFor, notices, told), Math.max(wait, 0)).unref?.();
  }
}

/** Adds the notice for what became of the record, if it is worth one; true if it did. */
function tell(result: CreateSweep, notices: Pick<NoticeCenter, 'add'>): boolean {
  const { record } = result;
  const params = {
    file: basename(record.path.replace(/\\/g, '/')),
    bucket: record.bucket,
    key: record.key,
    endpoint: describeEndpoint(record.endpointUrl, record.region),
  };
  if (result.kind === 'removed' || result.kind === 'none-made') notices.add('create-settled', 'info', params);
  else if (result.kind === 'unconfirmed')
    notices.add('create-unconfirmed', 'warning', { ...params, detail: result.detail });
  // Told at every start until a profile reaches its server again or the user deletes the record: left quiet, a
  // removed profile would keep the record, and perhaps an upload on the server, out of sight for good.
  else if (result.kind === 'kept' && result.why === 'unreachable')
    notices.add('create-unchecked', 'warning', { ...params, record: result.file });
  // 'kept' as busy (another process is creating that key) and 'too-soon' (looked at again) stay quiet: nothing is
  // known yet.
  else return false;
  return true;
}
