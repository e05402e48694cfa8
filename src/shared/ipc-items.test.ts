import { describe, expect, it } from 'vitest';
import { uploadStateSchema } from './ipc-items';

// The queue's states pass through these schemas on their way to the window: a field they leave out is dropped there.
const text = {
  key: 'engineError.FileMissing',
  params: { file: '/data/a.bin' },
  more: [{ key: 'engineError.gaveUpAfterAttempts', params: { count: 3 } }],
};

describe('upload state schema: messages as keys', () => {
  it('keeps an error’s keys and a retry reason’s keys', () => {
    const failed = { kind: 'failed', error: { code: 'FileMissing', message: 'm', text }, cleanup: 'none-needed' };
    expect(uploadStateSchema.parse(failed)).toEqual(failed);
    const retrying = {
      kind: 'retrying',
      attempt: 1,
      retryAt: 5,
      reason: 'r',
      reasonCode: 'SlowDown',
      reasonText: text,
    };
    expect(uploadStateSchema.parse(retrying)).toEqual(retrying);
  });

  it('lets through a key this build does not know (the window falls back to the English words)', () => {
    const error = { code: 'X', message: 'm', text: { key: 'engineError.fromTheFuture', params: {} } };
    expect(uploadStateSchema.safeParse({ kind: 'failing', error }).success).toBe(true);
  });

  it('refuses values that are not text or numbers', () => {
    const error = {
      code: 'X',
      message: 'm',
      text: { key: 'engineError.FileMissing', params: { file: { path: '/a' } } },
    };
    expect(uploadStateSchema.safeParse({ kind: 'failing', error }).success).toBe(false);
  });
});
