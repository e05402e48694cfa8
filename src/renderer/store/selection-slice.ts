// What the user has picked out in the queue: the selected rows, the row the keyboard is on, which rows are shown
// (all, active, finished), and the row whose error is open in Details. Only the screen cares; main never hears of it.
import type { UploadItem } from '../../shared/upload-item';
import { isFinished } from '../../shared/upload-state';

export type QueueFilter = 'all' | 'active' | 'finished';

/** How a click or a key changes the selection: this row alone, this row in or out, or everything from the anchor. */
export type SelectMode = 'only' | 'toggle' | 'range';

export interface SelectionState {
  selected: ReadonlySet<string>;
  /** Where a Shift-click range starts: the last row clicked without Shift. */
  anchor: string | null;
  /** The row the keyboard is on (the one row of the list in the tab order). */
  current: string | null;
  filter: QueueFilter;
  /** The row whose whole message is open in the Details panel. */
  detailsFor: string | null;
}

export const initialSelectionState: SelectionState = {
  selected: new Set(),
  anchor: null,
  current: null,
  filter: 'all',
  detailsFor: null,
};

type Selection = Pick<SelectionState, 'selected' | 'anchor' | 'current'>;

/** The selection after a click (or an arrow key) on `id`, with `visible` the rows in the order shown. */
export function selectRow(state: Selection, id: string, mode: SelectMode, visible: readonly string[]): Selection {
  if (mode === 'toggle') {
    const selected = new Set(state.selected);
    if (selected.has(id)) selected.delete(id);
    else selected.add(id);
    return { selected, anchor: id, current: id };
  }
  if (mode === 'range' && state.anchor !== null) {
    const from = visible.indexOf(state.anchor);
    const to = visible.indexOf(id);
    if (from >= 0 && to >= 0) {
      const [start, end] = from <= to ? [from, to] : [to, from];
      return { selected: new Set(visible.slice(start, end + 1)), anchor: state.anchor, current: id };
    }
  }
  return { selected: new Set([id]), anchor: id, current: id };
}

/** Drops the rows main removed, so that counts and "Cancel selected" never act on a row that is gone. */
export function withoutRemoved(state: SelectionState, removed: readonly string[]): Partial<SelectionState> {
  if (removed.length === 0) return {};
  const gone = new Set(removed);
  const patch: Partial<SelectionState> = {};
  if (removed.some((id) => state.selected.has(id)))
    patch.selected = new Set([...state.selected].filter((id) => !gone.has(id)));
  if (state.anchor !== null && gone.has(state.anchor)) patch.anchor = null;
  if (state.current !== null && gone.has(state.current)) patch.current = null;
  if (state.detailsFor !== null && gone.has(state.detailsFor)) patch.detailsFor = null;
  return patch;
}

export function matchesFilter(item: UploadItem | undefined, filter: QueueFilter): boolean {
  if (!item) return false;
  if (filter === 'all') return true;
  return isFinished(item.state.kind) === (filter === 'finished');
}

/** The rows shown, in queue order. The whole order itself (no copy) when nothing is filtered out. */
export function visibleRows(
  order: readonly string[],
  items: ReadonlyMap<string, UploadItem>,
  filter: QueueFilter,
): readonly string[] {
  if (filter === 'all') return order;
  return order.filter((id) => matchesFilter(items.get(id), filter));
}

/** The selected rows still in the queue for which `can` holds. Costs the selection's size, not the queue's. */
export function selectedWhere(
  state: Pick<SelectionState, 'selected'> & { items: ReadonlyMap<string, UploadItem> },
  can: (item: UploadItem) => boolean,
): string[] {
  const ids: string[] = [];
  for (const id of state.selected) {
    const item = state.items.get(id);
    if (item !== undefined && can(item)) ids.push(id);
  }
  return ids;
}
