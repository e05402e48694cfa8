import { describe, expect, it } from 'vitest';
import { SeqHeap, type Queued } from './seq-heap';

describe('SeqHeap', () => {
  it('pops in order of seq whatever the order of pushes, and holds an entry once', () => {
    const heap = new SeqHeap<Queued & { name: string }>();
    const items = [5, 1, 9, 3, 7, 2, 8, 0, 6, 4].map((seq): Queued & { name: string } => ({ seq, name: `n${seq}` }));
    for (const e of items) heap.push(e);
    heap.push(items[0]!); // already waiting: ignored
    expect(heap.size).toBe(10);
    const popped: number[] = [];
    for (let e = heap.pop(); e; e = heap.pop()) popped.push(e.seq);
    expect(popped).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(heap.size).toBe(0);
    heap.push(items[2]!); // popped entries can be queued again
    expect(heap.pop()?.seq).toBe(9);
  });
});
