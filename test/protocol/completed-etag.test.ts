// The ETag a completed multipart upload gets, as Hoist predicts it from its parts (resume-parts.ts multipartEtag):
// a cancel during Complete, or a Complete retried after a cut answer, tells the object it made by that ETag, whatever
// the server's clock says. Checked against what each server gives the object.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, expect, it } from 'vitest';
import { createEngine } from '../../src/engine';
import { multipartEtag } from '../../src/engine/job/resume-parts';
import { describeEachBackend, freshBucketOn, targetFor, type S3Backend } from '../harness/backends';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { headObject } from '../harness/s3-check';
import { MiB } from './helpers';

afterAll(cleanupTempDirs);

describeEachBackend('the ETag of a completed multipart upload', (backend: S3Backend) => {
  it('is the one Hoist predicts from its parts', async () => {
    const partSize = 5 * MiB;
    const file = await makeFile(await makeTempDir(), 'parts.bin', 2 * partSize + 1234, 51);
    const bucket = await freshBucketOn(backend, 'etag');
    const eng = createEngine({ retryBaseDelayMs: 20, partSize, multipartThreshold: partSize });
    try {
      const { items } = await eng.add([file], targetFor(backend, bucket));
      await eng.idle();
      expect(eng.get(items[0]!.id)?.state.kind).toBe('done');
    } finally {
      await eng.close();
    }
    // Each part's ETag as S3 gives it: the MD5 of its bytes.
    const bytes = await readFile(file);
    const parts = [0, 1, 2].map((n) => ({
      ETag: `"${createHash('md5')
        .update(bytes.subarray(n * partSize, Math.min(bytes.length, (n + 1) * partSize)))
        .digest('hex')}"`,
    }));
    const head = await headObject(backend.endpoint, bucket, 'parts.bin');
    // The harness gives the ETag without its quotes.
    expect(`"${head?.etag}"`).toBe(multipartEtag(parts));
  });
});
