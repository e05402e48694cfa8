// A failure that every other file to the same place would meet too (a wrong secret, a missing bucket, an untrusted
// certificate: errors.ts stopsBatch) ends the files still queued for that place at once, with the same error, instead
// of trying each one: a folder of 300 files with a wrong secret is one failure to fix, not 300 attempts.
// Only the queued files that hold nothing on the server (run 'idle'), which 'none-needed' describes truly. A queued
// file with an upload there (run 'resumable': a paused upload resumed and waiting for its turn; 'left-behind': a
// failed run's upload that its retry removes first) is left to run: it meets the error itself, and its own failure
// (entry-runner.ts afterStop, or clear before a retry) removes its upload, verified, or says it could not, keeping the
// upload for the next Retry to remove. Failed here, its upload would be forgotten: a Retry starts afresh from 'idle'.
import type { Target } from '../../shared/target';
import type { UploadError, UploadState } from '../../shared/upload-state';
import type { Entry } from './entry';
import { stopsBatch } from '../s3/errors';

/** Files share a fate when they go to the same bucket of the same endpoint with the same credentials. */
function placeOf(t: Target): string {
  return JSON.stringify([
    t.endpointUrl ?? '',
    t.region,
    t.credentials?.accessKeyId ?? null,
    t.credentials?.secretAccessKey ?? null,
    t.caBundle ?? '',
    t.bucket,
  ]);
}

/**
 * After `failed` ended with `error`: fails the queued entries bound for the same place that hold nothing on the
 * server, if the error says so.
 */
export function failQueuedAlike(
  entries: Iterable<Entry>,
  failed: Entry,
  error: UploadError,
  setState: (e: Entry, next: UploadState) => void,
): void {
  if (!stopsBatch(error.code)) return;
  const place = placeOf(failed.target);
  for (const e of entries) {
    if (e !== failed && e.item.state.kind === 'queued' && e.run.kind === 'idle' && placeOf(e.target) === place) {
      setState(e, { kind: 'failed', error, cleanup: 'none-needed' });
    }
  }
}
