// putOutcome after a single PUT whose body went out whole: a HEAD that fails is "could not check", never "nothing".
import { expect, it } from 'vitest';
import type { ControlClient } from '../s3/s3-sdk';
import type { PutLeft } from './job-types';
import { putOutcome } from './put-cleanup';

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
