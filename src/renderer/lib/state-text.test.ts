import { describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n';
import { ALLOWED_TRANSITIONS, type UploadState, type UploadStateKind } from '../../shared/upload-state';
import { hasDetails, stateText, stateTone } from './state-text';

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

  it('a cancelled file says how far it got, with the percent its bar shows', () => {
    const en = translator('en');
    expect(stateText({ kind: 'cancelled', cleanup: 'verified' }, en, 0, 48)).toBe('Cancelled at 48%: parts cleaned up');
    expect(stateText({ kind: 'cancelled', cleanup: 'verified' }, translator('ja'), 0, 48)).toBe(
      '48% でキャンセル：パートを削除しました',
    );
    expect(stateText({ kind: 'cancelled', cleanup: 'none-needed' }, en, 0, 30)).toBe('Cancelled at 30%');
    // Never started: nothing to say about how far.
    expect(stateText({ kind: 'cancelled', cleanup: 'none-needed' }, en, 0, 0)).toBe('Cancelled');
    // The whole file had arrived and was kept: a percent would only repeat 100.
    expect(stateText({ kind: 'cancelled', cleanup: 'object-kept' }, en, 0, 100)).toBe(
      'Cancelled, but the file had already arrived and was kept',
    );
    // Without a percent (a notification), the shorter wording.
    expect(stateText({ kind: 'cancelled', cleanup: 'verified' }, en)).toBe('Cancelled: parts cleaned up');
  });

  it('offers Details for errors, not for waiting on the network', () => {
    const error = { code: 'NoSuchBucket', message: 'gone' };
    expect(hasDetails({ kind: 'failed', error, cleanup: 'none-needed' })).toBe(true);
    expect(hasDetails({ kind: 'cleanup-failed', error })).toBe(true);
    expect(hasDetails({ kind: 'retrying', attempt: 1, retryAt: 0, reason: 'SlowDown (HTTP 503)' })).toBe(true);
    const network = {
      kind: 'retrying' as const,
      attempt: 1,
      retryAt: 0,
      reason: 'x',
      reasonCode: 'EndpointUnreachable',
    };
    expect(hasDetails(network)).toBe(false);
    expect(hasDetails({ kind: 'uploading' })).toBe(false);
  });

  it("words an engine error in the window's language when main sent it as keys, else in main's English", () => {
    const keyed = {
      code: 'NoSuchBucket',
      message: 'English words from main',
      text: {
        key: 'engineError.NoSuchBucket' as const,
        params: { bucket: 'photoz', endpoint: 'http://127.0.0.1:9000' },
      },
    };
    const ja = translator('ja');
    const inJapanese = stateText({ kind: 'failed', error: keyed, cleanup: 'none-needed' }, ja);
    expect(inJapanese).toBe(ja('state.failed', { reason: ja(keyed.text.key, keyed.text.params) }));
    expect(inJapanese).not.toContain('English words');
    const plain = { code: 'X', message: 'Only English' };
    expect(stateText({ kind: 'failed', error: plain, cleanup: 'none-needed' }, ja)).toBe('失敗：Only English');
  });
});
