import { describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n';
import { ALLOWED_TRANSITIONS, type UploadState, type UploadStateKind } from '../../shared/upload-state';
import { stateText, stateTone } from './state-text';

/** One state of each kind, with whatever fields it needs. */
function sample(kind: UploadStateKind): UploadState {
  const error = { code: 'X', message: 'why' };
  switch (kind) {
    case 'retrying':
      return { kind, attempt: 2, retryAt: 0, reason: 'SlowDown' };
    case 'failing':
      return { kind, error };
    case 'cancelled':
      return { kind, cleanup: 'verified' };
    case 'cleanup-failed':
      return { kind, error };
    case 'failed':
      return { kind, error, cleanup: 'none-needed' };
    case 'done':
      return { kind, etag: '"e"', bytesSent: 1 };
    default:
      return { kind } as UploadState;
  }
}

describe('state text', () => {
  it('says every state in plain words in both languages, never a message key', () => {
    for (const language of ['en', 'ja'] as const) {
      const t = translator(language);
      for (const kind of Object.keys(ALLOWED_TRANSITIONS) as UploadStateKind[]) {
        const text = stateText(sample(kind), t, 1000);
        expect(text, `${language} ${kind}`).not.toMatch(/^state\./);
        expect(text.length, `${language} ${kind}`).toBeGreaterThan(0);
      }
    }
  });

  it('shows a pause under way as such, as busy as a cancel under way', () => {
    expect(stateText({ kind: 'pausing' }, translator('en'))).toBe('Pausing…');
    expect(stateText({ kind: 'pausing' }, translator('ja'))).toBe('一時停止中…');
    expect(stateTone({ kind: 'pausing' })).toBe(stateTone({ kind: 'cancelling' }));
  });
});
