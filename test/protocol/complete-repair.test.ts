// Complete answers InvalidPart when the server holds other bytes for a part than those it took from Hoist. That is
// how `hoist resume` after a `kill -9` through a proxy once failed on versitygw (--checksum off): the proxy still
// forwarded the killed run's part after the resume had sent that part again, and the server kept the later, cut-off
// body. The job now lists the parts, sends again those whose ETag differs, and completes: the object is the file and
// nothing is left. Here the late write is made on purpose while the proxy holds Complete back.
import { afterAll, expect, it } from 'vitest';
import { createEngine } from '../../src/engine';
import { freshBucketOn, targetFor, type S3Backend } from '../harness/backends';
import { cleanupTempDirs, makeFile, makeTempDir, sha256File } from '../harness/fixtures';
import { listMultipartUploads, objectSha256, uploadPart } from '../harness/s3-check';
import { inState, waitFor } from '../engine/helpers';
import { describeEachBackendAndPath, MiB, proxyable, useProxyTo } from './helpers';

afterAll(cleanupTempDirs);

const COMPLETE = /^POST [^ ]*\?uploadId=/;
const PART_2 = /^PUT [^ ]*[?&]partNumber=2(&|$)/;

describeEachBackendAndPath(
  'a part overwritten before Complete',
  (backend: S3Backend, dataPath) => {
    const proxy = useProxyTo(backend);

    for (const checksum of ['off', 'auto'] as const) {
      it(`--checksum ${checksum}: Complete's InvalidPart sends that part again, and the object is the file`, async () => {
        const dir = await makeTempDir();
        const file = await makeFile(dir, 'late.bin', 12.5 * MiB, 7);
        const bucket = await freshBucketOn(backend, `late-part-${checksum}`);
        const eng = createEngine({ retryBaseDelayMs: 20, dataPath, partSize: 5 * MiB, multipartThreshold: 5 * MiB });
        proxy().delayRequests(COMPLETE, 1000);
        const target = targetFor(backend, bucket, '', { endpointUrl: proxy().endpoint, checksum });
        const { items } = await eng.add([file], target);
        const complete = await proxy().waitForRequest(COMPLETE, 30_000);
        const uploadId = new URL(complete.target, 'http://x').searchParams.get('uploadId')!;
        // The late write, straight to the server: part 2 at its full length, zero-filled as versitygw keeps a body
        // whose sender died.
        await uploadPart(backend.endpoint, bucket, 'late.bin', uploadId, 2, new Uint8Array(5 * MiB));
        const done = await waitFor(eng, items[0]!.id, inState('done', 'failed'), 60_000);
        expect(done.state.kind, JSON.stringify(done.state)).toBe('done');
        expect(await objectSha256(backend.endpoint, bucket, 'late.bin')).toBe(await sha256File(file));
        expect(await listMultipartUploads(backend.endpoint, bucket)).toEqual([]);
        // Part 2 went out twice and Complete was asked twice; parts 1 and 3, which the server held intact, once.
        const seen = (re: RegExp) => proxy().requests.filter((r) => re.test(`${r.method} ${r.target}`)).length;
        expect(seen(PART_2)).toBe(2);
        expect(seen(COMPLETE)).toBe(2);
        expect(seen(/^PUT /)).toBe(4);
        await eng.close();
      }, 90_000);
    }
  },
  proxyable,
);
