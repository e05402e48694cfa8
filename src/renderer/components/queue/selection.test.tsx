// Selecting rows with the mouse and the keyboard, and acting on the selection.
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeApi, makeItem, PROFILE, settingsWith } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

afterEach(cleanup);

const row = (name: string) => screen.getByRole('listitem', { name });
const selectedRows = () =>
  screen
    .getAllByRole('listitem')
    .filter((r) => r.classList.contains('row-selected'))
    .map((r) => r.getAttribute('aria-label'));
const failed = (id: string) =>
  makeItem(id, { kind: 'failed', error: { code: 'X', message: 'broken' }, cleanup: 'none-needed' });

function queueOf() {
  return createFakeApi({
    settings: settingsWith([PROFILE]),
    items: [
      makeItem('a', { kind: 'uploading' }, { loaded: 8_000_000 }),
      makeItem('b', { kind: 'queued' }),
      failed('c'),
      makeItem('d', { kind: 'done', etag: 'e', bytesSent: 1 }, { loaded: 64_000_000 }),
      makeItem('e', { kind: 'queued' }),
    ],
  });
}

describe('selecting rows', () => {
  it('click selects one row, Ctrl/Cmd-click adds or removes one, Shift-click selects a range', async () => {
    await renderApp(queueOf());
    const user = userEvent.setup();
    await user.click(within(row('b.bin')).getByText('b.bin'));
    expect(selectedRows()).toEqual(['b.bin']);
    expect(within(row('b.bin')).getByText('selected')).toBeTruthy();
    await user.keyboard('{Control>}');
    await user.click(within(row('d.bin')).getByText('d.bin'));
    await user.keyboard('{/Control}');
    expect(selectedRows()).toEqual(['b.bin', 'd.bin']);
    await user.keyboard('{Shift>}');
    await user.click(within(row('a.bin')).getByText('a.bin'));
    await user.keyboard('{/Shift}');
    expect(selectedRows()).toEqual(['a.bin', 'b.bin', 'c.bin', 'd.bin']);
    // Clicking a row's button acts on that row and leaves the selection alone.
    await user.click(screen.getByRole('button', { name: 'Pause e.bin' }));
    expect(selectedRows()).toEqual(['a.bin', 'b.bin', 'c.bin', 'd.bin']);
    expect(screen.getByText('4 selected')).toBeTruthy();
  });

  it('Cancel selected cancels only the rows that can be cancelled; Retry selected retries the failed ones', async () => {
    const api = queueOf();
    await renderApp(api);
    const user = userEvent.setup();
    await user.click(within(row('a.bin')).getByText('a.bin'));
    await user.keyboard('{Shift>}');
    await user.click(within(row('d.bin')).getByText('d.bin'));
    await user.keyboard('{/Shift}');
    await user.click(screen.getByRole('button', { name: 'Cancel selected' }));
    expect(
      vi
        .mocked(api.cancel)
        .mock.calls.map((c) => c[0])
        .sort(),
    ).toEqual(['a', 'b']);
    // The focus goes to the selection's row (the button may be disabled next), not to the page.
    expect(document.activeElement).toBe(row('d.bin'));
    await user.click(screen.getByRole('button', { name: 'Retry selected' }));
    expect(vi.mocked(api.retry).mock.calls.map((c) => c[0])).toEqual(['c']);
    // Rows main removes leave the selection.
    act(() => api.emitBatch([], ['a', 'b']));
    expect(screen.getByText('2 selected')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear selection' }));
    expect(selectedRows()).toEqual([]);
    expect(screen.queryByRole('button', { name: 'Cancel selected' })).toBeNull();
  });

  it('arrow keys move the focus and the selection, Ctrl/Cmd-A selects all, Delete cancels the selection', async () => {
    const api = queueOf();
    await renderApp(api);
    const user = userEvent.setup();
    // The list is one tab stop: its first row, until the keyboard moves on.
    expect(screen.getAllByRole('listitem').map((r) => r.tabIndex)).toEqual([0, -1, -1, -1, -1]);
    act(() => row('a.bin').focus());
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(row('b.bin'));
    expect(selectedRows()).toEqual(['b.bin']);
    await user.keyboard('{Shift>}{ArrowDown}{/Shift}');
    expect(document.activeElement).toBe(row('c.bin'));
    expect(selectedRows()).toEqual(['b.bin', 'c.bin']);
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(row('a.bin'));
    expect(selectedRows()).toEqual(['a.bin']);
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(row('e.bin'));
    expect(row('e.bin').tabIndex).toBe(0);
    expect(row('a.bin').tabIndex).toBe(-1);

    await user.keyboard('{Control>}a{/Control}');
    expect(selectedRows()).toEqual(['a.bin', 'b.bin', 'c.bin', 'd.bin', 'e.bin']);
    await user.keyboard('{Delete}');
    expect(
      vi
        .mocked(api.cancel)
        .mock.calls.map((c) => c[0])
        .sort(),
    ).toEqual(['a', 'b', 'e']);
    // The focus stays in the queue.
    expect(document.activeElement).toBe(row('e.bin'));
    await user.keyboard('{Escape}');
    expect(selectedRows()).toEqual([]);
  });

  it('Active and Finished show only those rows; the counts come from the totals', async () => {
    await renderApp(queueOf());
    const user = userEvent.setup();
    const names = () => screen.getAllByRole('listitem').map((r) => r.getAttribute('aria-label'));
    expect(names()).toEqual(['a.bin', 'b.bin', 'c.bin', 'd.bin', 'e.bin']);
    await user.click(screen.getByRole('button', { name: 'Active (3)' }));
    expect(names()).toEqual(['a.bin', 'b.bin', 'e.bin']);
    await user.click(screen.getByRole('button', { name: 'Finished (2)' }));
    expect(names()).toEqual(['c.bin', 'd.bin']);
    expect(screen.getByRole('button', { name: 'Finished (2)' }).getAttribute('aria-pressed')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'All (5)' }));
    expect(names()).toHaveLength(5);
  });
});
