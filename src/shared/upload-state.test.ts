import { describe, expect, it } from 'vitest';
import { ALLOWED_TRANSITIONS, canTransition, isCancellable, isFinished, isRetryable, type UploadStateKind } from './upload-state';

describe('upload state transitions', () => {
  it('lets a cancel end only in cancelled, cleanup-failed, or done when the object had landed', () => {
    expect(ALLOWED_TRANSITIONS.cancelling).toEqual(['cancelled', 'cleanup-failed', 'done']);
  });
  it('never leaves done', () => {
    expect(ALLOWED_TRANSITIONS.done).toEqual([]);
  });
  it('cannot go from queued straight to done or from cancelled to uploading', () => {
    expect(canTransition('queued', 'done')).toBe(false);
    expect(canTransition('cancelled', 'uploading')).toBe(false);
  });
  it('names only known states in the table', () => {
    const kinds = Object.keys(ALLOWED_TRANSITIONS) as UploadStateKind[];
    for (const targets of Object.values(ALLOWED_TRANSITIONS)) for (const t of targets) expect(kinds).toContain(t);
  });
  it('classifies states for the buttons', () => {
    expect(isCancellable('uploading')).toBe(true);
    expect(isCancellable('done')).toBe(false);
    expect(isRetryable('failed')).toBe(true);
    expect(isFinished('cleanup-failed')).toBe(true);
  });
});
