// The part loop of a multipart upload: its parts go out a few at a time, each retried on its own, and the journal
// records of those that landed are on disk before the loop settles. The upload around it (create, resume,
// complete) stays FileJob's.
import { UploadPartCommand, type CompletedPart, type S3Client } from '@aws-sdk/client-s3';
import type { UploadState } from '../../shared/upload-state';
import { countingFileStream } from './counting-stream';
import { isAbortError, type ErrorContext } from '../s3/errors';
import type { BodyDigest } from './integrity';
import type { Limiter } from '../throttle/part-slots';
import { partRange, type PartPlan } from '../plan/part-plan';
import type { ProgressMeter } from '../queue/progress-meter';
import { withRetries, type RetryHooks } from '../s3/with-retries';
import { toJournalPart } from '../journal/job-journal';
import type { JobFile, JobJournal, JobSettings } from './job-types';

/** What the part loop needs of its FileJob. */
export interface PartsJob {
  file: JobFile;
  client: S3Client;
  limiter: Limiter;
  meter: ProgressMeter;
  settings: JobSettings;
  uploadId: string;
  ctx: ErrorContext;
  journal?: JobJournal;
  /** Parts the server accepted (its answer seen): a resume keeps these without reading the file again. */
  accepted: Map<number, CompletedPart>;
  setState(state: UploadState): void;
  retryHooks(): RetryHooks;
  sendOptions(signal: AbortSignal): { abortSignal: AbortSignal };
  /** Sends a body with the endpoint's integrity check over [start, end) (see FileJob.withDigest). */
  withDigest<T>(start: number, end: number, signal: AbortSignal, send: (digest: BodyDigest) => Promise<T>): Promise<T>;
  /** Rejects with FileChanged when the file's size or modification time is no longer what the upload started from. */
  throwIfChanged(): Promise<void>;
}

/** Sends the parts not yet in done, adding each as it lands; answers every part of the upload, in order. */
export async function sendParts(job: PartsJob, plan: PartPlan, size: number, done: Map<number, CompletedPart>, signal: AbortSignal): Promise<CompletedPart[]> {
  const todo: number[] = [];
  for (let n = 1; n <= plan.partCount; n++) if (!done.has(n)) todo.push(n);
  // Parts share one controller: a permanent failure of one part stops its siblings at once.
  const partsCtl = new AbortController();
  const onAbort = (): void => partsCtl.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  let next = 0;
  // A part's journal record is written while the next part goes out (the server's own list of parts is what a
  // resume trusts; the records only have to land before the upload completes, which flush() below awaits).
  let journalError: unknown;
  const worker = async (): Promise<void> => {
    while (next < todo.length && !partsCtl.signal.aborted) {
      if (journalError) throw journalError;
      const range = partRange(plan, size, todo[next++]!);
      const part = await sendPart(job, range.partNumber, range.start, range.end, partsCtl.signal);
      done.set(range.partNumber, part);
      job.accepted.set(range.partNumber, part);
      job.journal?.partDone(toJournalPart(part)).catch((err: unknown) => (journalError ??= err));
    }
  };
  try {
    const workers = Array.from({ length: Math.min(job.settings.partsPerFile, todo.length) }, () =>
      worker().catch((err) => {
        partsCtl.abort();
        throw err;
      }),
    );
    const results = await Promise.allSettled(workers);
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected' && !isAbortError(r.reason))
      ?? results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
    await job.journal?.flush();
  } finally {
    signal.removeEventListener('abort', onAbort);
    // A pause or a failure settles the job only once its records are on disk: whoever reads the journal next (a
    // resume, the interrupted prompt after a restart) must find every part this run saw land.
    await job.journal?.flush().catch(() => undefined);
  }
  return [...done.values()].sort((a, b) => a.PartNumber! - b.PartNumber!);
}

async function sendPart(job: PartsJob, partNumber: number, start: number, end: number, signal: AbortSignal): Promise<CompletedPart> {
  return withRetries(async () => {
    const release = await job.limiter.acquire(signal);
    try {
      await job.throwIfChanged();
      return await job.withDigest(start, end, signal, async (digest) => {
        let sent = 0;
        let answered = false;
        const body = countingFileStream(job.file.path, start, end, (n) => {
          if (answered) return;
          // The socket took this attempt's first bytes: the endpoint is back, so a row waiting for the network says
          // so at once instead of when the whole part has gone out (seconds later on a slow link).
          if (sent === 0) job.setState({ kind: 'uploading' });
          sent += n;
          job.meter.add(n);
        }, job.settings.limiters);
        try {
          const out = await job.client.send(
            new UploadPartCommand({
              Bucket: job.file.bucket, Key: job.file.key, UploadId: job.uploadId, PartNumber: partNumber,
              Body: body, ContentLength: end - start, ChecksumAlgorithm: digest.ChecksumCRC32 ? 'CRC32' : undefined, ...digest,
            }),
            job.sendOptions(signal),
          );
          job.setState({ kind: 'uploading' });
          // Over TLS the answer can come before the body reported its last chunk: count the part whole now, so that
          // the bytes in flight never fall below what the server confirmed.
          answered = true;
          job.meter.add(end - start - sent);
          job.meter.confirm(end - start);
          // Complete names each part's CRC32 for an upload created with it; a server that does not echo it gets ours.
          return { PartNumber: partNumber, ETag: out.ETag, ChecksumCRC32: out.ChecksumCRC32 ?? digest.ChecksumCRC32 };
        } catch (err) {
          // The server keeps nothing of a failed part, so neither does the progress bar.
          job.meter.takeBack(sent);
          throw err;
        } finally {
          body.destroy();
        }
      });
    } finally {
      release();
    }
  }, job.settings.retry, job.ctx, signal, job.retryHooks());
}
