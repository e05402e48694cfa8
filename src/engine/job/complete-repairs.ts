// Completes a multipart upload, and repairs it when Complete answers InvalidPart: the server then holds other bytes
// for some part than those it took from this job (resume-parts.ts partsToSendAgain says how that happens). Those parts
// are listed, sent again, and Complete is asked again, up to PART_REPAIRS times. The object is never made from bytes
// the client did not check, since Complete names each part's ETag.
import type { CompletedPart } from '@aws-sdk/client-s3';
import type { ControlClient } from '../s3/s3-sdk';
import { abortError } from '../s3/backoff';
import type { ErrorContext } from '../s3/errors';
import { RequestFailed, type RetryHooks } from '../s3/with-retries';
import { partRange, type PartPlan } from '../plan/part-plan';
import type { ProgressMeter } from '../queue/progress-meter';
import type { UploadedParts } from '../s3/uploaded-parts';
import { throwIfChanged, type FileStamp } from './file-stamp';
import type { JobFile, JobSettings, MultipartLeft } from './job-types';
import { multipartEtag, partsToSendAgain } from './resume-parts';
import type { PartLoop } from './send-parts';
import type { StateReport } from './state-report';
import { completeUpload } from './upload-calls';

/** How many times Complete's InvalidPart sends the parts the server holds other bytes for again. */
const PART_REPAIRS = 2;

/** The upload to complete: the job's data. */
export interface CompleteInput {
  file: JobFile;
  /** The job's record of it: 'sent' while Complete is asked (a stop then checks what the server made of it). */
  upload: MultipartLeft;
  plan: PartPlan;
  parts: CompletedPart[];
  size: number;
  stamp: FileStamp | undefined;
  settings: JobSettings;
  ctx: ErrorContext;
}

/** Whom it works with. */
export interface CompleteCrew {
  client: ControlClient;
  /** The loop that sent the parts, to send those the server holds other bytes for again. */
  partLoop: PartLoop;
  meter: ProgressMeter;
  report: StateReport;
  hooks: RetryHooks;
  /** The server's parts of the upload (null once it is gone), with the job's retries. */
  listParts(uploadId: string): Promise<UploadedParts | null>;
}

/** Completes the upload; answers the object's ETag. */
export async function completeWithRepairs(
  input: CompleteInput,
  crew: CompleteCrew,
  signal: AbortSignal,
): Promise<string> {
  const { file, upload, plan, size, settings } = input;
  let parts = input.parts;
  const call = { ctx: input.ctx, hooks: crew.hooks };
  for (let repairs = 0; ; repairs++) {
    // A cancel or a pause that came while the parts were checked (the stat of the file, a listing) stops here: once
    // sent, Complete may make the object whatever follows, and the user asked for none.
    if (signal.aborted) throw abortError();
    crew.report({ kind: 'completing' });
    upload.complete = 'sent';
    upload.completedEtag = multipartEtag(parts);
    try {
      return await completeUpload(crew.client, file, upload, parts, size, settings, signal, call);
    } catch (err) {
      if (
        repairs >= PART_REPAIRS ||
        signal.aborted ||
        !(err instanceof RequestFailed) ||
        err.detail.code !== 'InvalidPart'
      )
        throw err;
      // Refused: no object was made, and the upload is there to be completed (or aborted by a stop) still.
      upload.complete = 'not-sent';
      upload.completedEtag = undefined;
      const listed = await crew.listParts(upload.uploadId);
      const again = listed ? partsToSendAgain(listed.parts, parts) : [];
      if (again.length === 0) throw err;
      // The bar shows what the server holds: those parts' bytes leave it until they are taken again.
      const kept = new Map(parts.filter((p) => !again.includes(p.PartNumber!)).map((p) => [p.PartNumber!, p]));
      let held = 0;
      for (const n of kept.keys()) {
        const range = partRange(plan, size, n);
        held += range.end - range.start;
      }
      crew.meter.recount(held);
      crew.report({ kind: 'uploading' });
      parts = await crew.partLoop.send(kept, signal);
      if (signal.aborted) throw abortError();
      await throwIfChanged(file.path, input.stamp);
    }
  }
}
