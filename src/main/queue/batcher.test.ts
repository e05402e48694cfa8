import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueueBatch } from '../../shared/ipc';
import type { UploadItem } from '../../shared/upload-item';
import { createFakeEngine } from '../testing/fake-engine';
import { createQueueBatcher } from './batcher';

const item = (id: string, loaded: number): UploadItem => ({
  id,
  name: `${id}.bin`,
  bucket: 'b',
  key: `${id}.bin`,
  total: 10_000,
  confirmed: loaded,
  loaded,
  bytesPerSecond: 0,
  etaSeconds: null,
  state: { kind: 'uploading' },
  addedAt: 0,
});

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('queue batcher', () => {
  it('sends at most ~10 batches a second however many files move, latest copy per item', () => {
    const engine = createFakeEngine();
    const sent: QueueBatch[] = [];
    const batcher = createQueueBatcher({ engine, send: (b) => sent.push(b) });
    // 2,000 files, each reporting progress every 10 ms for one second.
    for (let tick = 1; tick <= 100; tick++) {
      const items = Array.from({ length: 2000 }, (_, i) => item(`f${i}`, tick * 100));
      engine.emit({ type: 'items', items });
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(100);
    expect(sent.length).toBeLessThanOrEqual(11);
    expect(sent.length).toBeGreaterThanOrEqual(9);
    vi.advanceTimersByTime(1000);
    for (const batch of sent) expect(batch.changed.length).toBeLessThanOrEqual(1000);
    // Applied in order, the batches leave every file at its latest copy.
    const view = new Map<string, UploadItem>();
    for (const batch of sent) for (const i of batch.changed) view.set(i.id, i);
    expect(view.size).toBe(2000);
    expect([...view.values()].every((i) => i.loaded === 10_000)).toBe(true);
    expect(sent.map((b) => b.seq)).toEqual(sent.map((_, i) => i + 1));
    batcher.dispose();
  });

  it('splits a change of 2,500 items into timed batches of at most 1,000, oldest first; flush() sends all', () => {
    const engine = createFakeEngine();
    const sent: QueueBatch[] = [];
    const batcher = createQueueBatcher({ engine, send: (b) => sent.push(b) });
    engine.emit({ type: 'items', items: Array.from({ length: 2500 }, (_, i) => item(`f${i}`, 0)) });
    vi.advanceTimersByTime(100);
    expect(sent.map((b) => b.changed.length)).toEqual([1000]);
    expect(sent[0]!.changed[0]!.id).toBe('f0');
    engine.emit({ type: 'items', items: [item('f2400', 5)] }); // still waiting: goes with its latest copy, in place
    vi.advanceTimersByTime(100);
    expect(sent.map((b) => b.changed.length)).toEqual([1000, 1000]);
    expect(sent[1]!.changed[0]!.id).toBe('f1000');
    batcher.flush();
    expect(sent.map((b) => b.changed.length)).toEqual([1000, 1000, 500]);
    expect(sent[2]!.changed.find((i) => i.id === 'f2400')!.loaded).toBe(5);
    vi.advanceTimersByTime(500);
    expect(sent).toHaveLength(3);
    batcher.dispose();
  });

  it('a removal wins over an earlier change, and a later change over an earlier removal', () => {
    const engine = createFakeEngine();
    const sent: QueueBatch[] = [];
    createQueueBatcher({ engine, send: (b) => sent.push(b) });
    engine.emit({ type: 'items', items: [item('a', 1), item('b', 1)] });
    engine.emit({ type: 'removed', ids: ['a', 'b'] });
    engine.emit({ type: 'items', items: [item('b', 2)] });
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.removed).toEqual(['a']);
    expect(sent[0]!.changed.map((i) => i.id)).toEqual(['b']);
  });

  it('flush sends what is pending at once (before a snapshot) and nothing when idle', () => {
    const engine = createFakeEngine();
    const sent: QueueBatch[] = [];
    const batcher = createQueueBatcher({ engine, send: (b) => sent.push(b) });
    batcher.flush();
    expect(sent).toHaveLength(0);
    engine.emit({ type: 'items', items: [item('a', 5)] });
    batcher.flush();
    expect(sent).toHaveLength(1);
    expect(batcher.seq()).toBe(1);
    vi.advanceTimersByTime(500);
    expect(sent).toHaveLength(1);
  });
});
