// A kill that lands between CompleteMultipartUpload and the journal's update leaves a journal entry for an upload the
// server no longer lists (it became the object). A resume must find the object and call the upload done instead of
// sending the whole file again, but must not take an older object at the key for it.
import { afterAll, describe, expect, it } from 'vitest';
import { stat } from 'node:fs/promises';
import { Journal, type JournalEntry } from '../../src/engine/journal/journal-store';
import { cleanupTempDirs, makeFile, makeTempDir, sha256File } from '../harness/fixtures';
import { headObject, objectSha256 } from '../harness/s3-check';
import { engine, freshBucket, s3, target } from './helpers';

const MiB = 1024 * 1024;
afterAll(cleanupTempDirs);

/** Uploads the file, then leaves the journal entry a kill right after its completion would have left. */
async function completedThenKilled(name: string, seed: number, startedAt: (uploadedAt: number) => number) {
  const dir = await makeTempDir();
  const stateDir = await makeTempDir('hoist-state-');
  const file = await makeFile(dir, name, 12 * MiB, seed);
  const bucket = await freshBucket('completed');
  const before = Date.now();
  const first = engine();
  await first.add([file], target(bucket, ''));
  await first.idle();
  await first.close();
  const st = await stat(file);
  const entry: JournalEntry = {
    version: 1,
    path: file,
    size: st.size,
    mtimeMs: st.mtimeMs,
    endpointUrl: s3(),
    region: 'us-east-1',
    forcePathStyle: true,
    checksum: 'auto',
    bucket,
    key: name,
    uploadId: `gone-${seed}`,
    partSize: 8 * MiB,
    parts: [{ partNumber: 1, etag: '"x"' }],
    startedAt: startedAt(before),
  };
  await new Journal(stateDir).write(entry);
  const second = engine({ stateDir });
  const [item] = second.restore(await second.interrupted(), (j) => target(j.bucket, '', {}, s3()));
  second.resumeAll();
  await second.idle();
  const state = second.get(item!.id)!.state;
  await second.close();
  return { state, bucket, file, stateDir };
}

describe('resume after a kill that followed the completion', () => {
  it('finds the object and calls the upload done, sending nothing', async () => {
    const { state, bucket, file, stateDir } = await completedThenKilled(
      'finished.bin',
      61,
      (uploadedAt) => uploadedAt - 500,
    );
    expect(state).toMatchObject({ kind: 'done', bytesSent: 0 });
    expect(await objectSha256(s3(), bucket, 'finished.bin')).toBe(await sha256File(file));
    expect(await new Journal(stateDir).list()).toEqual([]);
  });

  it('does not take an object older than the upload for it: the file is sent again', async () => {
    const { state, bucket, file } = await completedThenKilled('older.bin', 62, (uploadedAt) => uploadedAt + 60_000);
    expect(state).toMatchObject({ kind: 'done', bytesSent: 12 * MiB });
    expect((await headObject(s3(), bucket, 'older.bin'))?.etag).toMatch(/-2"?$/);
    expect(await objectSha256(s3(), bucket, 'older.bin')).toBe(await sha256File(file));
  });
});
