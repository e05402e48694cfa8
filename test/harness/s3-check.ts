// Independent checks of what is really in S3, made with boto3 and the AWS CLI (never the JS SDK the app uses).
//
// One long-lived Python process per test process (s3_check.py) answers JSON requests, so each check costs a
// round trip instead of a 1 s boto3 import. It is started lazily, does not keep this process alive when idle,
// and is killed at exit.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Target } from '../../src/shared/target';
import { motoPython, run } from './python';

export const TEST_REGION = 'us-east-1';
export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;

/** Sets AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY=test and AWS_REGION=us-east-1 in process.env unless already set. */
export function useTestAwsEnv(): void {
  process.env.AWS_ACCESS_KEY_ID ??= TEST_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY ??= TEST_CREDENTIALS.secretAccessKey;
  process.env.AWS_REGION ??= TEST_REGION;
}

/** An upload Target pointing at the test server (path-style, test credentials). */
export function testTarget(endpoint: string, bucket: string, prefix = '', extra: Partial<Target> = {}): Target {
  return {
    endpointUrl: endpoint,
    region: TEST_REGION,
    forcePathStyle: true,
    checksum: 'auto',
    credentials: { ...TEST_CREDENTIALS },
    bucket,
    prefix,
    ...extra,
  };
}

/** A valid, unique bucket name: lower case, 3-63 chars, e.g. uniqueBucket('cancel') -> 'cancel-m3x9k2-a1b2c3'. */
export function uniqueBucket(prefix = 'test'): string {
  const clean =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'test';
  return `${clean}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

// ---- the Python worker ------------------------------------------------------------------------------------------

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  code?: string;
  message?: string;
}

export class S3CheckError extends Error {
  constructor(
    readonly op: string,
    readonly code: string,
    message: string,
  ) {
    super(`${op}: ${code}: ${message}`);
  }
}

const SCRIPT = fileURLToPath(new URL('./s3_check.py', import.meta.url));

class Worker {
  private child: ChildProcessWithoutNullStreams | undefined;
  private starting: Promise<ChildProcessWithoutNullStreams> | undefined;
  private nextId = 1;
  private pending = new Map<number, { op: string; resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private stderr = '';

  async call(op: string, endpoint: string, args: Record<string, unknown>): Promise<unknown> {
    const child = await this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { op, resolve, reject });
      if (this.pending.size === 1) this.setRef(true);
      child.stdin.write(JSON.stringify({ id, op, endpoint, args }) + '\n');
    });
  }

  private start(): Promise<ChildProcessWithoutNullStreams> {
    if (this.child) return Promise.resolve(this.child);
    this.starting ??= motoPython()
      .then((python) => {
        const child = spawn(python, ['-u', SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'], env: awsEnv() });
        this.child = child;
        this.stderr = '';
        let buf = '';
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (s: string) => {
          buf += s;
          for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
            this.onLine(buf.slice(0, nl));
            buf = buf.slice(nl + 1);
          }
        });
        child.stderr.on('data', (b: Buffer) => (this.stderr = (this.stderr + b.toString('utf8')).slice(-8_000)));
        child.stdin.on('error', () => {});
        child.on('error', (e) => this.onExit(`could not run ${python}: ${e.message}`));
        child.on('exit', (code, signal) => this.onExit(`exited (${code ?? signal})`));
        this.setRef(false);
        return child;
      })
      .finally(() => (this.starting = undefined));
    return this.starting;
  }

  private onLine(line: string): void {
    let msg: Reply;
    try {
      msg = JSON.parse(line) as Reply;
    } catch {
      this.stderr += `\n(unexpected stdout) ${line}`;
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (this.pending.size === 0) this.setRef(false);
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new S3CheckError(p.op, msg.code ?? 'Error', msg.message ?? ''));
  }

  private onExit(why: string): void {
    if (!this.child) return;
    this.child = undefined;
    for (const [, p] of this.pending) p.reject(new Error(`s3 checker ${why}. stderr:\n${this.stderr}`));
    this.pending.clear();
  }

  /** Keeps this process alive only while a call is waiting for its answer. */
  private setRef(on: boolean): void {
    const c = this.child;
    if (!c) return;
    for (const h of [c, c.stdout, c.stderr, c.stdin] as unknown as { ref?: () => void; unref?: () => void }[]) {
      if (on) h.ref?.();
      else h.unref?.();
    }
  }

  kill(): void {
    this.child?.kill('SIGKILL');
  }
}

const worker = new Worker();
process.on('exit', () => worker.kill());

function awsEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_DEFAULT_REGION: TEST_REGION,
    AWS_REGION: TEST_REGION,
    // Ignore the developer's own AWS config so nothing here can reach a real account.
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
  for (const name of ['AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE'])
    delete env[name];
  return env;
}

// ---- checks -------------------------------------------------------------------------------------------------------

export interface MultipartUploadInfo {
  key: string;
  uploadId: string;
  /** ISO 8601. Note: moto reports a fixed date (2010-11-10T20:48:33Z) for every upload; versitygw the real time. */
  initiated: string;
}
export interface PartInfo {
  partNumber: number;
  size: number;
  etag: string;
}
export interface ObjectInfo {
  key: string;
  size: number;
  /** Without the quotes. */
  etag: string;
}
export interface HeadInfo {
  size: number;
  etag: string;
  contentType?: string;
  metadata: Record<string, string>;
}

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

/** Creates the bucket; succeeds if it already exists. */
export async function createBucket(endpoint: string, bucket: string): Promise<void> {
  await worker.call('createBucket', endpoint, { bucket });
}

export async function listMultipartUploads(endpoint: string, bucket: string): Promise<MultipartUploadInfo[]> {
  return (await worker.call('listMultipartUploads', endpoint, { bucket })) as MultipartUploadInfo[];
}

/** The parts uploaded so far, or 'NoSuchUpload' if the upload was aborted, completed or never existed. */
export async function listParts(
  endpoint: string,
  bucket: string,
  key: string,
  uploadId: string,
): Promise<PartInfo[] | 'NoSuchUpload'> {
  return (await worker.call('listParts', endpoint, { bucket, key, uploadId })) as PartInfo[] | 'NoSuchUpload';
}

export async function listObjects(endpoint: string, bucket: string, prefix = ''): Promise<ObjectInfo[]> {
  return (await worker.call('listObjects', endpoint, { bucket, prefix })) as ObjectInfo[];
}

/** Downloads the object (in Python) and returns its SHA-256 as hex, or null if there is no such key. */
export async function objectSha256(endpoint: string, bucket: string, key: string): Promise<string | null> {
  return (await worker.call('objectSha256', endpoint, { bucket, key })) as string | null;
}

/** HeadObject: size, ETag, Content-Type and user metadata, or null if there is no such key. */
export async function headObject(endpoint: string, bucket: string, key: string): Promise<HeadInfo | null> {
  return (await worker.call('headObject', endpoint, { bucket, key })) as HeadInfo | null;
}

/** Puts an object (e.g. an existing key for overwrite tests). Keep it small: the bytes travel base64 over a pipe. */
export async function putObject(
  endpoint: string,
  bucket: string,
  key: string,
  bytes: Uint8Array | string,
): Promise<{ etag: string }> {
  return (await worker.call('putObject', endpoint, { bucket, key, body: b64(bytes) })) as { etag: string };
}

/** Starts a multipart upload and returns its UploadId (e.g. a leftover for sweeper tests). */
export async function createMultipartUpload(endpoint: string, bucket: string, key: string): Promise<string> {
  return (await worker.call('createMultipartUpload', endpoint, { bucket, key })) as string;
}

export async function uploadPart(
  endpoint: string,
  bucket: string,
  key: string,
  uploadId: string,
  partNumber: number,
  bytes: Uint8Array | string,
): Promise<{ etag: string }> {
  return (await worker.call('uploadPart', endpoint, { bucket, key, uploadId, partNumber, body: b64(bytes) })) as {
    etag: string;
  };
}

export async function abortMultipartUpload(
  endpoint: string,
  bucket: string,
  key: string,
  uploadId: string,
): Promise<void> {
  await worker.call('abortMultipartUpload', endpoint, { bucket, key, uploadId });
}

/**
 * Turns versioning on for the bucket; true once the server reports it Enabled. Servers without versioning (versitygw
 * without --versioning-dir) refuse with an S3CheckError.
 */
export async function enableVersioning(endpoint: string, bucket: string): Promise<boolean> {
  return (await worker.call('putBucketVersioning', endpoint, { bucket })) as boolean;
}

export interface ObjectVersions {
  versions: { key: string; versionId: string; isLatest: boolean; size: number; etag: string }[];
  deleteMarkers: { key: string; versionId: string; isLatest: boolean }[];
}

/** Every version and delete marker under the prefix (one page: enough for a test bucket). */
export async function listObjectVersions(endpoint: string, bucket: string, prefix = ''): Promise<ObjectVersions> {
  return (await worker.call('listObjectVersions', endpoint, { bucket, prefix })) as ObjectVersions;
}

/**
 * Runs the AWS CLI (`python -m awscli --endpoint-url <endpoint> ...args`) with the test credentials and returns its
 * stdout; throws with stderr if it exits non-zero. Example: awsCli(endpoint, ['s3', 'cp', 's3://b/k', localPath]).
 * For https endpoints it passes `--ca-bundle $HOIST_TEST_CA_FILE` (the global setup's throwaway CA).
 */
export async function awsCli(endpoint: string, args: string[]): Promise<string> {
  const python = await motoPython();
  // An https test server's certificate comes from the run's throwaway CA (global-setup.ts), not the system bundle.
  const ca = process.env.HOIST_TEST_CA_FILE;
  const caArgs = endpoint.startsWith('https:') && ca ? ['--ca-bundle', ca] : [];
  const r = await run(python, ['-m', 'awscli', '--endpoint-url', endpoint, ...caArgs, ...args], {
    env: awsEnv(),
    timeoutMs: 300_000,
  });
  if (r.code !== 0) throw new Error(`aws ${args.join(' ')} exited ${r.code}: ${r.stderr || r.spawnError?.message}`);
  return r.stdout;
}
