// What the S3 server holds, asked with the harness's boto3 checkers (never the JS SDK the app uses).
import { expect } from 'vitest';
import { listMultipartUploads, listObjects, objectSha256 } from '../../harness/s3-check';
import { sha256File } from '../../harness/fixtures';

export interface ServerState {
  objects: string[];
  /** Keys of the incomplete multipart uploads. */
  uploads: string[];
}

export async function serverState(endpoint: string, bucket: string): Promise<ServerState> {
  const [objects, uploads] = await Promise.all([listObjects(endpoint, bucket), listMultipartUploads(endpoint, bucket)]);
  return { objects: objects.map((o) => o.key).sort(), uploads: uploads.map((u) => u.key).sort() };
}

/** Each key's object on the server has the same SHA-256 as the local file. */
export async function expectSameBytes(endpoint: string, bucket: string, files: Record<string, string>): Promise<void> {
  for (const [key, path] of Object.entries(files)) {
    const [remote, local] = await Promise.all([objectSha256(endpoint, bucket, key), sha256File(path)]);
    expect(remote, `object ${bucket}/${key}`).toBe(local);
  }
}
