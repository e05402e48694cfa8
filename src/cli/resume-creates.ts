// `hoist resume`'s first step: the multipart uploads a killed hoist was creating when it died. Nothing names them in
// the journal (the create's answer never reached it), so the engine's sweep looks for each key's uploads of the
// create's time and removes them, verified (engine/queue/create-sweep.ts). Each record gets a line saying what became
// of it; the file itself was never sent, so the line says to send it again.
import { describeEndpoint, type CreateRecord, type CreateSweep, type UploadEngine } from '../engine';
import { sameEndpointServer } from '../shared/endpoint-identity';
import type { Endpoint } from '../shared/target';
import { safeText } from './format';
import type { CliIo } from './report';
import { endpointUrlFor, resumeHint, targetFor, type ResumePlan } from './resume-options';
import { formatS3Url } from './s3-url';
import { withoutCredentials } from './endpoint-options';
import { shellQuote } from './state-dir';
import { placeFlags } from './left-behind';

/**
 * Sweeps the create records and says what became of each. Answers how many there were and whether every one was
 * settled: a record left for a later run (not confirmed, or too soon to tell) makes the run's outcome a failure.
 */
export async function sweepLeftCreates(
  engine: Pick<UploadEngine, 'sweepCreates'>,
  plan: ResumePlan,
  io: CliIo,
): Promise<{ swept: number; settled: boolean }> {
  const results = await engine.sweepCreates((record) => sweepEndpoint(record, plan));
  for (const result of results) io.stderr.write(`${safeText(sweepLine(result, plan))}\n`);
  return { swept: results.length, settled: results.every((r) => r.kind === 'removed' || r.kind === 'none-made') };
}

/**
 * Where a record's create went, with the credentials this run uses: --endpoint-url where given (as for the journal's
 * uploads: the server moved, or is reached another way now). Undefined for a record left to another run by
 * --from-endpoint.
 */
function sweepEndpoint(record: CreateRecord, plan: ResumePlan): Endpoint | undefined {
  if (plan.fromEndpoint !== undefined && !sameEndpointServer(record.endpointUrl ?? '', plan.fromEndpoint))
    return undefined;
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

function sweepLine(result: CreateSweep, plan: ResumePlan): string {
  const { record } = result;
  const endpoint = describeEndpoint(endpointUrlFor(record, plan.override), plan.override.region ?? record.region);
  const stopped = `hoist: "${record.path}": hoist stopped while it was creating the file's multipart upload on ${endpoint}`;
  const again = `The file was not uploaded: send it again with hoist cp.`;
  const hint = resumeHint(plan);
  switch (result.kind) {
    case 'removed':
      return `${stopped}; the upload that create made of ${record.key} was removed (verified). ${again}`;
    case 'none-made':
      return `${stopped}; the server holds no upload of ${record.key}, so nothing was left there. ${again}`;
    case 'too-soon':
      return (
        `${stopped}; the server lists no upload of ${record.key} yet, but could still make one until ` +
        `${new Date(result.until).toLocaleTimeString()}. Run \`${hint}\` again after that, so that nothing is left. ${again}`
      );
    case 'unconfirmed': {
      const ls = [
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
      return (
        `${stopped}, and whether that create left an upload of ${record.key} could not be confirmed (${result.detail}). ` +
        `Kept for the next \`${hint}\`; to look yourself: ${ls}`
      );
    }
    case 'kept':
      return (
        `hoist: "${record.path}": hoist stopped while it was creating the file's multipart upload on ` +
        `${describeEndpoint(withoutCredentials(record.endpointUrl), record.region)}; this run resumes only the uploads ` +
        `of --from-endpoint, so run hoist resume for that endpoint too to look there for an upload it may have left.`
      );
  }
}
