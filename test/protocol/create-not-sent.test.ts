// A CreateMultipartUpload that never left the machine: the SDK refused it before sending (no credentials anywhere, the
// most common first-run mistake). It cannot have made an upload, so the failure must say nothing is left behind
// (cleanup 'none-needed', not 'failed' with an unknown upload ID), and a Retry with credentials must upload the file.
// Before, every create error without an HTTP status that was not a refused connection counted as "may have made an
// upload": the item failed with cleanup 'failed', and a Retry could never succeed, since the look for that unnamed
// upload (finding none) cannot confirm that there is none.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEngine } from '../../src/engine';
import { freshBucketOn, targetFor, describeEachBackend, type S3Backend } from '../harness/backends';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { listMultipartUploads, listObjects } from '../harness/s3-check';
import { inState, waitFor } from '../engine/helpers';
import { MiB } from './helpers';

/** Nothing the SDK's default chain could find credentials in: no variables, no files, no instance metadata. */
const NO_CREDENTIALS: Record<string, string | undefined> = {
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  AWS_DEFAULT_PROFILE: undefined,
  AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
  AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
  AWS_CONFIG_FILE: '/nonexistent/hoist-test/config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/hoist-test/credentials',
  AWS_EC2_METADATA_DISABLED: 'true',
};
const saved: Record<string, string | undefined> = {};

beforeAll(() => {
  for (const [name, value] of Object.entries(NO_CREDENTIALS)) {
    saved[name] = process.env[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await cleanupTempDirs();
});

describeEachBackend('a create the SDK refused before sending it (no credentials)', (backend: S3Backend) => {
  it('fails with nothing left to clean up, and a Retry with credentials uploads the file', async () => {
    const file = await makeFile(await makeTempDir(), 'nocreds.bin', 9 * MiB, 5);
    const bucket = await freshBucketOn(backend, 'nocreds');
    const withKeys = targetFor(backend, bucket);
    const eng = createEngine({ retryBaseDelayMs: 20, partSize: 5 * MiB, multipartThreshold: 5 * MiB });
    try {
      const { items } = await eng.add([file], { ...withKeys, credentials: undefined });
      const id = items[0]!.id;
      await waitFor(eng, id, inState('failed', 'done', 'cleanup-failed'), 30_000);
      const failed = eng.get(id)!.state;
      expect(failed).toMatchObject({ kind: 'failed', cleanup: 'none-needed' });
      expect(failed.kind === 'failed' && failed.uploadId).toBeFalsy();
      expect(await listMultipartUploads(backend.endpoint, bucket)).toEqual([]);

      eng.retry(id, withKeys);
      await waitFor(eng, id, inState('failed', 'done', 'cleanup-failed'), 30_000);
      expect(eng.get(id)!.state.kind).toBe('done');
      expect((await listObjects(backend.endpoint, bucket)).map((o) => o.key)).toEqual(['nocreds.bin']);
      expect(await listMultipartUploads(backend.endpoint, bucket)).toEqual([]);
    } finally {
      await eng.close();
    }
  });
});
