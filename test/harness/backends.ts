// Running the same test cases on every S3 server of the run (moto, versitygw, versitygw over HTTPS).
//
//   describeEachBackend('multipart upload', (backend) => {
//     it('completes', async () => { const t = targetFor(backend, await freshBucketOn(backend, 'mpu')); ... });
//   });
/// <reference path="./provided.d.ts" />
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
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
export function describeEachBackend(title: string, fn: (backend: S3Backend) => void, filter: (b: S3Backend) => boolean = () => true): void {
  for (const backend of backends().filter(filter)) describe(`${title} [${backend.name}]`, () => fn(backend));
}

/** Creates a unique bucket on the backend (through the boto3 checker) and returns its name. */
export async function freshBucketOn(backend: S3Backend, name = 'test'): Promise<string> {
  const bucket = uniqueBucket(name);
  await createBucket(backend.endpoint, bucket);
  return bucket;
}

/** An upload Target for the backend (path-style, test credentials), with the CA for https backends. */
export function targetFor(backend: S3Backend, bucket: string, prefix = '', extra: Partial<Target> = {}): Target {
  // Target.caBundle (a PEM file path) is being added to the engine; spelled out here so this compiles before and
  // after. Until the engine reads it, an engine upload to the https backend fails certificate verification.
  const ca: Partial<Target> & { caBundle?: string } = backend.caFile ? { caBundle: backend.caFile } : {};
  return testTarget(backend.endpoint, bucket, prefix, { ...ca, ...extra });
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
    ? new NodeHttpHandler({ httpsAgent: new Agent({ keepAlive: true, ...(caFile ? { ca: readFileSync(caFile) } : {}) }) })
    : undefined;
  return new S3Client({
    endpoint: backend.endpoint,
    region: TEST_REGION,
    forcePathStyle: true,
    credentials: opts.credentials ?? { ...TEST_CREDENTIALS },
    maxAttempts: 1,
    ...(requestHandler ? { requestHandler } : {}),
    ...opts.config,
  });
}
