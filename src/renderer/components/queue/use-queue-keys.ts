// The queue's keys, as a file list in a desktop app has them: arrows move (Shift extends the selection, Ctrl/Cmd
// moves without selecting), Home/End, Space toggles, Ctrl/Cmd-A selects all, Delete (and Backspace on macOS) cancels
// the selected rows, Enter opens an error's Details, Escape clears the selection.
import type { KeyboardEvent } from 'react';
import type { UploadItem } from '../../../shared/upload-item';
import { isCancellable } from '../../../shared/upload-state';
import { hasDetails } from '../../lib/state-text';
import { useApp, useAppStore } from '../../store/context';

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export function useQueueKeys(
  visible: readonly string[],
  moveTo: (id: string) => void,
  itemOf: (id: string) => UploadItem | undefined,
): (event: KeyboardEvent) => void {
  const current = useApp((s) => s.current);
  // The selection is read when a key goes down, not subscribed to: a click or an arrow key must not re-render the list.
  const store = useAppStore();
  const select = useApp((s) => s.select);
  const selectAll = useApp((s) => s.selectAll);
  const setCurrent = useApp((s) => s.setCurrent);
  const clearSelection = useApp((s) => s.clearSelection);
  const cancelSelected = useApp((s) => s.cancelSelected);
  const cancel = useApp((s) => s.cancel);
  const openDetails = useApp((s) => s.openDetails);

  return (event) => {
    if (visible.length === 0) return;
    const target = event.target as HTMLElement;
    if (target.closest('input, select, textarea')) return;
    const onRow = target.getAttribute('role') === 'listitem';
    // Moves start from the row the focus is in (reached by Tab or a click), else from the current one.
    const from = target.closest<HTMLElement>('[data-row-id]')?.dataset.rowId ?? current;
    const at = from == null ? -1 : visible.indexOf(from);
    const command = event.ctrlKey || event.metaKey;

    const go = (index: number) => {
      const id = visible[Math.max(0, Math.min(visible.length - 1, index))]!;
      if (command) setCurrent(id);
      else select(id, event.shiftKey ? 'range' : 'only');
      moveTo(id);
    };

    switch (event.key) {
      case 'ArrowDown':
        go(at < 0 ? 0 : at + 1);
        break;
      case 'ArrowUp':
        go(at < 0 ? 0 : at - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(visible.length - 1);
        break;
      case 'a':
      case 'A':
        if (!command) return;
        selectAll();
        break;
      case 'Delete':
      case 'Backspace':
        if (event.key === 'Backspace' && !isMac()) return;
        // Nothing selected: the row the keyboard is on, as a file manager does.
        if (store.getState().selected.size > 0) void cancelSelected();
        else if (from != null && isCancellable(itemOf(from)?.state.kind ?? 'done')) void cancel(from);
        break;
      case ' ':
        if (!onRow || from == null) return;
        select(from, 'toggle');
        break;
      case 'Enter':
        if (!onRow || from == null) return;
        if (!hasDetails(itemOf(from)?.state ?? { kind: 'queued' })) return;
        openDetails(from);
        break;
      case 'Escape':
        if (store.getState().selected.size === 0) return;
        clearSelection();
        break;
      default:
        return;
    }
    event.preventDefault();
  };
}
