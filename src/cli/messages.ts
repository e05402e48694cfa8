// The sentences the human-facing reporters print: one line per file state change, error lines, and the summary.
import { formatS3Url } from './s3-url';
import { formatBytes, formatDuration, formatRate, plural, pronoun } from './format';
import type { FileView, InterruptAction, Summary } from './report';

/** The one stderr line for a file that failed or could not be cleaned up; undefined for any other state. */
export function errorLine(v: FileView): string | undefined {
  const s = v.state;
  if (s.kind === 'failed') {
    const left =
      s.cleanup === 'failed'
        ? ` Its partial upload (upload ID ${s.uploadId ?? 'unknown'}) could not be removed from bucket "${v.bucket}"; abort it later or add an AbortIncompleteMultipartUpload lifecycle rule.`
        : '';
    return `hoist: ${s.error.message}${left}`;
  }
  if (s.kind === 'cleanup-failed') {
    // A single PUT cut off with no integrity check: no multipart upload, and the message says what the key may hold.
    if (s.error.text?.key.startsWith('engineError.cleanup.putCut')) return `hoist: ${s.error.message}`;
    // No ID when the CreateMultipartUpload's answer never came: the upload may exist without Hoist knowing its name.
    const id =
      s.uploadId !== undefined
        ? `upload ID ${s.uploadId}`
        : `upload ID unknown; look for it with \`hoist incomplete ls ${formatS3Url(v.bucket, v.key)}\``;
    return `hoist: ${s.error.message} (${id})`;
  }
  return undefined;
}

/**
 * The plain-mode line for a state change, or undefined for the states not worth a line (queued, starting, pausing,
 * cancelling).
 */
export function stateLine(v: FileView): string | undefined {
  const s = v.state;
  const col = (word: string): string => word.padEnd(11);
  switch (s.kind) {
    case 'uploading':
      return `${col('uploading')} ${v.file}  ${formatBytes(v.total)} → ${formatS3Url(v.bucket, v.key)}`;
    case 'retrying':
      return `${col('retrying')} ${v.file}  attempt ${s.attempt + 1} in ${formatDuration(Math.max(0, s.retryAt - Date.now()))}: ${s.reason}`;
    case 'completing':
      return `${col('completing')} ${v.file}`;
    case 'paused':
      return `${col('paused')} ${v.file}  ${formatBytes(v.confirmed)} of ${formatBytes(v.total)} kept on the server`;
    case 'done':
      return `${col('done')} ${v.file}  ${formatBytes(v.total)}`;
    case 'cancelled':
      return `${col('cancelled')} ${v.file}  ${cancelNote(s.cleanup)}`;
    case 'failed':
    case 'cleanup-failed':
      return errorLine(v);
    default:
      return undefined;
  }
}

function cancelNote(cleanup: 'verified' | 'none-needed' | 'object-kept'): string {
  if (cleanup === 'verified') return 'partial upload removed, verified';
  if (cleanup === 'none-needed') return 'nothing had reached the server';
  return 'it had already arrived before the cancel; the object was kept';
}

/** The closing line(s) for people. */
export function summaryLines(s: Summary): string[] {
  const lines: string[] = [];
  if (s.interrupted && s.resumeCommand !== undefined) return [pausedLine(s)];
  if (s.interrupted) {
    const stopped = s.cancelled + s.cleanupFailed;
    const cleanup =
      s.cleanupFailed === 0
        ? 'server cleanup verified'
        : `server cleanup could NOT be verified for ${s.cleanupFailed} (see the upload IDs above)`;
    let line = `Cancelled ${plural(stopped, 'upload')}; ${cleanup}`;
    if (s.done > 0) line += `; ${plural(s.done, 'file')} had already arrived`;
    if (s.failed > 0) line += `; ${s.failed} failed`;
    lines.push(`${line}.`);
    return lines;
  }
  const total = s.files + s.rejected;
  if (s.resumed) {
    // What arrived includes the parts the server already held: the bytes sent now are the news.
    let line = `Resumed ${s.done} of ${plural(total, 'upload')} (${formatBytes(s.bytesDone)}; sent ${formatBytes(s.bytesSent ?? 0)} now, in ${formatDuration(s.elapsedMs)})`;
    if (s.failed + s.cleanupFailed > 0) line += `; ${s.failed + s.cleanupFailed} failed`;
    return [`${line}.`];
  }
  if (total === 0) return ['Nothing to upload: the folders given hold no files.'];
  const rate = s.elapsedMs > 0 ? formatRate((s.bytesDone * 1000) / s.elapsedMs) : '';
  let line = `Uploaded ${s.done} of ${plural(total, 'file')} (${formatBytes(s.bytesDone)} in ${formatDuration(s.elapsedMs)}, ${rate})`;
  const bad = s.failed + s.cleanupFailed + s.rejected;
  if (bad > 0) line += `; ${bad} failed`;
  lines.push(`${line}.`);
  return lines;
}

/** After a Ctrl-C during `hoist resume`: what was kept, and how to continue. */
function pausedLine(s: Summary): string {
  const paused = s.paused ?? 0;
  let line =
    paused > 0
      ? `Paused ${plural(paused, 'upload')}; run \`${s.resumeCommand}\` to continue`
      : 'Stopped; nothing was left to pause';
  if (s.done > 0) line += `; ${plural(s.done, 'file')} had already arrived`;
  if (s.failed > 0) line += `; ${s.failed} failed`;
  return `${line}.`;
}

export function interruptLine(signal: string, active: number, action: InterruptAction = 'cancel'): string {
  const their = pronoun(active, 'its', 'their');
  const what =
    action === 'pause'
      ? `pausing ${plural(active, 'upload')}; ${their} parts stay on the server for \`hoist resume\`… (Ctrl-C again quits now)`
      : `cancelling ${plural(active, 'upload')} and removing ${their} parts… (Ctrl-C again quits now)`;
  return signal === 'SIGINT' ? what.charAt(0).toUpperCase() + what.slice(1) : `${signal}: ${what}`;
}

/** Once per outage, for a file that has been waiting `ms` for an endpoint that cannot be reached. */
export function outageLine(v: FileView, ms: number): string {
  const reason = v.state.kind === 'retrying' ? v.state.reason : '';
  return `${'retrying'.padEnd(11)} ${v.file}  still trying after ${formatDuration(ms)}: ${reason}`;
}
