// The engine's own messages as the window shows them (shared/message-text.ts, which the renderer's errorText() uses):
// errors its builders make of real failures (a missing file, a refused and a dropped connection, a bad key), in
// Japanese, and in English exactly as the CLI prints them.
import { stat } from 'node:fs/promises';
import { get } from 'node:http';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n';
import { messageIn as errorText, retryReasonIn as retryReasonText } from '../../shared/message-text';
import type { UploadState } from '../../shared/upload-state';
import { changedError } from '../job/file-stamp';
import { validateKey } from '../plan/keys';
import { problemFor } from '../plan/walk-messages';
import { classify, type ClassifiedError } from './errors';
import { RequestFailed, withRetries, type RetryPolicy } from './with-retries';

const ja = translator('ja');
const en = translator('en');

/** A port that refuses connections: one that was listened on and closed. */
let refusedPort: number;
/** A server that accepts each connection and drops it at once: a request to it fails mid-way. */
let dropper: Server;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  const closed = createServer();
  refusedPort = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
  dropper = createServer((socket) => socket.destroy());
  await listen(dropper);
});

afterAll(async () => {
  await new Promise((resolve) => dropper.close(resolve));
});

/** One GET with Node's own client, as the SDK's handler sends it; rejects with what the socket failed with. */
function request(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = get(url, { timeout: 5000, agent: false }, (res) => {
      res.resume();
      resolve();
    });
    req.on('timeout', () => req.destroy(new Error('test request timed out')));
    req.on('error', reject);
  });
}

const ctx = (endpoint: string) => ({ file: '/data/photo.jpg', bucket: 'photos', key: 'photo.jpg', endpoint });

/** What the engine makes of whatever `run` throws. */
async function failureOf(run: () => Promise<unknown>, endpoint: string): Promise<ClassifiedError> {
  try {
    await run();
  } catch (err) {
    return err instanceof RequestFailed ? err.detail : classify(err, ctx(endpoint));
  }
  throw new Error('expected a failure');
}

const policy = (maxAttempts: number): RetryPolicy => ({ maxAttempts, baseDelayMs: 1, unreachableBudgetMs: 0 });

describe('the engine’s messages in the window’s language', () => {
  it('shows a file that is gone in Japanese, keeping its path', async () => {
    const error = await failureOf(() => stat('/data/photo.jpg/not-there'), 'http://127.0.0.1:1');
    expect(error.code).toBe('FileMissing');
    expect(errorText(error, ja)).toBe(
      '/data/photo.jpg が見つかりません。元の場所に戻したら、もう一度アップロードしてください。',
    );
    expect(errorText(error, en)).toBe(error.message);
    expect(error.message).toBe('/data/photo.jpg no longer exists; upload it again once it is back.');
  });

  it('joins an unreachable endpoint and its give-up into Japanese sentences, the English unchanged', async () => {
    const endpoint = `http://127.0.0.1:${refusedPort}`;
    const error = await failureOf(
      () => withRetries(() => request(endpoint), policy(3), ctx(endpoint), new AbortController().signal),
      endpoint,
    );
    expect(error.code).toBe('EndpointUnreachable');
    expect(error.message).toBe(
      `Cannot reach ${endpoint} (ECONNREFUSED). Check the endpoint URL and your network. Gave up after 0 s.`,
    );
    expect(errorText(error, ja)).toBe(
      `${endpoint} に接続できません（ECONNREFUSED）。エンドポイント URL とネットワークを確認してください。0 秒で諦めました。`,
    );
    expect(errorText(error, en)).toBe(error.message);
  });

  it('counts attempts as one or many in both languages', async () => {
    const endpoint = `http://127.0.0.1:${(dropper.address() as AddressInfo).port}`;
    const giveUp = (attempts: number) =>
      failureOf(
        () => withRetries(() => request(endpoint), policy(attempts), ctx(endpoint), new AbortController().signal),
        endpoint,
      );
    const once = await giveUp(1);
    const twice = await giveUp(2);
    expect(once.message).toMatch(/; retrying may help\. Gave up after 1 attempt\.$/);
    expect(twice.message).toMatch(/; retrying may help\. Gave up after 2 attempts\.$/);
    expect(errorText(once, ja)).toMatch(/再試行で解決する可能性があります。1 回試して諦めました。$/);
    expect(errorText(twice, ja)).toMatch(/再試行で解決する可能性があります。2 回試して諦めました。$/);
    expect([errorText(once, en), errorText(twice, en)]).toEqual([once.message, twice.message]);
  });

  it('shows a changed file, an unusable key and an unreadable folder in Japanese', async () => {
    const changed = classify(changedError('/data/photo.jpg'), ctx('http://s3'));
    expect(errorText(changed, ja)).toBe(
      '/data/photo.jpg はアップロード中に変更されました（サイズか更新日時が変わっています）。送った分は残していません。再試行すると新しい内容をアップロードします。',
    );
    let badKey: unknown;
    try {
      validateKey('album/../photo.jpg', '/data/album/photo.jpg');
    } catch (err) {
      badKey = err;
    }
    const key = classify(badKey, ctx('http://s3'));
    expect(key.code).toBe('InvalidKey');
    expect(errorText(key, ja)).toContain('キー "album/../photo.jpg" に ".." という部分が含まれ');
    expect(errorText(key, en)).toBe(key.message);
    const walk = await stat('/data/not-there').catch((err: NodeJS.ErrnoException) =>
      problemFor('/data/not-there', err),
    );
    expect(errorText(walk as { message: string }, ja)).toBe('/data/not-there は存在しません。パスを確認してください。');
  });

  it('says why an upload is retrying in Japanese, or in English from an older main', async () => {
    const endpoint = `http://127.0.0.1:${refusedPort}`;
    const reason = await failureOf(() => request(endpoint), endpoint);
    const retrying = (extra: Partial<Extract<UploadState, { kind: 'retrying' }>>) => ({
      kind: 'retrying' as const,
      attempt: 1,
      retryAt: 0,
      reason: reason.message,
      ...extra,
    });
    expect(retryReasonText(retrying({ reasonText: reason.text }), ja)).toBe(
      `${endpoint} に接続できません（ECONNREFUSED）。エンドポイント URL とネットワークを確認してください。`,
    );
    expect(retryReasonText(retrying({}), ja)).toBe(reason.message);
  });
});
