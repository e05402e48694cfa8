// Test connection reports what it could check: "can list" on moto and versitygw; "listing is denied, uploads may still
// work" when only s3:ListBucket is denied, which neither test server can be told to do for one user (versitygw 1.8.0
// has no per-user policy on its posix backend here, moto does not enforce IAM by default), so a proxy in front of moto
// answers HeadBucket and ListObjectsV2 with AccessDenied as S3 does, and forwards the rest (an upload still works).
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createEngine } from '../index';
import { cleanupTempDirs, makeFile, makeTempDir } from '../../../test/harness/fixtures';
import { createBucket, listObjects, testTarget, uniqueBucket } from '../../../test/harness/s3-check';
import { startAnsweringProxy } from '../../../test/cli/servers';

afterAll(cleanupTempDirs);

const backends = inject('s3Backends').filter((b) => b.name === 'moto' || b.name === 'versitygw');
const moto = inject('s3Endpoint');

const ACCESS_DENIED = `<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>1</RequestId></Error>`;

describe('Test connection', () => {
  for (const backend of backends) {
    it(`${backend.name}: a bucket that can be listed says so`, async () => {
      const bucket = uniqueBucket(`check-${backend.name}`);
      await createBucket(backend.endpoint, bucket);
      const eng = createEngine();
      try {
        const check = await eng.testConnection(testTarget(backend.endpoint, bucket), bucket);
        expect(check).toMatchObject({ ok: true, kind: 'ok' });
        expect(check.message).toBe(
          `Connected to ${backend.endpoint}; bucket "${bucket}" is reachable and can be listed.`,
        );
        const missing = await eng.testConnection(testTarget(backend.endpoint, bucket), `${bucket}-none`);
        expect(missing).toMatchObject({ ok: false, kind: 'bucket-missing' });
      } finally {
        await eng.close();
      }
    });
  }

  it('only ListBucket denied: connected, "uploads may still work", and an upload does work', async () => {
    const bucket = uniqueBucket('check-nolist');
    await createBucket(moto, bucket);
    const denying = await startAnsweringProxy(moto, (req) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const bucketLevel = url.pathname.replace(/\/$/, '') === `/${bucket}`;
      if (bucketLevel && (req.method === 'HEAD' || (req.method === 'GET' && !url.searchParams.has('uploads'))))
        return { status: 403, contentType: 'application/xml', body: req.method === 'HEAD' ? '' : ACCESS_DENIED };
      return undefined;
    });
    const eng = createEngine();
    try {
      const check = await eng.testConnection(testTarget(denying.endpoint, bucket), bucket);
      expect(check).toMatchObject({ ok: true, kind: 'ok' });
      expect(check.message).toContain(`listing bucket "${bucket}" is denied (s3:ListBucket). Uploads may still work`);
      expect(check.text?.key).toBe('credentials.check.listDenied');
      expect(denying.answered).toEqual([`HEAD /${bucket}/`, `GET /${bucket}/?list-type=2&max-keys=1`]);
      const dir = await makeTempDir();
      const file = await makeFile(dir, 'a.bin', 10_000);
      const { items } = await eng.add([file], testTarget(denying.endpoint, bucket));
      await eng.idle();
      expect(eng.get(items[0]!.id)?.state.kind).toBe('done');
      expect((await listObjects(moto, bucket)).map((o) => o.key)).toEqual(['a.bin']);
    } finally {
      await eng.close();
      await denying.close();
    }
  });
});
