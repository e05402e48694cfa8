import { describe, expect, it } from 'vitest';
import { translate, translator } from '../../shared/i18n';
import type { UploadError, UploadState } from '../../shared/upload-state';
import { noticeMessageIn, noticeParams } from '../../shared/message-text';
import { errorText, retryReasonText } from './error-text';

// The engine's real errors through the same code are in src/engine/s3/error-text.test.ts; these are the shapes main
// sends: with keys, without (an older main), and with a key this window does not know (a newer one).
const ja = translator('ja');
const en = translator('en');

const missing = { key: 'engineError.FileMissing', params: { file: '/data/photo.jpg' } } as const;
const withKeys: UploadError = {
  code: 'FileMissing',
  message: translate('en', missing.key, missing.params),
  text: { ...missing, more: [{ key: 'engineError.gaveUpAfterAttempts', params: { count: 3 } }] },
};

describe('errorText', () => {
  it('shows a keyed error in the window’s language, its sentences joined as the language writes them', () => {
    expect(errorText(withKeys, ja)).toBe(
      '/data/photo.jpg が見つかりません。元の場所に戻したら、もう一度アップロードしてください。3 回試して諦めました。',
    );
    expect(errorText(withKeys, en)).toBe(
      '/data/photo.jpg no longer exists; upload it again once it is back. Gave up after 3 attempts.',
    );
  });

  it('shows the English message when there are no keys, or a key this window does not know', () => {
    expect(errorText({ code: 'X', message: 'From an older main.' }, ja)).toBe('From an older main.');
    const newer = {
      ...withKeys,
      message: 'From a newer main.',
      text: { key: 'engineError.fromTheFuture', params: {} },
    };
    expect(errorText(newer as unknown as UploadError, ja)).toBe('From a newer main.');
    const halfKnown = { ...withKeys, text: { ...missing, more: [{ key: 'engineError.fromTheFuture', params: {} }] } };
    expect(errorText(halfKnown as unknown as UploadError, ja)).toBe(withKeys.message);
  });

  it('says why an upload is retrying in the window’s language, or in English without keys', () => {
    const reason = {
      key: 'engineError.transient.codeStatus',
      params: { endpoint: 'http://s3', code: 'SlowDown', status: 503, key: 'a' },
    } as const;
    const state: Extract<UploadState, { kind: 'retrying' }> = {
      kind: 'retrying',
      attempt: 2,
      retryAt: 0,
      reason: translate('en', reason.key, reason.params),
      reasonText: reason,
    };
    expect(retryReasonText(state, ja)).toBe(
      'http://s3 が a について SlowDown（HTTP 503）を返しました。再試行で解決する可能性があります。',
    );
    expect(retryReasonText({ ...state, reasonText: undefined }, ja)).toBe(
      'http://s3 answered SlowDown (HTTP 503) for a; retrying may help.',
    );
  });
});

describe('notices that carry an engine message', () => {
  it('show the message in the window’s language, and the English words when the keys are missing or damaged', () => {
    const params = { count: '2', ...noticeParams(withKeys) };
    expect(noticeMessageIn(params, ja)).toEqual({
      count: '2',
      message: errorText(withKeys, ja),
      messageText: params.messageText,
    });
    expect(noticeMessageIn({ message: 'Plain.' }, ja)).toEqual({ message: 'Plain.' });
    expect(noticeMessageIn({ message: 'Plain.', messageText: '{not json' }, ja).message).toBe('Plain.');
    expect(noticeMessageIn({ message: 'Plain.', messageText: 'null' }, ja).message).toBe('Plain.');
  });
});
