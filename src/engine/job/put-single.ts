// The single PUT of a file below the multipart threshold: its body goes out counted, with the endpoint's integrity
// check, retried as a whole. The job around it (file-job.ts) owns what the PUT leaves on the server (PutLeft, which
// this updates as the body goes out, so that a cleanup after a cancel knows whether the object may exist) and its
// requests (a stop resets their sockets). A file that changed while it went out has its object removed again. A PUT
// that fails with no integrity check on its body (checksum off) may have left part of the file at the key: its error
// says so.
import { countingFileStream } from './counting-stream';
import { MemoryBody } from './memory-body';
import { bodyNotTaken, classify, hoistError, type ErrorContext } from '../s3/errors';
import { followedBy } from '../s3/error-messages';
import { changedSince, type FileStamp } from './file-stamp';
import { bodyDigest, bufferBodyDigest, type BodyDigest, type IntegrityChoice } from './integrity';
import type { ProgressMeter } from '../queue/progress-meter';
import type { RequestGroup } from '../s3/request-group';
import type { StateReport } from './state-report';
import { putRemains, removeOwnPut, type PutRemains } from './put-cleanup';
import { RequestFailed, withRetries, type RetryHooks } from '../s3/with-retries';
import type { JobConnection, JobFile, JobSettings, PutLeft } from './job-types';
import { resendOnClockFix } from '../s3/lean/clock';

/** The PUT to send: plain data, and the job's record of what it leaves on the server. */
export interface SinglePut {
  file: JobFile;
  size: number;
  /** The file's bytes, read whole beforehand (small-file.ts); undefined: the body streams from the file. */
  data: Buffer | undefined;
  /** The file as the upload started from: an object written from a file that differs since is removed again. */
  stamp: FileStamp | undefined;
  /**
   * The job's LeftOnServer for this PUT: 'whole' once any attempt's body went out completely, 'stored' once answered.
   * Its startedAt (set by the job before the first attempt) is kept: the cleanup looks for what any attempt stored.
   */
  left: PutLeft;
  settings: Pick<JobSettings, 'integrity' | 'limiters' | 'retry'>;
  ctx: ErrorContext;
}

/** Whom the PUT works with. */
export interface PutCrew {
  /** The data path sends the PUT; the control client removes an object written from a file that changed. */
  connection: JobConnection;
  /** The run's requests: the PUT joins them, so that a stop resets its socket (request-group.ts). */
  requests: RequestGroup;
  meter: ProgressMeter;
  /** The item's state: 'uploading' once an attempt's bytes go out, 'completing' at the answer. */
  report: StateReport;
  hooks: RetryHooks;
}

/** Sends the file in one PutObject; answers the object's ETag. */
export async function putSingle(put: SinglePut, crew: PutCrew, signal: AbortSignal): Promise<string> {
  const { file, size, data, left, settings, ctx } = put;
  const { connection, meter, report } = crew;
  const res = await withRetries(
    () =>
      withDigest(settings.integrity, data ?? file.path, size, signal, (digest) =>
        resendOnClockFix(async () => {
          // Nothing makes the server refuse such a body cut short: what it got may be stored (put-cleanup.ts).
          const unchecked = !digest.ChecksumCRC32 && !digest.ContentMD5;
          const bytes = meter.request();
          const taken = (n: number): void => {
            if (unchecked) left.unchecked = true;
            // As for a part (send-parts.ts): a retry's first bytes taken mean the endpoint answers again.
            if (bytes.add(n)) report({ kind: 'uploading' });
            if (bytes.sent === size) left.body = 'whole';
          };
          const body =
            size === 0
              ? Buffer.alloc(0)
              : data && MemoryBody.fits(size, settings.limiters.length > 0)
                ? new MemoryBody(data, taken)
                : countingFileStream(data ?? file.path, 0, size, taken, settings.limiters);
          // What the PUT may have left before this attempt: put back if this one's body is shown not taken.
          const before = left.body;
          if (size === 0) left.body = 'whole';
          try {
            const out = await connection.data.putObject(
              { bucket: file.bucket, key: file.key, body, contentLength: size, digest, fields: file.fields },
              crew.requests.sendOptions(signal),
            );
            bytes.confirm(size);
            report({ kind: 'completing' });
            return out;
          } catch (err) {
            bytes.takeBack();
            // left.body stays 'whole' where this attempt's body may have been stored although its answer never came:
            // a cancel or failure later must still look for it (put-cleanup.ts). An answer (a 403, a 500) or no
            // connection at all shows it was not stored: a refused PUT is never looked for and then taken for done.
            if (left.body === 'whole' && bodyNotTaken(err)) left.body = before;
            throw err;
          } finally {
            if (!Buffer.isBuffer(body)) body.destroy();
          }
        }),
      ),
    settings.retry,
    ctx,
    signal,
    crew.hooks,
  ).catch((err: unknown) => failedPut(err, put, crew, signal));
  left.body = 'stored';
  // Bytes read whole were checked to be one version of the file (small-file.ts); a streamed body is checked now.
  if (!data && (await changedSince(file.path, put.stamp))) {
    // The object mixes two versions of the file; Hoist just wrote it, so it removes it rather than leave it wrong:
    // that object only, by the handles the PUT returned (see removeOwnPut).
    const removal = await removeOwnPut(connection.control(), file, { versionId: res.VersionId, etag: res.ETag });
    const where = { file: file.path, key: file.key, endpoint: ctx.endpoint };
    if (removal.removed) {
      // A cancel that came meanwhile (neither the look nor the removal waits on it) must not report the object kept.
      left.body = 'removed';
      // Said as it is: in a bucket without versions, the PUT had already replaced what the key held before. A real
      // version ID proves versioning; "null" (versioning suspended) overwrote the key's null version like a plain PUT.
      const versioned = res.VersionId !== undefined && res.VersionId !== 'null';
      const said = versioned ? 'engineError.FileChanged.putVersionRemoved' : 'engineError.FileChanged.putRemoved';
      throw hoistError('FileChanged', said, where);
    }
    throw hoistError('FileChanged', 'engineError.FileChanged.putNotRemoved', { ...where, why: removal.why });
  }
  return res.ETag ?? '';
}

/**
 * The PUT failed after its attempts (a stop is the cleanup's: stop-cleanup.ts, put-cleanup.ts). A body with no
 * integrity check may have been stored as far as it got, in place of what the key held: the key is looked at, and
 * anything there but the whole file is named in the error. A checked body that went out whole may have been stored
 * with its answer lost: the whole file there is answered as the PUT's result; anything else there is named. The
 * object is left alone; it may be someone else's.
 */
async function failedPut(
  err: unknown,
  put: SinglePut,
  crew: PutCrew,
  signal: AbortSignal,
): Promise<{ ETag?: string; VersionId?: string }> {
  const { file, size, left, ctx } = put;
  if (signal.aborted || left.body === 'stored') throw err;
  if (!left.unchecked && left.body !== 'whole') throw err;
  let remains: PutRemains;
  try {
    remains = await putRemains(crew.connection.control(), file, left, size, ctx.endpoint, signal);
  } catch {
    // The look itself failed (no client for the control calls), or a stop cut it short (the stop's cleanup looks
    // again): the PUT's own failure is what is known.
    throw err;
  }
  if (remains.found === 'whole') {
    // Its answer was lost, but the server holds the whole file (MD5): the upload is done, as a Complete's can be.
    // Its bytes were taken back from the bar when the request failed: they count again, once.
    crew.meter.recount(size);
    crew.report({ kind: 'completing' });
    return { ETag: remains.etag, VersionId: remains.versionId };
  }
  if (remains.found !== 'other') throw err;
  const detail = err instanceof RequestFailed ? err.detail : classify(err, ctx);
  throw new RequestFailed(followedBy(detail, remains.message, remains.params));
}

/**
 * Sends a single PUT's body (the file at path, or its bytes in memory) with the endpoint's integrity check. Under
 * 'auto', an endpoint that refuses the CRC32 header gets the same request again with Content-MD5, and keeps it from
 * then on.
 */
async function withDigest<T>(
  integrity: IntegrityChoice,
  source: string | Buffer,
  size: number,
  signal: AbortSignal,
  send: (digest: BodyDigest) => Promise<T>,
): Promise<T> {
  for (;;) {
    const used = integrity.current;
    const digest =
      size === 0
        ? {}
        : Buffer.isBuffer(source)
          ? bufferBodyDigest(used, source)
          : await bodyDigest(used, source, 0, size, signal);
    try {
      return await send(digest);
    } catch (err) {
      if (used !== 'crc32' || signal.aborted || !integrity.fallBack(err)) throw err;
    }
  }
}
