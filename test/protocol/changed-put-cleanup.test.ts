// A file that changes while its single PUT is out: the PUT succeeds, Hoist sees the change, and takes back the object
// it just wrote, and only that object. On every server: the delete names the version the PUT returned, or carries
// If-Match with its ETag, so it can neither hide the version that was there before (versioned bucket) nor remove an
// object someone else wrote meanwhile. Checked with boto3.
import { createHash } from 'node:crypto';
import { utimes } from 'node:fs/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, expect, it } from 'vitest';
import { sdkDataPath, type DataPath, type DataPathKind } from '../../src/engine/s3/lean/data-path';
import { ClientPool } from '../../src/engine/s3/s3-client';
import { FileJob } from '../../src/engine/job/file-job';
import { Limiter } from '../../src/engine/throttle/part-slots';
import { ProgressMeter } from '../../src/engine/queue/progress-meter';
import { freshBucketOn, s3ClientFor, targetFor, type S3Backend } from '../harness/backends';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import {
  enableVersioning,
  headObject,
  listObjectVersions,
  listObjects,
  objectSha256,
  putObject,
  S3CheckError,
} from '../harness/s3-check';
import { describeEachBackendAndPath, directJobSettings, MiB } from './helpers';

afterAll(cleanupTempDirs);

/** What the job sent as DeleteObject, and a hook run when a PutObject has been answered (before the job sees it). */
function instrumented(backend: S3Backend): {
  client: S3Client;
  deletes: Record<string, unknown>[];
  afterPut: { run?: () => Promise<void> };
} {
  const client = s3ClientFor(backend);
  const deletes: Record<string, unknown>[] = [];
  const afterPut: { run?: () => Promise<void> } = {};
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'DeleteObjectCommand') deletes.push({ ...(args.input as Record<string, unknown>) });
      const out = await next(args);
      if (context.commandName === 'PutObjectCommand' && afterPut.run) await afterPut.run();
      return out;
    },
    { step: 'initialize', name: 'hoistTestObserver' },
  );
  return { client, deletes, afterPut };
}

const pool = new ClientPool({ connectTimeoutMs: 5000, requestTimeoutMs: 20_000 });
afterAll(() => pool.destroy());

/**
 * The PUT on the data path under test, with the hook of `instrumented` run once it is answered (the SDK client's
 * middleware sees only the SDK path's PUT; the lean one is wrapped here).
 */
function dataPathFor(
  dataPath: DataPathKind,
  backend: S3Backend,
  client: S3Client,
  bucket: string,
  afterPut: { run?: () => Promise<void> },
): DataPath {
  if (dataPath === 'sdk') return sdkDataPath(() => client);
  const lean = pool.dataPath(targetFor(backend, bucket), 'lean');
  return {
    kind: 'lean',
    async putObject(input, options) {
      const out = await lean.putObject(input, options);
      if (afterPut.run) await afterPut.run();
      return out;
    },
    uploadPart: (input, options) => lean.uploadPart(input, options),
  };
}

async function runJob(client: S3Client, data: DataPath, path: string, bucket: string, key: string): Promise<Error> {
  const settings = directJobSettings();
  const job = new FileJob(
    { path, name: key, bucket, key },
    { control: () => client, data },
    new Limiter(2),
    new ProgressMeter(),
    settings,
    () => undefined,
    'the test server',
  );
  return job.run().then(
    () => new Error('the job finished although its file changed'),
    (err: Error) => err,
  );
}

/** Changes the file's modification time (not its bytes), as an editor saving it would. */
const touch = (path: string) => utimes(path, new Date(), new Date(Date.now() + 60_000));

describeEachBackendAndPath('a single PUT whose file changed', (backend, dataPath) => {
  it('is taken back with If-Match on the ETag it returned: the object is gone, and nothing else was asked', async () => {
    const file = await makeFile(await makeTempDir(), 'changed.bin', 2 * MiB, 91);
    const bucket = await freshBucketOn(backend, 'changed-put');
    const { client, deletes, afterPut } = instrumented(backend);
    let written: string | undefined;
    afterPut.run = async () => {
      written = (await headObject(backend.endpoint, bucket, 'changed.bin'))?.etag;
      await touch(file);
    };
    const error = await runJob(
      client,
      dataPathFor(dataPath, backend, client, bucket, afterPut),
      file,
      bucket,
      'changed.bin',
    );
    // Said as it is: the bucket keeps no versions, so the upload had replaced what the key held before.
    expect(error.message).toMatch(
      /changed while it was uploading.*removed the object it had just written to changed\.bin/,
    );
    expect(error.message).toMatch(/Unless the bucket keeps versions, an object the key held before .* is gone too/);
    expect(written).toBeTruthy();
    expect(deletes).toHaveLength(1);
    // Unversioned bucket: no version ID to name, so the delete is conditional on the object being Hoist's.
    expect(deletes[0]).toEqual({ Bucket: bucket, Key: 'changed.bin', IfMatch: expect.stringContaining(written!) });
    expect(await listObjects(backend.endpoint, bucket)).toEqual([]);
  });

  it('leaves alone an object someone else wrote under the key after the PUT, and says so', async () => {
    const file = await makeFile(await makeTempDir(), 'raced.bin', 2 * MiB, 92);
    const bucket = await freshBucketOn(backend, 'raced-put');
    const { client, afterPut } = instrumented(backend);
    afterPut.run = async () => {
      await putObject(backend.endpoint, bucket, 'raced.bin', 'theirs, written after Hoist');
      await touch(file);
    };
    const error = await runJob(
      client,
      dataPathFor(dataPath, backend, client, bucket, afterPut),
      file,
      bucket,
      'raced.bin',
    );
    expect(error.message).toMatch(
      /"raced\.bin".*could not be removed safely: the key already holds another object.*left alone/,
    );
    expect(error.message).toMatch(/Check that key/);
    expect(await objectSha256(backend.endpoint, bucket, 'raced.bin')).toBe(
      createHash('sha256').update('theirs, written after Hoist').digest('hex'),
    );
  });

  it('in a versioned bucket, deletes only the version it wrote: the previous version is current again, no delete marker', async (ctx) => {
    const bucket = await freshBucketOn(backend, 'versioned-put');
    try {
      if (!(await enableVersioning(backend.endpoint, bucket))) ctx.skip();
    } catch (err) {
      if (!(err instanceof S3CheckError)) throw err;
      // versitygw serves versioning only with --versioning-dir, which the harness does not pass.
      console.log(`[protocol] ${backend.name}: no bucket versioning here (${err.code}); the versioned case is skipped`);
      ctx.skip();
    }
    await putObject(backend.endpoint, bucket, 'photo.jpg', 'the version that was there before');
    const file = await makeFile(await makeTempDir(), 'photo.jpg', 2 * MiB, 93);
    const { client, deletes, afterPut } = instrumented(backend);
    afterPut.run = () => touch(file);
    const error = await runJob(
      client,
      dataPathFor(dataPath, backend, client, bucket, afterPut),
      file,
      bucket,
      'photo.jpg',
    );
    expect(error.message).toMatch(/removed the version it had just written to photo\.jpg.*current again/);
    expect(deletes).toHaveLength(1);
    expect(deletes[0]!['VersionId']).toBeTruthy();
    const { versions, deleteMarkers } = await listObjectVersions(backend.endpoint, bucket);
    expect(deleteMarkers).toEqual([]);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ key: 'photo.jpg', isLatest: true });
    expect(versions[0]!.versionId).not.toBe(deletes[0]!['VersionId']);
    expect(await headObject(backend.endpoint, bucket, 'photo.jpg')).toMatchObject({
      size: 'the version that was there before'.length,
    });
  });
});
