// A failure that every other file to the same place would meet too (a wrong secret, a missing bucket, an untrusted
// certificate: errors.ts stopsBatch) ends the files still queued for that place at once, with the same error, instead
// of trying each one: a folder of 300 files with a wrong secret is one failure to fix, not 300 attempts.
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

/** After `failed` ended with `error`: fails the queued entries bound for the same place, if the error says so. */
export function failQueuedAlike(
  entries: Iterable<Entry>,
  failed: Entry,
  error: UploadError,
  setState: (e: Entry, next: UploadState) => void,
): void {
  if (!stopsBatch(error.code)) return;
  const place = placeOf(failed.target);
  for (const e of entries) {
    if (e !== failed && e.item.state.kind === 'queued' && placeOf(e.target) === place) {
      setState(e, { kind: 'failed', error, cleanup: 'none-needed' });
    }
  }
}
