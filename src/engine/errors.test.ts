import { describe, expect, it } from 'vitest';
import { classify } from './errors';

const ctx = { file: '/home/u/a.bin', bucket: 'photos', key: 'a.bin', endpoint: 'http://127.0.0.1:9000' };
const sdkError = (name: string, status?: number, fault?: 'client' | 'server') =>
  Object.assign(new Error(name), { name, $fault: fault, $metadata: { httpStatusCode: status } });

describe('classify', () => {
  it.each(['AccessDenied', 'NoSuchBucket', 'InvalidAccessKeyId', 'SignatureDoesNotMatch'])('%s is permanent', (name) => {
    expect(classify(sdkError(name, 403, 'client'), ctx).class).toBe('permanent');
  });

  it('names the bucket and the endpoint for NoSuchBucket', () => {
    const c = classify(sdkError('NoSuchBucket', 404, 'client'), ctx);
    expect(c.message).toContain('"photos"');
    expect(c.message).toContain('http://127.0.0.1:9000');
  });

  it.each([
    ['SlowDown', 503],
    ['InternalError', 500],
    ['RequestTimeout', 400],
  ])('%s is transient', (name, status) => {
    expect(classify(sdkError(name, status, 'server'), ctx).class).toBe('transient');
  });

  it('treats connection resets as transient and refused connections as unreachable', () => {
    expect(classify(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), ctx).class).toBe('transient');
    const refused = classify(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), ctx);
    expect(refused.class).toBe('unreachable');
    expect(refused.message).toContain('http://127.0.0.1:9000');
  });

  it('recognises aborts', () => {
    const e = new Error('x');
    e.name = 'AbortError';
    expect(classify(e, ctx).class).toBe('aborted');
  });
});
