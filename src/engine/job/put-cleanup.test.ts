// putOutcome after a single PUT whose body went out whole: a HEAD that fails is "could not check", never "nothing".
import { expect, it } from 'vitest';
import type { ControlClient } from '../s3/s3-sdk';
import type { PutLeft } from './job-types';
import { putOutcome, putRemains } from './put-cleanup';

const job = {
  file: { path: '/nowhere/photo.jpg', name: 'photo.jpg', bucket: 'b', key: 'k' },
  size: 10,
  endpoint: 'loopback',
};

/** A control client whose every HeadObject fails with err. */
function failingHeads(err: Error): ControlClient {
  return { send: () => Promise.reject(err) } as unknown as ControlClient;
}

const whole = (): PutLeft => ({ kind: 'put', startedAt: Date.now(), body: 'whole', unchecked: false });

it('does not say nothing was stored when the HEADs are refused (403 with upload-only keys)', async () => {
  const denied = Object.assign(new Error('Access Denied'), {
    name: 'AccessDenied',
    $metadata: { httpStatusCode: 403 },
  });
  const outcome = await putOutcome(failingHeads(denied), job, whole());
  expect(outcome).toMatchObject({ kind: 'cleanup-failed' });
  expect(outcome.kind === 'cleanup-failed' && outcome.message).toContain('AccessDenied');
});

it('says nothing was stored when the key is not there', async () => {
  const missing = Object.assign(new Error('Not Found'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } });
  expect(await putOutcome(failingHeads(missing), job, whole())).toEqual({ kind: 'cancelled', cleanup: 'none-needed' });
});

it('after a failed PUT with its answer lost: names an object it cannot tell from the file, or a refused look', async () => {
  const since = Date.now();
  // An object written since the PUT started, of the file's size, whose ETag is not an MD5 (SSE-KMS): not told apart.
  const kms = {
    send: async () => ({ ContentLength: 10, ETag: '"kms-etag"', LastModified: new Date(since + 5) }),
  } as unknown as ControlClient;
  const unsure = await putRemains(kms, job.file, { ...whole(), startedAt: since }, 10, 'loopback');
  expect(unsure).toMatchObject({ found: 'other', message: 'engineError.cleanup.putLostUnsure' });
  const denied = Object.assign(new Error('Access Denied'), {
    name: 'AccessDenied',
    $metadata: { httpStatusCode: 403 },
  });
  const unlooked = await putRemains(failingHeads(denied), job.file, whole(), 10, 'loopback');
  expect(unlooked).toMatchObject({ found: 'other', message: 'engineError.cleanup.putLostUnlooked' });
  expect(unlooked.found === 'other' && unlooked.params.detail).toBe('HeadObject: AccessDenied, HTTP 403');
});
