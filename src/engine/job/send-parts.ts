// The part loop of a multipart upload: its parts go out a few at a time, each retried on its own, and the journal
// records of those that landed are on disk before the loop settles. The upload around it (create, resume, complete)
// stays FileJob's. The loop gets plain data and the few collaborators it sends through; it keeps its own parts and
// never calls back into the job, which reads `landed` when it needs to (a pause's resume point).
import type { CompletedPart } from '@aws-sdk/client-s3';
import type { DataPath } from '../s3/lean/data-path';
import { resendOnClockFix } from '../s3/lean/clock';
import { isTrailerSuspect, resendWithoutTrailer } from '../s3/lean/trailer-support';
import { LinkPace } from './chunk-size';
import { countingFileStream } from './counting-stream';
import { isAbortError, type ErrorContext } from '../s3/errors';
import { throwIfChanged, type FileStamp } from './file-stamp';
import { bodyDigest, type BodyDigest, type Integrity } from './integrity';
import type { Limiter } from '../throttle/part-slots';
import { partRange, type PartPlan } from '../plan/part-plan';
import type { ProgressMeter } from '../queue/progress-meter';
import type { RequestGroup } from '../s3/request-group';
import type { RateLimiter } from '../throttle/speed-limit';
import { reportRetries, type StateReport } from './state-report';
import { withRetries, type RetryPolicy } from '../s3/with-retries';
import { toJournalPart } from '../journal/job-journal';
import type { JobFile, JobJournal } from './job-types';

/** The upload whose parts go out, and how: plain data. */
export interface PartsUpload {
  file: JobFile;
  uploadId: string;
  plan: PartPlan;
  size: number;
  /** The file as the upload started from: no part is sent once it differs. */
  stamp: FileStamp;
  /** A part's check follows its upload: CRC32 for one created with it (the server then requires it), else MD5 or none. */
  integrity: Integrity;
  partsPerFile: number;
  retry: RetryPolicy;
  /** Speed limits every byte must pass (the engine's and the target's). */
  limiters: RateLimiter[];
  ctx: ErrorContext;
}

/** Whom the loop works with. */
export interface PartsCrew {
  /** Sends each part (UploadPart on the run's data path). */
  data: DataPath;
  /** The run's requests: each part's request joins it, so that a stop resets its socket (request-group.ts). */
  requests: RequestGroup;
  /** The engine-wide cap on parts in flight. */
  limiter: Limiter;
  meter: ProgressMeter;
  journal?: JobJournal;
  /** The item's state: 'uploading' once an attempt's bytes go out, 'retrying' before each wait. */
  report: StateReport;
}

export class PartLoop {
  /** Parts whose acceptance this loop saw (the server's answer came): what a later resume may trust unread. */
  readonly landed = new Map<number, CompletedPart>();
  /** What the parts have shown of the link so far: a later part starts in the chunks the earlier ones moved to. */
  private readonly pace = new LinkPace();

  constructor(
    private readonly upload: PartsUpload,
    private readonly crew: PartsCrew,
  ) {}

  /** Sends the parts not in kept (those a resume found on the server); answers every part of the upload, in order. */
  async send(kept: ReadonlyMap<number, CompletedPart>, signal: AbortSignal): Promise<CompletedPart[]> {
    const { plan, size } = this.upload;
    const { journal } = this.crew;
    const done = new Map(kept);
    const todo: number[] = [];
    for (let n = 1; n <= plan.partCount; n++) if (!done.has(n)) todo.push(n);
    // Parts share one controller: a permanent failure of one part stops its siblings at once.
    const partsCtl = new AbortController();
    const onAbort = (): void => partsCtl.abort();
    // A signal aborted already fires no event: its parts must not go out all the same.
    if (signal.aborted) partsCtl.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    let next = 0;
    // A part's journal record is written while the next part goes out (the server's own list of parts is what a
    // resume trusts; the records only have to land before the upload completes, which flush() below awaits).
    let journalError: unknown;
    const worker = async (): Promise<void> => {
      while (next < todo.length && !partsCtl.signal.aborted) {
        if (journalError) throw journalError;
        const range = partRange(plan, size, todo[next++]!);
        const part = await this.sendPart(range.partNumber, range.start, range.end, partsCtl.signal);
        done.set(range.partNumber, part);
        this.landed.set(range.partNumber, part);
        journal?.partDone(toJournalPart(part)).catch((err: unknown) => (journalError ??= err));
      }
    };
    try {
      const workers = Array.from({ length: Math.min(this.upload.partsPerFile, todo.length) }, () =>
        worker().catch((err) => {
          // The other parts stop at once, with a reset as for a cancel (request-group.ts): the cleanup that follows
          // aborts the upload and checks it is gone, and a part that went on sending what its socket buffers held
          // could land after that check. Aborting the signal alone would close them politely.
          this.crew.requests.resetAll();
          partsCtl.abort();
          throw err;
        }),
      );
      const results = await Promise.allSettled(workers);
      const failure =
        results.find((r): r is PromiseRejectedResult => r.status === 'rejected' && !isAbortError(r.reason)) ??
        results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failure) throw failure.reason;
      await journal?.flush();
    } finally {
      signal.removeEventListener('abort', onAbort);
      // A pause or a failure settles the job only once its records are on disk: whoever reads the journal next (a
      // resume, the interrupted prompt after a restart) must find every part this run saw land.
      await journal?.flush().catch(() => undefined);
    }
    return [...done.values()].sort((a, b) => a.PartNumber! - b.PartNumber!);
  }

  private async sendPart(partNumber: number, start: number, end: number, signal: AbortSignal): Promise<CompletedPart> {
    const { file, stamp, integrity, retry, ctx } = this.upload;
    const { data, limiter, report } = this.crew;
    // After a trailer attempt failed in a way the endpoint's state does not explain (trailer-support.ts), this part's
    // later attempts carry the header.
    let headerOnly = false;
    return withRetries(
      async () => {
        const release = await limiter.acquire(signal);
        try {
          await throwIfChanged(file.path, stamp);
          // Sent again at once with the CRC32 header when the endpoint turns out not to take it as a trailer.
          return await resendWithoutTrailer(async () => {
            // A CRC32 the lean path can compute while sending (a trailer) needs no read of the part beforehand.
            const trailer = !headerOnly && integrity === 'crc32' && end > start && data.sendsCrc32Trailer?.() === true;
            const digest = end > start && !trailer ? await bodyDigest(integrity, file.path, start, end, signal) : {};
            try {
              return await resendOnClockFix(() => this.attempt(partNumber, start, end, digest, trailer, signal));
            } catch (err) {
              if (trailer && isTrailerSuspect(err)) headerOnly = true;
              throw err;
            }
          });
        } finally {
          release();
        }
      },
      retry,
      ctx,
      signal,
      reportRetries(report),
    );
  }

  /** One attempt at a part, with a fresh body: its bytes counted as the socket takes them, taken back if it fails. */
  private async attempt(
    partNumber: number,
    start: number,
    end: number,
    digest: BodyDigest,
    crc32Trailer: boolean,
    signal: AbortSignal,
  ): Promise<CompletedPart> {
    const { file, uploadId, limiters } = this.upload;
    const { data, requests, meter, report } = this.crew;
    const bytes = meter.request();
    const body = countingFileStream(
      file.path,
      start,
      end,
      (n) => {
        // The socket took this attempt's first bytes: the endpoint is back, so a row waiting for the network
        // says so at once instead of when the whole part has gone out (seconds later on a slow link).
        if (bytes.add(n)) report({ kind: 'uploading' });
      },
      limiters,
      this.pace,
    );
    try {
      const out = await data.uploadPart(
        {
          bucket: file.bucket,
          key: file.key,
          uploadId,
          partNumber,
          body,
          contentLength: end - start,
          digest,
          ...(crc32Trailer ? { crc32Trailer } : {}),
        },
        requests.sendOptions(signal),
      );
      report({ kind: 'uploading' });
      bytes.confirm(end - start);
      // Complete names each part's CRC32 for an upload created with it; a server that does not echo it gets ours.
      return { PartNumber: partNumber, ETag: out.ETag, ChecksumCRC32: out.ChecksumCRC32 ?? digest.ChecksumCRC32 };
    } catch (err) {
      // The server keeps nothing of a failed part, so neither does the progress bar.
      bytes.takeBack();
      throw err;
    } finally {
      body.destroy();
    }
  }
}
