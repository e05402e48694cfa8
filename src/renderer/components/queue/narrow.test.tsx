// A narrow window: the header's queue-wide buttons go into a "⋯" menu, Add files stays; added files scroll into view.
import type { Virtualizer } from '@tanstack/react-virtual';
import { act, cleanup, renderHook, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeApi, makeItem, PROFILE, settingsWith } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';
import { useScrollToAdded } from './use-scroll-to-added';

const wide = window.innerWidth;
function resizeTo(width: number) {
  act(() => {
    Object.defineProperty(window, 'innerWidth', { configurable: true, value: width });
    window.dispatchEvent(new Event('resize'));
  });
}

afterEach(() => {
  cleanup();
  Object.defineProperty(window, 'innerWidth', { configurable: true, value: wide });
  vi.restoreAllMocks();
});

describe('narrow window', () => {
  it('below 900 px the header keeps Add files and puts the rest in a keyboard-driven menu', async () => {
    const api = createFakeApi({
      settings: settingsWith([PROFILE]),
      items: [makeItem('a', { kind: 'uploading' }), makeItem('d', { kind: 'done', etag: 'e', bytesSent: 1 })],
    });
    await renderApp(api);
    const header = within(screen.getByRole('banner'));
    expect(header.getByRole('button', { name: 'Cancel all' })).toBeTruthy();

    resizeTo(800);
    expect(header.queryByRole('button', { name: 'Cancel all' })).toBeNull();
    expect(header.getByRole('button', { name: 'Add files…' })).toBeTruthy();
    const more = header.getByRole('button', { name: 'More actions' });
    expect(more.getAttribute('aria-expanded')).toBe('false');

    const user = userEvent.setup();
    await user.click(more);
    const menu = screen.getByRole('menu', { name: 'More actions' });
    expect(Array.from(menu.querySelectorAll('[role^="menuitem"]'), (i) => i.textContent)).toEqual([
      'Pause all',
      'Cancel all',
      'Clear finished',
      'History',
      'Settings',
    ]);
    expect(document.activeElement).toBe(within(menu).getByRole('menuitem', { name: 'Pause all' }));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(within(menu).getByRole('menuitem', { name: 'Cancel all' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(more);

    await user.keyboard('{Enter}');
    await user.keyboard('{ArrowDown}{Enter}');
    expect(api.cancelAll).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('menu')).toBeNull();

    resizeTo(1200);
    expect(header.getByRole('button', { name: 'Cancel all' })).toBeTruthy();
  });

  it('scrolls the first added file into view when it is below the rows shown, once per add', () => {
    const scrollToIndex = vi.fn();
    const virtualizer = { scrollToIndex } as unknown as Virtualizer<HTMLDivElement, Element>;
    const view = { scrollTop: 0, clientHeight: 520 } as HTMLDivElement; // 10 rows of 52 px
    const scrollRef = { current: view };
    const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `f${from + i}`);
    const { rerender } = renderHook(({ order }) => useScrollToAdded(order, order, virtualizer, scrollRef, 52), {
      initialProps: { order: ids(60) },
    });
    // The first snapshot is not an add.
    expect(scrollToIndex).not.toHaveBeenCalled();
    rerender({ order: ids(62) });
    expect(scrollToIndex).toHaveBeenCalledExactlyOnceWith(60, { align: 'start' });
    // The same add's next batch does not move the list again.
    rerender({ order: ids(70) });
    expect(scrollToIndex).toHaveBeenCalledTimes(1);
  });

  it('does not scroll when the added files are already in view', () => {
    const scrollToIndex = vi.fn();
    const virtualizer = { scrollToIndex } as unknown as Virtualizer<HTMLDivElement, Element>;
    const scrollRef = { current: { scrollTop: 0, clientHeight: 520 } as HTMLDivElement };
    const { rerender } = renderHook(({ order }) => useScrollToAdded(order, order, virtualizer, scrollRef, 52), {
      initialProps: { order: ['a', 'b'] },
    });
    rerender({ order: ['a', 'b', 'c'] });
    expect(scrollToIndex).not.toHaveBeenCalled();
  });
});
