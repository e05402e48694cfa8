// A cancel that lands after the last part was answered and before CompleteMultipartUpload went out (the item still
// reads "uploading": the job is checking that the file did not change). Complete must not be sent: the user pressed
// Cancel, and an object appearing after it breaks the one promise Cancel makes. The job stops, the cleanup aborts the
// upload and verifies it gone, and the bucket holds nothing. On every server and both data paths, checked with boto3.
import { afterAll, expect, it } from 'vitest';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DataPath, DataPathKind } from '../../src/engine/s3/lean/data-path';
import { sdkDataPath } from '../../src/engine/s3/lean/data-path';
import { ClientPool } from '../../src/engine/s3/s3-client';
import { FileJob } from '../../src/engine/job/file-job';
import { Limiter } from '../../src/engine/throttle/part-slots';
import { ProgressMeter } from '../../src/engine/queue/progress-meter';
import { freshBucketOn, s3ClientFor, targetFor, type S3Backend } from '../harness/backends';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { describeEachBackendAndPath, directJobSettings, expectNothingLeft, MiB } from './helpers';

afterAll(cleanupTempDirs);

const pool = new ClientPool({ connectTimeoutMs: 5000, requestTimeoutMs: 20_000 });
afterAll(() => pool.destroy());

/** The client, with every command it sends recorded by name. */
function recording(backend: S3Backend): { client: S3Client; sent: string[] } {
  const client = s3ClientFor(backend);
  const sent: string[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      sent.push(context.commandName ?? '');
      return next(args);
    },
    { step: 'initialize', name: 'hoistTestRecorder' },
  );
  return { client, sent };
}

/** The data path under test, running `afterPart` once each UploadPart was answered (before the job hears of it). */
function dataPathFor(
  dataPath: DataPathKind,
  backend: S3Backend,
  client: S3Client,
  bucket: string,
  afterPart: (partNumber: number) => void,
): DataPath {
  const inner = dataPath === 'sdk' ? sdkDataPath(() => client) : pool.dataPath(targetFor(backend, bucket), 'lean');
  return {
    kind: inner.kind,
    putObject: (input, options) => inner.putObject(input, options),
    async uploadPart(input, options) {
      const out = await inner.uploadPart(input, options);
      afterPart(input.partNumber);
      return out;
    },
  };
}

describeEachBackendAndPath('a cancel after the last part and before Complete', (backend, dataPath) => {
  it('sends no Complete: the upload is aborted and verified gone, and no object appears', async () => {
    const file = await makeFile(await makeTempDir(), 'two-parts.bin', 10 * MiB, 41);
    const bucket = await freshBucketOn(backend, 'stop-before-complete');
    const { client, sent } = recording(backend);
    let stopped: Promise<void> | undefined;
    const data = dataPathFor(dataPath, backend, client, bucket, (n) => {
      // The last part is in: the Cancel click lands in the next turn of the event loop, while the job checks that
      // the file did not change (a stat, in the thread pool) before it goes on to Complete.
      if (n === 2) setImmediate(() => (stopped = job.stop()));
    });
    const job = new FileJob(
      { path: file, name: 'two-parts.bin', bucket, key: 'two-parts.bin' },
      { control: () => client, data },
      new Limiter(1),
      new ProgressMeter(),
      directJobSettings({ partSize: 5 * MiB, multipartThreshold: 5 * MiB, partsPerFile: 1 }),
      () => undefined,
      'the test server',
    );
    const outcome = await job.run().then(
      () => 'finished',
      (err: Error) => err.name,
    );
    await stopped;
    expect(outcome).toBe('AbortError');
    expect(sent).not.toContain('CompleteMultipartUploadCommand');
    expect(await job.cleanup()).toMatchObject({ kind: 'cancelled', cleanup: 'verified' });
    await expectNothingLeft(backend, bucket);
  });
});
