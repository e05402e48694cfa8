import { describe, expect, it } from 'vitest';
import type { UploadItem } from '../shared/upload-item';
import type { UploadState } from '../shared/upload-state';
import type { FileView, Reporter } from './report';
import { Tracker } from './tracker';

function item(id: string, state: UploadState, loaded = 0): UploadItem {
  return {
    id,
    name: `d/${id}`,
    bucket: 'b',
    key: `k/${id}`,
    total: 10,
    confirmed: loaded,
    loaded,
    bytesPerSecond: 0,
    etaSeconds: null,
    state,
    addedAt: 0,
  };
}

function recorder() {
  const seen: [string, string, string | undefined][] = [];
  const reporter: Reporter = {
    update: (v: FileView, prev) => seen.push([v.file, v.state.kind, prev]),
    rejected: () => {},
    selection: () => {},
    interrupting: () => {},
    abandoning: () => {},
    finish: () => {},
  };
  return { reporter, seen };
}

describe('Tracker', () => {
  it('holds events that arrive before add() returns and replays them in order', () => {
    const { reporter, seen } = recorder();
    const t = new Tracker(reporter);
    t.onItems([item('a', { kind: 'queued' })]);
    t.onItems([item('a', { kind: 'starting' })]);
    expect(seen).toEqual([]);
    t.register([item('a', { kind: 'queued' })], () => 'src/a');
    t.onItems([item('a', { kind: 'done', etag: 'e', bytesSent: 10 }, 10)]);
    expect(seen).toEqual([
      ['src/a', 'queued', undefined],
      ['src/a', 'queued', 'queued'],
      ['src/a', 'starting', 'queued'],
      ['src/a', 'done', 'starting'],
    ]);
  });

  it('ignores anything after a final state and counts the outcome', () => {
    const { reporter, seen } = recorder();
    const t = new Tracker(reporter);
    t.register(
      [item('a', { kind: 'queued' }), item('b', { kind: 'queued' }), item('c', { kind: 'queued' })],
      (i) => i.id,
    );
    t.onItems([
      item('a', { kind: 'done', etag: 'e', bytesSent: 10 }, 10),
      item('b', { kind: 'cancelled', cleanup: 'verified' }),
    ]);
    t.onItems([item('b', { kind: 'queued' })]);
    expect(t.allFinal()).toBe(false);
    t.onItems([
      item('c', { kind: 'cleanup-failed', uploadId: 'u', error: { code: 'CleanupUnverified', message: 'm' } }),
    ]);
    t.noteRejected();
    expect(t.allFinal()).toBe(true);
    expect(seen.filter(([f]) => f === 'b').map(([, k]) => k)).toEqual(['queued', 'cancelled']);
    expect(t.summary(false)).toMatchObject({
      files: 3,
      done: 1,
      cancelled: 1,
      cleanupFailed: 1,
      failed: 0,
      rejected: 1,
      bytesDone: 10,
      interrupted: false,
    });
  });

  it('counts the files not sent, up to date and excluded, only when there are some', () => {
    const t = new Tracker(recorder().reporter);
    expect(t.summary(false)).not.toHaveProperty('upToDate');
    expect(t.summary(false)).not.toHaveProperty('excluded');
    t.noteSelection({ upToDate: 3, excluded: 0 });
    t.noteSelection({ upToDate: 1, excluded: 2 });
    expect(t.summary(false)).toMatchObject({ files: 0, upToDate: 4, excluded: 2 });
  });
});
