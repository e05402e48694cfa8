// The two requests that carry a file's bytes, PutObject and UploadPart, behind one interface, so that a job sends them
// the same way on either data path: the SDK's command pipeline (sdkDataPath) or the lean one (lean-data-path.ts),
// which signs with the SDK's signer and sends over node:http itself. The control calls (create, complete, abort,
// list, head, delete) stay on the SDK client.
import { s3Sdk, type ControlClient } from '../s3-sdk';
import type { Readable } from 'node:stream';
import type { BodyDigest } from '../../job/integrity';
import { sdkObjectParams, type ObjectFields } from '../../job/object-fields';
import { MemoryBody } from '../../job/memory-body';

// Which data path a run sends bytes through: 'lean' unless the user chose the SDK's (a fallback for any provider).
// Defined in shared, where a profile's setting names it too.
import type { DataPathKind } from '../../../shared/target';
export { DATA_PATH_KINDS, type DataPathKind } from '../../../shared/target';

export interface PutObjectInput {
  bucket: string;
  key: string;
  /** A MemoryBody (a small file read whole) only for a PutObject. */
  body: Readable | Buffer | MemoryBody;
  contentLength: number;
  /** The body's integrity check (integrity.ts): a CRC32 header or Content-MD5, or nothing. */
  digest: BodyDigest;
  /** PutObject only: the object's content type, metadata, tags, … (a part inherits them from Create). */
  fields?: ObjectFields;
}

export interface UploadPartInput extends Omit<PutObjectInput, 'fields' | 'body'> {
  /** A range of the file (FileRangeBody), never a MemoryBody: parts are not read whole. */
  body: Readable | Buffer;
  uploadId: string;
  partNumber: number;
  /**
   * The lean path only, where sendsCrc32Trailer() said so: the part's CRC32 goes after its bytes as an aws-chunked
   * trailer (digest is then empty), and the answer's ChecksumCRC32 is the one the server checked.
   */
  crc32Trailer?: boolean;
}

/** What the engine reads from the server's answer. */
export interface DataAnswer {
  ETag?: string;
  VersionId?: string;
  ChecksumCRC32?: string;
}

/** How a request is sent: what the job's RequestGroup.sendOptions() gives, so that a cancel resets its socket. */
export interface DataSendOptions {
  abortSignal: AbortSignal;
}

export interface DataPath {
  readonly kind: DataPathKind;
  putObject(input: PutObjectInput, options: DataSendOptions): Promise<DataAnswer>;
  uploadPart(input: UploadPartInput, options: DataSendOptions): Promise<DataAnswer>;
  /** Whether uploadPart can compute a part's CRC32 as it sends it (the lean path, on an endpoint that takes it). */
  sendsCrc32Trailer?(): boolean;
}

/** The SDK's own pipeline: client.send() with the commands, as Hoist sent them before the lean path. */
export function sdkDataPath(client: () => ControlClient): DataPath {
  return {
    kind: 'sdk',
    async putObject(input, options) {
      return client().send(
        new (await s3Sdk()).PutObjectCommand({
          Bucket: input.bucket,
          Key: input.key,
          Body: input.body instanceof MemoryBody ? input.body.toStream() : input.body,
          ContentLength: input.contentLength,
          ...input.digest,
          ...sdkObjectParams(input.fields ?? {}),
        }),
        options,
      );
    },
    async uploadPart(input, options) {
      return client().send(
        new (await s3Sdk()).UploadPartCommand({
          Bucket: input.bucket,
          Key: input.key,
          UploadId: input.uploadId,
          PartNumber: input.partNumber,
          Body: input.body,
          ContentLength: input.contentLength,
          ChecksumAlgorithm: input.digest.ChecksumCRC32 ? 'CRC32' : undefined,
          ...input.digest,
        }),
        options,
      );
    },
  };
}
