// `hoist incomplete ls|abort`: the multipart uploads left unfinished in a bucket, by Hoist or anyone else. ls shows
// what they hold so far; abort removes the ones asked for and checks, for each, that the server no longer lists it.
import { classify, describeEndpoint, HoistError, stopsBatch } from '../engine';
import { UnverifiedEmptyListing } from '../engine';
import { createEngine, type IncompleteUpload, type UploadEngineApi } from '../engine';
import { EXIT_FAILED, EXIT_OK } from './cp-command';
import { wantsHelp } from './cp-options';
import { formatBytes, jsonLine, padEnd, plural, pronoun, safeText } from './format';
import { INCOMPLETE_HELP } from './help';
import { resolveIncomplete, selects, type IncompletePlan } from './incomplete-options';
import type { CliIo, Output } from './report';
import { regionNotices } from './region-notice';
import { formatS3Url } from './s3-url';
import { cliWording } from './wording';

export async function runIncomplete(argv: string[], io: CliIo): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout.write(INCOMPLETE_HELP);
    return EXIT_OK;
  }
  const plan = resolveIncomplete(argv, io.env);
  const engine = createEngine({
    stateDir: plan.stateDir.dir,
    onRegionCorrected: regionNotices(io.stderr, false).onRegionCorrected,
  });
  try {
    const uploads = await listOrExplain(engine, plan);
    return plan.action === 'ls' ? list(uploads, plan, io) : await abort(engine, uploads, plan, io);
  } finally {
    await engine.close();
  }
}

async function listOrExplain(engine: UploadEngineApi, plan: IncompletePlan): Promise<IncompleteUpload[]> {
  try {
    return await engine.listIncomplete(plan.endpoint, plan.bucket, plan.prefix);
  } catch (err) {
    throw new Error(cliWording(listingError(err, plan)));
  }
}

function list(uploads: IncompleteUpload[], plan: IncompletePlan, io: CliIo): number {
  const where = formatS3Url(plan.bucket, plan.prefix);
  if (plan.json) {
    for (const u of uploads) writeJson(io.stdout, { type: 'incomplete', ...u });
  } else if (uploads.length > 0) {
    io.stdout.write(table(uploads));
  }
  if (uploads.length === 0) {
    say(io.stderr, `No incomplete uploads in ${where}.`);
  } else if (!plan.json) {
    const bytes = uploads.reduce((sum, u) => sum + u.bytes, 0);
    say(
      io.stderr,
      `${plural(uploads.length, 'incomplete upload')} in ${where}, holding ${formatBytes(bytes)} of parts. Remove ${pronoun(uploads.length, 'it', 'them')} with \`hoist incomplete abort\`, or let a lifecycle rule (AbortIncompleteMultipartUpload) do it.`,
    );
  }
  return EXIT_OK;
}

async function abort(
  engine: UploadEngineApi,
  uploads: IncompleteUpload[],
  plan: IncompletePlan,
  io: CliIo,
): Promise<number> {
  const now = Date.now();
  const chosen = uploads.filter((u) => selects(plan.selection!, u, now));
  const where = formatS3Url(plan.bucket, plan.prefix);
  if (chosen.length === 0) {
    const sel = plan.selection!;
    if (sel.kind === 'upload-id') {
      say(
        io.stderr,
        `hoist: no incomplete upload with ID ${sel.uploadId} in ${where}. List them with \`hoist incomplete ls ${where}\`.`,
      );
      return EXIT_FAILED;
    }
    say(io.stderr, `No incomplete uploads ${sel.kind === 'older-than' ? `older than ${sel.text} ` : ''}in ${where}.`);
    return EXIT_OK;
  }
  let failed = 0;
  // One at a time, so that each line comes out as soon as its upload is known gone (or not).
  for (const u of chosen) {
    const [r] = await engine.abortIncomplete(plan.endpoint, plan.bucket, [{ key: u.key, uploadId: u.uploadId }]);
    const verified = r?.verified === true;
    if (!verified) failed++;
    const reason = r?.error ?? 'no answer';
    if (plan.json) {
      writeJson(io.stdout, {
        type: 'aborted',
        key: u.key,
        uploadId: u.uploadId,
        cleanup: verified ? 'verified' : 'failed',
        ...(verified ? {} : { error: reason }),
      });
    } else if (verified) {
      say(io.stdout, `aborted  ${u.key}  (upload ID ${u.uploadId}, ${formatBytes(u.bytes)}), verified`);
    }
    if (!verified)
      say(
        io.stderr,
        `hoist: could not confirm that the upload of ${u.key} (upload ID ${u.uploadId}) is gone from bucket "${plan.bucket}" (${reason}). Run the abort again.`,
      );
  }
  if (!plan.json) {
    const ok = chosen.length - failed;
    say(
      io.stderr,
      `Aborted ${plural(ok, 'incomplete upload')}${failed ? `; ${failed} could NOT be verified` : `, ${pronoun(ok, 'verified', 'each verified')} gone`}.`,
    );
  }
  return failed === 0 ? EXIT_OK : EXIT_FAILED;
}

/** KEY, INITIATED, PARTS, SIZE, HOIST (started by Hoist on this machine), UPLOAD ID: IDs last, as they can be long. */
function table(uploads: IncompleteUpload[]): string {
  const rows = [
    ['KEY', 'INITIATED', 'PARTS', 'SIZE', 'HOIST', 'UPLOAD ID'],
    // Escaped before the widths are measured, so that the columns line up with what is shown.
    ...uploads.map((u) =>
      [
        u.key,
        u.initiated.replace(/\.\d+Z$/, 'Z'),
        String(u.parts),
        formatBytes(u.bytes),
        u.startedByHoist ? 'yes' : 'no',
        u.uploadId,
      ].map(safeText),
    ),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...r[c]!].length)));
  const right = new Set([2, 3]);
  return (
    rows
      .map((r) =>
        r
          .map((cell, c) => {
            if (c === r.length - 1) return cell;
            return right.has(c) ? cell.padStart(widths[c]!) : padEnd(cell, widths[c]!);
          })
          .join('  '),
      )
      .join('\n') + '\n'
  );
}

function writeJson(out: Output, record: Record<string, unknown>): void {
  out.write(jsonLine(record));
}

/** A line for people: keys, upload IDs and the server's words come from outside, so their controls are escaped. */
function say(out: Output, line: string): void {
  out.write(`${safeText(line)}\n`);
}

/** One line for a listing that failed: the bucket and the server named, and what to check. */
function listingError(err: unknown, plan: IncompletePlan): string {
  const server = describeEndpoint(plan.endpoint.endpointUrl, plan.endpoint.region);
  if (err instanceof UnverifiedEmptyListing) {
    return `${server} listed no incomplete uploads under "${err.prefix}" in bucket "${plan.bucket}", and listing the whole bucket to make sure failed (${err.reason}), so Hoist cannot tell whether there are any. Try again; the credentials may need s3:ListBucketMultipartUploads on the whole bucket.`;
  }
  if (err instanceof HoistError) return err.message;
  const e = (err ?? {}) as {
    name?: string;
    code?: string;
    message?: string;
    cause?: { code?: string };
    $metadata?: { httpStatusCode?: number };
  };
  const code = e.code ?? e.cause?.code ?? e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  if (code === 'NoSuchBucket') return `Bucket "${plan.bucket}" does not exist at ${server}. Check the bucket name.`;
  if (/^(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ETIMEDOUT|TimeoutError)$/.test(code))
    return `Cannot reach ${server} (${code}). Check the endpoint URL and your network.`;
  const c = classify(err, { file: '', key: '', bucket: plan.bucket, endpoint: server });
  if (c.code === 'AccessDenied')
    return `Access denied listing the multipart uploads of bucket "${plan.bucket}" at ${server}. The credentials need s3:ListBucketMultipartUploads.`;
  // The engine's words where they do not depend on a file: credentials, bucket name, region, TLS.
  if (stopsBatch(c.code) || c.code.startsWith('Tls') || (c.code === 'NotFound' && status === 404)) return c.message;
  const text = (e.message ?? '').split('\n')[0]!;
  const said = text && text !== code && text !== 'UnknownError' ? `: ${text}` : '';
  return `Listing the multipart uploads of bucket "${plan.bucket}" at ${server} failed: ${code}${status ? ` (HTTP ${status})` : ''}${said}`;
}
