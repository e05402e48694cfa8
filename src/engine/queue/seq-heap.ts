// The engine's queue of waiting files, in order of addition: a binary min-heap on seq, so that starting the next file
// costs O(log n) instead of a scan over every entry (which made 10,000 files quadratic).

/** Something queued: seq orders it. */
export interface Queued {
  seq: number;
}

export class SeqHeap<T extends Queued> {
  private readonly items: T[] = [];
  /** What the heap holds now: each at most once. */
  private readonly members = new Set<T>();

  get size(): number {
    return this.items.length;
  }

  push(e: T): void {
    if (this.members.has(e)) return;
    this.members.add(e);
    const a = this.items;
    a.push(e);
    for (let i = a.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (a[parent]!.seq <= a[i]!.seq) break;
      [a[parent], a[i]] = [a[i]!, a[parent]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    if (!top) return undefined;
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]!.seq < a[m]!.seq) m = l;
        if (r < a.length && a[r]!.seq < a[m]!.seq) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    this.members.delete(top);
    return top;
  }
}
