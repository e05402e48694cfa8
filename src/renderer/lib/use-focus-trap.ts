// The keyboard of a modal dialog: Tab and Shift+Tab go round the dialog's own controls instead of reaching the page
// behind it, and Escape runs the dialog's harmless choice (Skip, Keep editing, Cancel, Decide later). Escape is
// consumed here, so a listener further out (Settings closing on Escape, the queue clearing its selection) does not
// act on the same key press as well.
import type { KeyboardEvent } from 'react';

/** What Tab may reach inside a dialog, in document order. */
export function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('button, input, select, textarea, [href], [tabindex]')].filter(
    (el) => !(el as HTMLButtonElement).disabled && el.tabIndex >= 0,
  );
}

/** The control Tab should jump to when it would leave the dialog, or -1 for an ordinary step inside it. */
function wrapIndex(count: number, at: number, backwards: boolean): number {
  if (backwards) return at <= 0 ? count - 1 : -1;
  return at === -1 || at === count - 1 ? 0 : -1;
}

/** Handles one key press on the dialog element (the one with aria-modal). */
export function handleModalKey(event: KeyboardEvent<HTMLElement>, onEscape: () => void): void {
  if (event.key === 'Escape') {
    event.preventDefault();
    event.stopPropagation();
    onEscape();
    return;
  }
  if (event.key !== 'Tab') return;
  const all = focusables(event.currentTarget);
  if (all.length === 0) return;
  const next = wrapIndex(all.length, all.indexOf(document.activeElement as HTMLElement), event.shiftKey);
  if (next === -1) return;
  event.preventDefault();
  all[next]!.focus();
}

/** The onKeyDown for a modal dialog's element: Tab stays inside, Escape calls onEscape. */
export function useFocusTrap(onEscape: () => void): (event: KeyboardEvent<HTMLElement>) => void {
  return (event) => handleModalKey(event, onEscape);
}
