// Set-up shared by the protocol suite: the same cases on every S3 server of the run (moto, versitygw over HTTP and
// HTTPS; see test/harness/backends.ts), checked on the server with boto3.
import { afterEach, beforeEach, expect } from 'vitest';
import { startFaultProxy, type FaultProxy, type ProxyTls } from '../harness/fault-proxy';
import { GetObjectAclCommand, GetObjectTaggingCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { cliEnvFor, describeEachBackend, s3ClientFor, type S3Backend } from '../harness/backends';
import { DATA_PATH_KINDS, type DataPathKind } from '../../src/engine';
import { listMultipartUploads, listObjects } from '../harness/s3-check';
import { integrityChoice } from '../../src/engine/job/integrity';
import type { JobSettings } from '../../src/engine/job/job-types';
import type { UploadState } from '../../src/shared/upload-state';

export const MiB = 1024 * 1024;

/** Servers on this machine reached in clear text. */
const plainHttp = (b: S3Backend): boolean => /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(b.endpoint);

/**
 * The fault proxy's TLS in front of the run's own HTTPS server: that server's certificate and key, and its CA. A
 * user's own HTTPS server (HOIST_TEST_S3_*) has none: its key is not ours.
 */
function proxyTlsFor(b: S3Backend): ProxyTls | undefined {
  if (!b.serverTls || !b.caFile || !/^https:\/\/127\.0\.0\.1:/.test(b.endpoint)) return undefined;
  return { ...b.serverTls, caFile: b.caFile };
}

/**
 * Servers the fault proxy can stand in front of: it forwards to a loopback port and reads the request lines, so a
 * server on this machine in clear text, or the run's own HTTPS server (proxyTlsFor).
 */
export const proxyable = (b: S3Backend): boolean => plainHttp(b) || proxyTlsFor(b) !== undefined;

/** The CLI's environment for the backend (cliEnvFor), trusting its CA for https as the engine's targets do. */
export function cliEnvTrusting(backend: S3Backend): NodeJS.ProcessEnv {
  return { ...cliEnvFor(backend), ...(backend.caFile ? { AWS_CA_BUNDLE: backend.caFile } : {}) };
}

/** Servers whose certificate the run's (or the user's) private CA signed. */
export const privateCa = (b: S3Backend): boolean => b.endpoint.startsWith('https:') && b.caFile !== undefined;

/** A fresh fault proxy in front of the backend for every test of the calling describe block. */
export function useProxyTo(backend: S3Backend): () => FaultProxy {
  let proxy: FaultProxy | undefined;
  beforeEach(async () => {
    proxy = await startFaultProxy(Number(new URL(backend.endpoint).port), proxyTlsFor(backend));
  });
  afterEach(async () => {
    await proxy?.close();
  });
  return () => proxy!;
}

/** The bucket holds no multipart upload and no object. */
export async function expectNothingLeft(backend: S3Backend, bucket: string): Promise<void> {
  expect(await listMultipartUploads(backend.endpoint, bucket)).toEqual([]);
  expect(await listObjects(backend.endpoint, bucket)).toEqual([]);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * After a stop that had to find an upload the job never learned the id of (a create whose answer never came): a real
 * server lists it with the time it was made, so it is removed and the item says "verified"; moto dates every upload
 * 2010-11-10, so there it cannot be told from an older one of the key: the item says it could not confirm, and the
 * upload is indeed still there.
 */
export async function expectUnnamedUploadOutcome(
  backend: S3Backend,
  state: UploadState | undefined,
  bucket: string,
): Promise<void> {
  const left = await listMultipartUploads(backend.endpoint, bucket);
  if (backend.name === 'moto') {
    expect(state?.kind).toBe('cleanup-failed');
    expect(left).toHaveLength(1);
  } else {
    expect(state).toEqual({ kind: 'cancelled', cleanup: 'verified' });
    expect(left).toEqual([]);
  }
}

/** describeEachBackend once per data path, titled "<title> (<path>) [<backend>]". */
export function describeEachBackendAndPath(
  title: string,
  fn: (backend: S3Backend, dataPath: DataPathKind) => void,
  filter?: (b: S3Backend) => boolean,
): void {
  // Both ways the bytes go out (EngineOptions.dataPath): every protocol case runs on each.
  for (const dataPath of DATA_PATH_KINDS) describeEachBackend(`${title} (${dataPath})`, (b) => fn(b, dataPath), filter);
}

/** What an object holds besides its bytes, read back with the JS SDK (boto3's checker reads type and metadata only). */
export interface ObjectExtras {
  contentType?: string;
  cacheControl?: string;
  contentDisposition?: string;
  metadata: Record<string, string>;
  storageClass?: string;
  sse?: string;
  kmsKeyId?: string;
  /** Sorted by key. */
  tags: { key: string; value: string }[];
  /** The grants as "grantee:permission" (AllUsers for the public group), or the server's error code when it has no ACLs. */
  acl: string[] | { refused: string };
}

export async function objectExtras(backend: S3Backend, bucket: string, key: string): Promise<ObjectExtras> {
  const client = s3ClientFor(backend);
  try {
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    const tagging = await client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }));
    const acl = await client
      .send(new GetObjectAclCommand({ Bucket: bucket, Key: key }))
      .then((r) =>
        (r.Grants ?? []).map((g) => `${g.Grantee?.URI?.split('/').pop() ?? g.Grantee?.Type ?? '?'}:${g.Permission}`),
      )
      .catch((err: unknown) => ({ refused: (err as { name?: string }).name ?? 'Error' }));
    return {
      ...(head.ContentType ? { contentType: head.ContentType } : {}),
      ...(head.CacheControl ? { cacheControl: head.CacheControl } : {}),
      ...(head.ContentDisposition ? { contentDisposition: head.ContentDisposition } : {}),
      metadata: head.Metadata ?? {},
      ...(head.StorageClass ? { storageClass: head.StorageClass } : {}),
      ...(head.ServerSideEncryption ? { sse: head.ServerSideEncryption } : {}),
      ...(head.SSEKMSKeyId ? { kmsKeyId: head.SSEKMSKeyId } : {}),
      tags: (tagging.TagSet ?? [])
        .map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' }))
        .sort((a, b) => a.key.localeCompare(b.key)),
      acl,
    };
  } finally {
    client.destroy();
  }
}

/** A FileJob's settings for the cases that drive one job directly: no retries, short waits, the default check. */
export function directJobSettings(overrides: Partial<JobSettings> = {}): JobSettings {
  return {
    partSize: 8 * MiB,
    multipartThreshold: 8 * MiB,
    partsPerFile: 2,
    cleanupAttempts: 3,
    createGraceMs: 1000,
    completeWaitMs: 1000,
    retry: { maxAttempts: 1, baseDelayMs: 10, unreachableBudgetMs: 1000 },
    integrity: integrityChoice('auto'),
    limiters: [],
    ...overrides,
  };
}
