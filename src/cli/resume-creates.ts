// `hoist resume`'s first step: the creates whose answer never reached the journal (a hoist killed while its
// CreateMultipartUpload was out, or one whose answer was lost). No entry names the uploads they may have made, so the
// engine's sweep looks for each key's uploads of the create's time and removes them, verified
// (engine/queue/create-sweep.ts). Each record gets a line saying what became of it.
import { describeEndpoint, type CreateRecord, type CreateSweep, type JournalEntry, type UploadEngine } from '../engine';
import { endpointServer, sameEndpointServer } from '../shared/endpoint-identity';
import type { Endpoint } from '../shared/target';
import { safeText } from './format';
import type { CliIo } from './report';
import { endpointUrlFor, resumeHint, targetFor, type ResumePlan } from './resume-options';
import { formatS3Url } from './s3-url';
import { shellQuote } from './state-dir';
import { placeFlags } from './left-behind';
import { withoutCredentials } from './endpoint-options';

/**
 * Sweeps the create records and says what became of each. `resumed` are the journal's uploads this run resumes.
 * Answers how many records there were and whether every one was settled: one left for a later run (not confirmed,
 * too soon to tell, or not reached) makes the run's outcome a failure.
 */
export async function sweepLeftCreates(
  engine: Pick<UploadEngine, 'sweepCreates'>,
  plan: ResumePlan,
  resumed: JournalEntry[],
  io: CliIo,
): Promise<{ swept: number; settled: boolean }> {
  const movedFrom = plan.fromEndpoint ?? onlyRecordedServer(resumed);
  const results = await engine.sweepCreates((record) => sweepEndpoint(record, plan, movedFrom));
  for (const result of results) io.stderr.write(`${safeText(sweepLine(result, plan, resumed))}\n`);
  return { swept: results.length, settled: results.every((r) => r.kind === 'removed' || r.kind === 'none-made') };
}

/** The one endpoint the resumed uploads were recorded at, if they share one: where --endpoint-url moves them from. */
function onlyRecordedServer(resumed: JournalEntry[]): string | undefined {
  const servers = new Set(resumed.map((e) => endpointServer(e.endpointUrl ?? '')));
  return servers.size === 1 ? (resumed[0]!.endpointUrl ?? '') : undefined;
}

/**
 * Where a record's create went, with the credentials this run uses. --endpoint-url takes a record there only when it
 * names the record's own server, or when the record was made on the server the run's uploads move from (movedFrom):
 * on any other server, an upload of the key made about the same time would be someone else's.
 */
function sweepEndpoint(record: CreateRecord, plan: ResumePlan, movedFrom: string | undefined): Endpoint | undefined {
  const to = plan.override.endpointUrl;
  const recorded = record.endpointUrl ?? '';
  if (to !== undefined && !sameEndpointServer(recorded, to)) {
    if (movedFrom === undefined || !sameEndpointServer(recorded, movedFrom)) return undefined;
  }
  const { endpointUrl, region, forcePathStyle, checksum, credentials, caBundle, awsProfile } = targetFor(
    record,
    plan.override,
  );
  return {
    endpointUrl,
    region,
    forcePathStyle,
    checksum,
    credentials,
    ...(caBundle ? { caBundle } : {}),
    ...(awsProfile ? { awsProfile } : {}),
  };
}

function sweepLine(result: CreateSweep, plan: ResumePlan, resumed: JournalEntry[]): string {
  const { record } = result;
  const reached = result.kind !== 'kept' || result.why === 'busy';
  const endpoint = reached
    ? describeEndpoint(endpointUrlFor(record, plan.override), plan.override.region ?? record.region)
    : describeEndpoint(withoutCredentials(record.endpointUrl), record.region);
  const unanswered = `hoist: "${record.path}": a CreateMultipartUpload of ${record.key} on ${endpoint} got no answer that reached the journal (hoist stopped, or the answer was lost)`;
  const sameFile = resumed.some((e) => e.bucket === record.bucket && e.key === record.key && e.path === record.path);
  const after = sameFile
    ? 'Its upload is resumed below.'
    : 'If the file is not at its key, send it again with hoist cp.';
  const hint = resumeHint(plan);
  switch (result.kind) {
    case 'removed':
      return `${unanswered}; the upload it made was removed (verified). ${after}`;
    case 'none-made':
      return sameFile
        ? `${unanswered}; no upload it made is left on the server but the one resumed below.`
        : `${unanswered}; no upload it made is left on the server. ${after}`;
    case 'too-soon': {
      const found =
        result.removed === 0
          ? 'the server lists none yet'
          : `the ${result.removed === 1 ? 'upload' : `${result.removed} uploads`} it made that the server lists were removed (verified)`;
      return (
        `${unanswered}; ${found}, but it could still make another until ` +
        `${new Date(result.until).toLocaleTimeString()}. Run \`${hint}\` again after that, so that nothing is left. ${after}`
      );
    }
    case 'unconfirmed':
      return (
        `${unanswered}, and whether it left an upload could not be confirmed (${result.detail}). ` +
        `Kept for the next \`${hint}\`; to look yourself: ${incompleteLs(record, plan)}`
      );
    case 'kept':
      return result.why === 'busy'
        ? `${unanswered}; a create of the same key may still be under way there (a running hoist's, or another machine's), so it is left for a later \`${hint}\`.`
        : `${unanswered}; this run's --endpoint-url names another server, so it is left as it is. Run hoist resume ` +
            `without --endpoint-url to look for it on ${endpoint}; if that server is gone for good, remove ` +
            `"${result.file}" to forget it.`;
  }
}

function incompleteLs(record: CreateRecord, plan: ResumePlan): string {
  return [
    'hoist incomplete ls',
    shellQuote(formatS3Url(record.bucket, record.key)),
    ...placeFlags({
      endpoint: {
        endpointUrl: endpointUrlFor(record, plan.override),
        region: plan.override.region ?? record.region,
        pathStyle: plan.override.pathStyle ?? record.forcePathStyle,
        ...(plan.override.caBundle ? { caBundle: plan.override.caBundle } : {}),
        ...(plan.override.awsProfile ? { awsProfile: plan.override.awsProfile } : {}),
      },
      stateDir: plan.stateDir,
    }),
  ].join(' ');
}
