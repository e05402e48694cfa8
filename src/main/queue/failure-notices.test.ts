import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../engine';
import type { UploadItem } from '../../shared/upload-item';
import type { UploadState } from '../../shared/upload-state';
import { testItem } from '../../shared/upload-item.test-support';
import { watchBatchFailures } from './failure-notices';

const item = (id: string, state: UploadState): UploadItem =>
  testItem(id, state, { name: `${id}.txt`, key: `${id}.txt`, total: 1 });
const failed = (code: string, message = `${code} at http://s3`) =>
  ({ kind: 'failed', error: { code, message }, cleanup: 'none-needed' }) as const;

function setUp() {
  let listener: (e: EngineEvent) => void = () => undefined;
  const pending: (() => void)[] = [];
  const added: { kind: string; params?: Record<string, string> }[] = [];
  const stop = watchBatchFailures(
    { subscribe: (l) => ((listener = l), () => undefined) },
    {
      add: (kind, _level, params) => (
        added.push({ kind, params }),
        { id: 'n', kind, level: 'error', params: params ?? {}, at: 0 }
      ),
    },
    { setTimeout: (fn) => pending.push(fn), clearTimeout: () => undefined },
  );
  return {
    emit: (items: UploadItem[]) => listener({ type: 'items', items }),
    fire: () => pending.splice(0).forEach((f) => f()),
    added,
    stop,
  };
}

describe('watchBatchFailures', () => {
  it('raises one notice with the count for files that failed for the same batch-wide reason', () => {
    const t = setUp();
    t.emit([item('a', failed('SignatureDoesNotMatch'))]);
    t.emit([
      item('b', failed('SignatureDoesNotMatch')),
      item('c', failed('SignatureDoesNotMatch')),
      item('a', failed('SignatureDoesNotMatch')),
    ]);
    expect(t.added).toEqual([]);
    t.fire();
    expect(t.added).toEqual([
      {
        kind: 'batch-failed',
        params: { count: '3', code: 'SignatureDoesNotMatch', message: 'SignatureDoesNotMatch at http://s3' },
      },
    ]);
  });

  it('says nothing of a failure that concerns one file, or of other states', () => {
    const t = setUp();
    t.emit([
      item('a', failed('FileChanged')),
      item('b', { kind: 'done', etag: 'e', bytesSent: 1 }),
      item('c', { kind: 'uploading' }),
    ]);
    t.fire();
    expect(t.added).toEqual([]);
  });

  it('keeps different reasons apart', () => {
    const t = setUp();
    t.emit([item('a', failed('NoSuchBucket', 'bucket x')), item('b', failed('NoSuchBucket', 'bucket y'))]);
    t.fire();
    expect(t.added.map((n) => n.params?.message)).toEqual(['bucket x', 'bucket y']);
  });

  it('counts a file again when a retry of it fails again, and forgets removed ones', () => {
    const t = setUp();
    t.emit([item('a', failed('NoSuchBucket'))]);
    t.fire();
    t.emit([item('a', { kind: 'queued' })]);
    t.emit([item('a', failed('NoSuchBucket'))]);
    t.fire();
    expect(t.added.map((n) => n.params?.count)).toEqual(['1', '1']);
  });
});
