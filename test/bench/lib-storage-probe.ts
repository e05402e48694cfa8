// Measures what @aws-sdk/lib-storage's Upload does on abort(), through the same fault proxy the tests use, so that
// the README's reason for not using it rests on a figure from this machine and this SDK version, not on hearsay.
import { performance } from 'node:perf_hooks';
import { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { startFaultProxy } from '../harness/fault-proxy';
import { makeBytes } from '../harness/fixtures';
import { createBucket, listMultipartUploads, uniqueBucket } from '../harness/s3-check';

export interface LibStorageProbe {
  doneRejectedAfterMs: number;
  bytesAfterAbort: number;
  lastByteAfterAbortMs: number;
  uploadsLeftAtReject: number;
  uploadsLeftAfter3s: number;
  progressEvents: number;
}

export async function probeLibStorage(endpoint: string): Promise<LibStorageProbe> {
  const bucket = uniqueBucket('libstorage');
  await createBucket(endpoint, bucket);
  const proxy = await startFaultProxy(endpoint);
  proxy.throttle(8 * 1024 * 1024);
  const client = new S3Client({
    endpoint: proxy.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const upload = new Upload({
    client,
    params: { Bucket: bucket, Key: 'probe.bin', Body: makeBytes(64 * 1024 * 1024, 9) },
    partSize: 8 * 1024 * 1024,
    queueSize: 4,
  });
  let progressEvents = 0;
  upload.on('httpUploadProgress', () => progressEvents++);
  const done = upload.done();
  await new Promise((r) => setTimeout(r, 1500));
  const abortAt = performance.now();
  const bytesAtAbort = proxy.bytesUp;
  await upload.abort();
  let rejectedAt = abortAt;
  await done.catch(() => (rejectedAt = performance.now()));
  const uploadsLeftAtReject = (await listMultipartUploads(endpoint, bucket)).length;
  await new Promise((r) => setTimeout(r, 3000));
  const result = {
    doneRejectedAfterMs: rejectedAt - abortAt,
    bytesAfterAbort: proxy.bytesUp - bytesAtAbort,
    lastByteAfterAbortMs: proxy.lastUpByteAt - abortAt,
    uploadsLeftAtReject,
    uploadsLeftAfter3s: (await listMultipartUploads(endpoint, bucket)).length,
    progressEvents,
  };
  client.destroy();
  await proxy.close();
  return result;
}
