// When files are added, the queue scrolls so that the first of them is in view (they go at the end, below finished
// rows). An add arrives over several batches: only the first scrolls, so the list does not jump while the user
// watches the new rows come in.
import type { Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type RefObject } from 'react';

/** Batches within this long of a scroll belong to the same add. */
const SAME_ADD_MS = 2000;

export function useScrollToAdded(
  order: readonly string[],
  visible: readonly string[],
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  scrollRef: RefObject<HTMLDivElement | null>,
  rowHeight: number,
): void {
  const lastKnown = useRef<string | null>(null);
  const scrolledAt = useRef(0);
  useEffect(() => {
    const before = lastKnown.current;
    lastKnown.current = order[order.length - 1] ?? null;
    // Nothing was there before (the first snapshot, or an empty queue): the new rows are already at the top.
    if (before === null || lastKnown.current === before) return;
    const first = order[order.lastIndexOf(before) + 1];
    if (first === undefined || Date.now() - scrolledAt.current < SAME_ADD_MS) return;
    const index = visible.indexOf(first);
    const view = scrollRef.current;
    if (index < 0 || !view) return;
    const top = index * rowHeight;
    if (top >= view.scrollTop && top + rowHeight <= view.scrollTop + view.clientHeight) return;
    scrolledAt.current = Date.now();
    virtualizer.scrollToIndex(index, { align: 'start' });
  }, [order, visible, virtualizer, scrollRef, rowHeight]);
}
