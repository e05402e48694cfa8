// The two calls that open and close a multipart upload, and what a cancel may not cut short in them.
//
// CreateMultipartUpload: a create cut off mid-way may still make an upload on the server that nobody could abort. So
// a cancel gives it a grace period to return its UploadId (it is not in the job's request group, so the cancel's
// socket reset spares it), and an attempt whose answer never came is reported, so that the cleanup looks for the
// upload it may have made (stop-cleanup.ts). Only an attempt whose request the SDK handed to its HTTP handler counts:
// one refused before that (no credentials found, a region or endpoint the SDK does not accept) never left the machine.
//
// CompleteMultipartUpload: once sent, a server may finish it even when the client resets the connection: versitygw
// answered a cut-off Complete with 200 seconds later, and the object appeared after Hoist had reported the cancel
// cleaned up. So a cancel waits, bounded, for the Complete's answer, and reports the object as kept if it came.
import type { CompletedPart, CreateMultipartUploadCommand } from '@aws-sdk/client-s3';
import { s3Sdk, type ControlClient } from '../s3/s3-sdk';
import { abortError, sleep } from '../s3/backoff';
import { ObjectUnlooked, unlessUnlooked } from '../s3/abort-upload';
import { classify, hoistError, type ErrorContext } from '../s3/errors';
import type { JobFile, JobSettings } from './job-types';
import { completedObjectEtag, multipartEtag } from './resume-parts';
import { sdkObjectParams } from './object-fields';
import { delayedSignal } from '../s3/uploaded-parts';
import { withRetries, type RetryHooks } from '../s3/with-retries';

/** How long a Complete retry answered NoSuchUpload looks for the object an earlier, cut-off attempt may be making. */
const COMPLETED_OBJECT_WAIT_MS = 20_000;
const POLL_MS = 500;

interface CallContext {
  ctx: ErrorContext;
  hooks: RetryHooks;
}

/**
 * Whether the create can have made no upload: the server refused it (a 4xx status, a 501, a reply that is not S3's),
 * or it never reached one (no address for the name, no connection made). A 2xx whose body could not be read, or
 * another 5xx (a server or a gateway that failed after acting), may come after the upload was made; so may a cut, a
 * timeout, or an unreachable host reported on a connection already open (EHOSTUNREACH after the request was written).
 */
function madeNoUpload(err: unknown, ctx: ErrorContext): boolean {
  const e = (err ?? {}) as { $metadata?: { httpStatusCode?: number }; code?: string; syscall?: string };
  const status = e.$metadata?.httpStatusCode;
  // 501: the method is not implemented there (a web server, not S3; or a checksum it does not take). A reply that is
  // not S3's at all (NotS3Endpoint) came from something that makes no uploads.
  if (status !== undefined)
    return (status >= 400 && status < 500) || status === 501 || classify(err, ctx).code === 'NotS3Endpoint';
  return e.syscall === 'connect' || e.syscall === 'getaddrinfo' || e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN';
}

/**
 * Marks the command once the SDK hands its request to the HTTP handler: the last step of its stack, after the
 * credentials were found, the endpoint resolved and the request signed. A command that failed unmarked was refused on
 * this machine (CredentialsProviderError, "Region not accepted", a URL it could not build) and reached no server.
 */
function markWhenSent(command: CreateMultipartUploadCommand): { sent: boolean } {
  const mark = { sent: false };
  command.middlewareStack.add(
    (next) => (args) => {
      mark.sent = true;
      return next(args);
    },
    { step: 'deserialize', priority: 'low', name: 'hoistSentMark' },
  );
  return mark;
}

function nameOf(err: unknown): string | undefined {
  return (err as { name?: string } | undefined)?.name;
}

/**
 * Creates the multipart upload and answers its UploadId. `unanswered` hears of the first attempt that went out and
 * got no answer (cut off by the cancel's grace, a reset, a timeout): from then on an upload may exist unnamed. When a
 * later attempt is answered, unnamedSince says so: the first may have made a second upload all the same. `sending`
 * hears of each attempt before it is sent, `madeNothing` of one that can have made no upload.
 */
export async function createUpload(
  client: ControlClient,
  file: JobFile,
  settings: JobSettings,
  signal: AbortSignal,
  call: CallContext & {
    unanswered(sentAt: number): void;
    sending?(at: number): Promise<void>;
    madeNothing?(): Promise<void>;
  },
): Promise<{ uploadId: string; crc32: boolean; unnamedSince?: number }> {
  const createSignal = delayedSignal(signal, settings.createGraceMs);
  let firstUnanswered: number | undefined;
  const created = await withRetries(
    async () => {
      for (;;) {
        const crc32 = settings.integrity.current === 'crc32';
        const sentAt = Date.now();
        // Recorded before it goes (the journal's create record): a rejection here ends the create unsent.
        await call.sending?.(sentAt);
        // A cancel that came meanwhile (the fallback's resend, a slow record): not sent, so nothing made.
        if (signal.aborted) {
          await call.madeNothing?.();
          throw abortError();
        }
        const command = new (await s3Sdk()).CreateMultipartUploadCommand({
          Bucket: file.bucket,
          Key: file.key,
          ChecksumAlgorithm: crc32 ? 'CRC32' : undefined,
          // The object's type, metadata, tags, storage class, encryption and ACL are set here, once: the parts
          // carry bytes only, and Complete takes them from the upload.
          ...sdkObjectParams(file.fields ?? {}),
        });
        const mark = markWhenSent(command);
        try {
          const out = await client.send(command, { abortSignal: createSignal });
          return { ...out, crc32 };
        } catch (err) {
          // A request never sent, refused, or never connected made nothing; any other attempt may have made an upload
          // that nobody knows the id of.
          if (mark.sent && !madeNoUpload(err, call.ctx)) {
            firstUnanswered ??= sentAt;
            call.unanswered(firstUnanswered);
          } else {
            await call.madeNothing?.();
          }
          if (!crc32 || signal.aborted || createSignal.aborted || !settings.integrity.fallBack(err)) throw err;
        }
      }
    },
    settings.retry,
    call.ctx,
    signal,
    call.hooks,
  );
  if (!created.UploadId)
    throw hoistError('NoUploadId', 'engineError.NoUploadId', { endpoint: call.ctx.endpoint, key: file.key });
  return { uploadId: created.UploadId, crc32: created.crc32, unnamedSince: firstUnanswered };
}

/** Completes the upload and answers the object's ETag; see the top of this file for what a cancel does meanwhile. */
export async function completeUpload(
  client: ControlClient,
  file: JobFile,
  upload: { uploadId: string; startedAt?: number; crc32?: boolean },
  parts: CompletedPart[],
  size: number,
  settings: JobSettings,
  signal: AbortSignal,
  call: CallContext,
): Promise<string> {
  const completeSignal = delayedSignal(signal, settings.completeWaitMs);
  // Part checksums belong in Complete only for an upload created with them: versitygw refuses them (InvalidPart)
  // otherwise, and requires them for one that was.
  if (!upload.crc32) parts = parts.map(({ ChecksumCRC32: _, ...part }) => part);
  return withRetries(
    async (attempt) => {
      try {
        const out = await client.send(
          new (await s3Sdk()).CompleteMultipartUploadCommand({
            Bucket: file.bucket,
            Key: file.key,
            UploadId: upload.uploadId,
            MultipartUpload: { Parts: parts },
          }),
          { abortSignal: completeSignal },
        );
        return out.ETag ?? '';
      } catch (err) {
        // An earlier attempt that was cut off may have completed the upload after all (or be completing it still).
        if (attempt > 1 && nameOf(err) === 'NoSuchUpload') {
          // A key that cannot be looked at leaves the Complete's own refusal to say what went wrong.
          const etag = await unlessUnlooked(
            awaitCompletedObject(
              client,
              file.bucket,
              file.key,
              size,
              upload.startedAt,
              COMPLETED_OBJECT_WAIT_MS,
              multipartEtag(parts),
            ),
          );
          if (etag !== undefined) return etag;
        }
        throw err;
      }
    },
    settings.retry,
    call.ctx,
    signal,
    call.hooks,
  );
}

/**
 * Looks, for up to waitMs, for the object this upload's completion would make (the file's size, written since the
 * upload started), and answers its ETag, or undefined if it did not appear. A look that fails is tried again until
 * the deadline; if the last one failed too, its ObjectUnlooked is thrown, since "did not appear" would be untrue.
 */
export async function awaitCompletedObject(
  client: ControlClient,
  bucket: string,
  key: string,
  size: number,
  startedAt: number | undefined,
  waitMs: number,
  expected?: string,
): Promise<string | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    let etag: string | undefined;
    let failed: ObjectUnlooked | undefined;
    try {
      etag = await completedObjectEtag(client, bucket, key, size, startedAt, expected);
    } catch (err) {
      if (!(err instanceof ObjectUnlooked)) throw err;
      failed = err;
    }
    if (etag !== undefined) return etag;
    // One reading of the clock decides: a failed last look is thrown, never answered as "did not appear".
    if (Date.now() >= deadline) {
      if (failed) throw failed;
      return undefined;
    }
    await sleep(POLL_MS);
  }
}
