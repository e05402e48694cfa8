// Running the same test cases on every S3 server of the run (moto, versitygw, versitygw over HTTPS).
//
//   describeEachBackend('multipart upload', (backend) => {
//     it('completes', async () => { const t = targetFor(backend, await freshBucketOn(backend, 'mpu')); ... });
//   });
/// <reference path="./provided.d.ts" />
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import {
  CompleteMultipartUploadCommand,
  GetObjectCommand,
  S3Client,
  type CompletedPart,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { describe, inject } from 'vitest';
import type { Credentials, Target } from '../../src/shared/target';
import type { S3Backend, S3BackendName } from './provided';
import { createBucket, TEST_CREDENTIALS, TEST_REGION, testTarget, uniqueBucket } from './s3-check';

export type { S3Backend, S3BackendName } from './provided';

/** Every S3 server the global setup started, moto first. Without Go (outside CI) that is moto alone. */
export function backends(): S3Backend[] {
  return inject('s3Backends');
}

/** One backend by name, or undefined if this run does not have it (versitygw without Go). */
export function backendNamed(name: S3BackendName): S3Backend | undefined {
  return backends().find((b) => b.name === name);
}

/** One describe block per backend, titled "<title> [<name>]"; filter picks some (e.g. `(b) => b.checksSignatures`). */
export function describeEachBackend(
  title: string,
  fn: (backend: S3Backend) => void,
  filter: (b: S3Backend) => boolean = () => true,
): void {
  for (const backend of backends().filter(filter)) describe(`${title} [${backend.name}]`, () => fn(backend));
}

/** Creates a unique bucket on the backend (through the boto3 checker) and returns its name. */
export async function freshBucketOn(backend: S3Backend, name = 'test'): Promise<string> {
  const bucket = uniqueBucket(name);
  await createBucket(backend.endpoint, bucket);
  return bucket;
}

/** An upload Target for the backend (path-style, its credentials and region), with its CA where it has one. */
export function targetFor(backend: S3Backend, bucket: string, prefix = '', extra: Partial<Target> = {}): Target {
  const ca: Partial<Target> = backend.caFile ? { caBundle: backend.caFile } : {};
  const own: Partial<Target> = backend.own
    ? {
        credentials: { accessKeyId: backend.own.accessKeyId, secretAccessKey: backend.own.secretAccessKey },
        region: backend.own.region,
      }
    : {};
  return testTarget(backend.endpoint, bucket, prefix, { ...ca, ...own, ...extra });
}

/** The environment the CLI needs for the backend: its keys and region (the test ones but for the user's own). */
export function cliEnvFor(backend: S3Backend): NodeJS.ProcessEnv {
  if (!backend.own) return {};
  return {
    AWS_ACCESS_KEY_ID: backend.own.accessKeyId,
    AWS_SECRET_ACCESS_KEY: backend.own.secretAccessKey,
    AWS_REGION: backend.own.region,
  };
}

/**
 * A JS SDK client for the backend that trusts its CA (for https), e.g. to send requests the engine would not. Pass
 * other credentials to see a signature check fail, or caFile: null to connect without trusting the test CA.
 */
export function s3ClientFor(
  backend: S3Backend,
  opts: { credentials?: Credentials; caFile?: string | null; config?: Partial<S3ClientConfig> } = {},
): S3Client {
  const caFile = opts.caFile === undefined ? backend.caFile : opts.caFile;
  // `ca` replaces Node's default roots, so only the test CA is trusted; maxAttempts 1 shows each error as it is.
  const requestHandler = backend.endpoint.startsWith('https:')
    ? new NodeHttpHandler({
        httpsAgent: new Agent({ keepAlive: true, ...(caFile ? { ca: readFileSync(caFile) } : {}) }),
      })
    : undefined;
  return new S3Client({
    endpoint: backend.endpoint,
    region: backend.own?.region ?? TEST_REGION,
    forcePathStyle: true,
    credentials:
      opts.credentials ??
      (backend.own
        ? { accessKeyId: backend.own.accessKeyId, secretAccessKey: backend.own.secretAccessKey }
        : { ...TEST_CREDENTIALS }),
    maxAttempts: 1,
    ...(requestHandler ? { requestHandler } : {}),
    ...opts.config,
  });
}

/** Completes a multipart upload with the parts as given and reads the object back whole. */
export async function completeAndRead(
  sdk: S3Client,
  target: { bucket: string; key: string; uploadId: string },
  parts: CompletedPart[],
): Promise<Buffer> {
  const { bucket: Bucket, key: Key, uploadId: UploadId } = target;
  await sdk.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: parts } }));
  const got = await sdk.send(new GetObjectCommand({ Bucket, Key }));
  return Buffer.from(await got.Body!.transformToByteArray());
}
