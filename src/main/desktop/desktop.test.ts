import { describe, expect, it, vi } from 'vitest';
import { translator } from '../../shared/i18n';
import type { QueueBatch } from '../../shared/ipc';
import type { QueueTotals, UploadItem } from '../../shared/upload-item';
import type { UploadState } from '../../shared/upload-state';
import { testItem } from '../../shared/upload-item.test-support';
import { createProgressFeedback } from './progress-feedback';
import { createQuitGuard, type QuitChoice } from './quit-guard';

const totals = (patch: Partial<QueueTotals>): QueueTotals => ({
  count: 0,
  active: 0,
  queued: 0,
  done: 0,
  failed: 0,
  cancelled: 0,
  confirmed: 0,
  loaded: 0,
  total: 0,
  bytesPerSecond: 0,
  ...patch,
});
const item = (id: string, state: UploadState): UploadItem => testItem(id, state, { key: id });
const batch = (changed: UploadItem[], t: Partial<QueueTotals>, seq = 1): QueueBatch => ({
  seq,
  changed,
  removed: [],
  totals: totals(t),
});

describe('taskbar progress and notifications', () => {
  const setup = (focused: boolean) => {
    const deps = { setProgress: vi.fn(), notify: vi.fn(), isFocused: () => focused, t: () => translator('en') };
    return { deps, feed: createProgressFeedback(deps) };
  };

  it('shows overall progress while busy and removes it when idle', () => {
    const { deps, feed } = setup(true);
    feed(batch([item('a', { kind: 'uploading' })], { active: 1, loaded: 25, total: 100 }));
    feed(batch([], { active: 1, loaded: 50, total: 100 }));
    feed(batch([item('a', { kind: 'done', etag: 'x', bytesSent: 100 })], { done: 1, loaded: 100, total: 100 }));
    expect(deps.setProgress.mock.calls.map(([v]) => v)).toEqual([0.25, 0.5, -1]);
    expect(deps.notify).not.toHaveBeenCalled(); // focused: no notifications
  });

  it('notifies a failure and the end of a batch when the window is not focused', () => {
    const { deps, feed } = setup(false);
    feed(batch([item('a', { kind: 'uploading' }), item('b', { kind: 'uploading' })], { active: 2, total: 200 }));
    const failed: UploadState = {
      kind: 'failed',
      error: { code: 'NoSuchBucket', message: 'Bucket b does not exist' },
      cleanup: 'none-needed',
    };
    feed(batch([item('a', failed)], { active: 1, failed: 1, total: 200 }));
    feed(
      batch([item('b', { kind: 'done', etag: 'e', bytesSent: 100 })], { done: 1, failed: 1, total: 200, loaded: 200 }),
    );
    expect(deps.notify.mock.calls).toEqual([
      ['Upload failed', 'a.bin: Bucket b does not exist'],
      ['Uploads finished', '1 done, 1 failed, 0 cancelled'],
    ]);
  });
});

describe('quit guard', () => {
  const flush = () => new Promise((r) => setTimeout(r, 0));

  it('asks while uploads run; "keep uploading" stays, "cancel" cancels and cleans up first, then quits', async () => {
    const order: string[] = [];
    let answer: QuitChoice = 'keep';
    const guard = createQuitGuard({
      pending: () => 3,
      confirm: async (n) => (order.push(`ask ${n}`), answer),
      shutdown: async (mode) => void order.push(`shutdown ${mode}`),
      quit: () => order.push('quit'),
    });
    const event = { preventDefault: vi.fn() };
    guard(event);
    await flush();
    expect(event.preventDefault).toHaveBeenCalled();
    expect(order).toEqual(['ask 3']);
    answer = 'cancel';
    guard(event);
    await flush();
    expect(order).toEqual(['ask 3', 'ask 3', 'shutdown cancel', 'quit']);
    const last = { preventDefault: vi.fn() };
    guard(last); // the real quit passes
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  it('"pause and quit" pauses (keeping the uploads for next time) instead of cancelling', async () => {
    const shutdown = vi.fn(async () => undefined);
    const quit = vi.fn();
    const guard = createQuitGuard({ pending: () => 1, confirm: async () => 'pause', shutdown, quit });
    guard({ preventDefault: () => undefined });
    await flush();
    expect(shutdown).toHaveBeenCalledWith('pause');
    expect(quit).toHaveBeenCalled();
  });

  it('a second quit while the question is open does not ask twice', async () => {
    let answer: (choice: QuitChoice) => void = () => undefined;
    const confirm = vi.fn(() => new Promise<QuitChoice>((resolve) => (answer = resolve)));
    const guard = createQuitGuard({ pending: () => 2, confirm, shutdown: async () => undefined, quit: vi.fn() });
    guard({ preventDefault: () => undefined });
    guard({ preventDefault: () => undefined });
    expect(confirm).toHaveBeenCalledTimes(1);
    answer('keep');
    await flush();
  });

  it('does not ask when nothing is uploading, and keeps paused uploads (never cancels them)', async () => {
    const confirm = vi.fn();
    const quit = vi.fn();
    const shutdown = vi.fn(async () => undefined);
    const guard = createQuitGuard({ pending: () => 0, confirm, shutdown, quit });
    guard({ preventDefault: () => undefined });
    await flush();
    expect(confirm).not.toHaveBeenCalled();
    expect(shutdown).toHaveBeenCalledWith('pause');
    expect(quit).toHaveBeenCalled();
  });
});
