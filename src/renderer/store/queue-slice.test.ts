import { describe, expect, it } from 'vitest';
import { makeItem, totalsOf } from '../test/fake-api';
import { applyBatch, applySnapshot, initialQueueState } from './queue-slice';

const batch = (seq: number, changed = [makeItem('a')], removed: string[] = []) => ({
  seq,
  changed,
  removed,
  totals: totalsOf(changed),
});

describe('queue mirror', () => {
  it('holds batches that arrive before the snapshot, then keeps only those newer than it', () => {
    let state = applyBatch(initialQueueState, batch(4, [makeItem('a', { kind: 'starting' })]));
    state = applyBatch(state, batch(6, [makeItem('a', { kind: 'uploading' }), makeItem('b')]));
    expect(state.order).toEqual([]);
    state = applySnapshot(state, {
      seq: 5,
      items: [makeItem('a', { kind: 'queued' })],
      totals: totalsOf([]),
      conflict: null,
    });
    expect(state.order).toEqual(['a', 'b']);
    expect(state.items.get('a')!.state.kind).toBe('uploading');
    expect(state.seq).toBe(6);
  });

  it('ignores a batch older than what it has', () => {
    let state = applySnapshot(initialQueueState, {
      seq: 9,
      items: [makeItem('a', { kind: 'done', etag: 'e', bytesSent: 1 })],
      totals: totalsOf([]),
      conflict: null,
    });
    state = applyBatch(state, batch(8, [makeItem('a', { kind: 'uploading' })]));
    expect(state.items.get('a')!.state.kind).toBe('done');
  });

  it('removes items and keeps the order of the rest', () => {
    let state = applySnapshot(initialQueueState, {
      seq: 0,
      items: ['a', 'b', 'c'].map((id) => makeItem(id)),
      totals: totalsOf([]),
      conflict: null,
    });
    state = applyBatch(state, batch(1, [makeItem('d')], ['b']));
    expect(state.order).toEqual(['a', 'c', 'd']);
    expect(state.items.get('b')).toBeUndefined();
  });

  it('drops the "cancel clicked" mark once main reports the cancel', () => {
    let state = applySnapshot(initialQueueState, {
      seq: 0,
      items: [makeItem('a', { kind: 'uploading' })],
      totals: totalsOf([]),
      conflict: null,
    });
    state = { ...state, cancelRequested: { a: true } };
    state = applyBatch(state, batch(1, [makeItem('a', { kind: 'uploading' }, { loaded: 5 })]));
    expect(state.cancelRequested).toEqual({ a: true });
    state = applyBatch(state, batch(2, [makeItem('a', { kind: 'cancelling' })]));
    expect(state.cancelRequested).toEqual({});
  });

  it('keeps the paused and pausable counts from each batch, without recounting the queue', () => {
    let state = applySnapshot(initialQueueState, {
      seq: 0,
      items: [
        makeItem('a', { kind: 'uploading' }),
        makeItem('b', { kind: 'paused' }),
        makeItem('c', { kind: 'done', etag: 'e', bytesSent: 1 }),
      ],
      totals: totalsOf([]),
      conflict: null,
    });
    expect([state.pausedCount, state.pausableCount]).toEqual([1, 1]);
    state = applyBatch(state, batch(1, [makeItem('a', { kind: 'paused' }), makeItem('d')]));
    expect([state.pausedCount, state.pausableCount]).toEqual([2, 1]);
    state = applyBatch(state, batch(2, [makeItem('b', { kind: 'queued' })], ['a']));
    expect([state.pausedCount, state.pausableCount]).toEqual([0, 2]);
    state = applyBatch(state, batch(3, [makeItem('b', { kind: 'cancelled', cleanup: 'none-needed' })], ['d']));
    expect([state.pausedCount, state.pausableCount]).toEqual([0, 0]);
  });

  it('never changes the items of a state it was given', () => {
    const before = applySnapshot(initialQueueState, {
      seq: 0,
      items: [makeItem('a')],
      totals: totalsOf([]),
      conflict: null,
    });
    const after = applyBatch(before, batch(1, [makeItem('a', { kind: 'uploading' }), makeItem('b')], []));
    expect(before.items.get('a')!.state.kind).toBe('queued');
    expect(before.items.has('b')).toBe(false);
    expect(after.items).not.toBe(before.items);
    expect(initialQueueState.items.size).toBe(0);
  });
});
