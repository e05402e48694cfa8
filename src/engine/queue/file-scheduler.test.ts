import { describe, expect, it } from 'vitest';
import type { UploadState } from '../../shared/upload-state';
import type { Entry } from './entry';
import { FileScheduler } from './file-scheduler';

function entry(seq: number, kind: UploadState['kind'] = 'queued'): Entry {
  return { item: { id: `e${seq}`, state: { kind } }, seq } as unknown as Entry;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('FileScheduler', () => {
  it('names the active entries as their states change: none of the queued, paused or finished ones', () => {
    const s = new FileScheduler(
      1,
      () => Promise.resolve(),
      () => true,
    );
    const [queued, uploading, completing, gone] = [
      entry(0),
      entry(1, 'uploading'),
      entry(2, 'completing'),
      entry(3, 'retrying'),
    ];
    for (const e of [queued, uploading, completing, gone]) s.track(e);
    expect(new Set(s.activeEntries())).toEqual(new Set([uploading, completing, gone]));
    uploading.item.state = { kind: 'done' } as UploadState;
    s.track(uploading);
    completing.item.state = { kind: 'pausing' } as UploadState;
    s.track(completing);
    s.forget(gone);
    queued.item.state = { kind: 'starting' } as UploadState;
    s.track(queued);
    expect([...s.activeEntries()]).toEqual([queued]);
  });

  it('starts queued entries oldest first, no more than the limit at once', async () => {
    const runs = new Map<string, ReturnType<typeof deferred>>();
    const started: string[] = [];
    const s = new FileScheduler(
      2,
      (e) => {
        started.push(e.item.id);
        e.item.state = { kind: 'uploading' } as UploadState;
        const d = deferred();
        runs.set(e.item.id, d);
        return d.promise.then(() => {
          e.item.state = { kind: 'done' } as UploadState;
        });
      },
      () => true,
    );
    const [a, b, c] = [entry(2), entry(0), entry(1)];
    for (const e of [a, b, c]) s.track(e);
    s.pump();
    expect(started).toEqual(['e0', 'e1']);
    runs.get('e0')!.resolve();
    await settle();
    expect(started).toEqual(['e0', 'e1', 'e2']);
  });

  it('resolves idle() once an entry it did not start settles (a cleanup that retry() began)', async () => {
    const s = new FileScheduler(
      1,
      () => Promise.resolve(),
      () => true,
    );
    const e = entry(0, 'cancelling');
    s.track(e);
    let idle = false;
    void s.idle().then(() => (idle = true));
    await settle();
    expect(idle).toBe(false);
    e.item.state = { kind: 'cancelled', cleanup: 'verified' };
    s.track(e);
    await settle();
    expect(idle).toBe(true);
  });

  it('counts an entry whose pause or failure is being carried out as busy', async () => {
    const s = new FileScheduler(
      1,
      () => Promise.resolve(),
      () => true,
    );
    for (const kind of ['pausing', 'failing'] as const) {
      const e = entry(0, kind);
      s.track(e);
      let idle = false;
      void s.idle().then(() => (idle = true));
      await settle();
      expect(idle).toBe(false);
      s.forget(e);
      await settle();
      expect(idle).toBe(true);
    }
  });

  it('resolves idle() when the last busy entry leaves the queue', async () => {
    const s = new FileScheduler(
      0,
      () => Promise.resolve(),
      () => true,
    );
    const e = entry(0);
    s.track(e); // queued, and with a limit of 0 it never starts
    let idle = false;
    void s.idle().then(() => (idle = true));
    await settle();
    expect(idle).toBe(false);
    s.forget(e);
    await settle();
    expect(idle).toBe(true);
  });
});
