// An error row's whole message: wrapped in the row, whole in Details, copied with Copy.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeApi, makeItem, PROFILE, settingsWith } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const MESSAGE =
  'Bucket "photoz" does not exist at http://127.0.0.1:9000. Check the bucket name in the target bar, or create the bucket first.';
const row = (name: string) => screen.getByRole('listitem', { name });

function failedQueue() {
  return createFakeApi({
    settings: settingsWith([PROFILE]),
    items: [
      makeItem('x', { kind: 'failed', error: { code: 'NoSuchBucket', message: MESSAGE }, cleanup: 'none-needed' }),
      makeItem('ok', { kind: 'queued' }),
    ],
  });
}

describe('error details', () => {
  it('the row holds the whole message; Details opens it with its code, Copy copies it, Escape closes', async () => {
    await renderApp(failedQueue());
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    // The row's state element has every word (CSS shows two lines of it).
    expect(row('x.bin').querySelector('.row-state')!.textContent).toBe(`Failed: ${MESSAGE}`);
    expect(within(row('ok.bin')).queryByRole('button', { name: /Details/ })).toBeNull();

    const opener = within(row('x.bin')).getByRole('button', { name: 'Details of x.bin' });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'x.bin' });
    expect(within(dialog).getByText(`Failed: ${MESSAGE}`)).toBeTruthy();
    expect(within(dialog).getByText('Code: NoSuchBucket')).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Copy' }));

    await user.click(within(dialog).getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledTimes(1);
    expect(writeText.mock.calls[0]![0]).toContain(`Failed: ${MESSAGE}`);
    expect(writeText.mock.calls[0]![0]).toContain('photos/inbox/x.bin');
    expect(within(dialog).getByRole('status').textContent).toBe('Copied.');

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    // Back in the queue, on the row it came from.
    expect(document.activeElement).toBe(row('x.bin'));
  });

  it('opens from a click on the message and from Enter on the row; a refused clipboard falls back', async () => {
    await renderApp(failedQueue());
    const user = userEvent.setup();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    const execCommand = vi.fn(() => true);
    Object.defineProperty(document, 'execCommand', { configurable: true, value: execCommand });

    await user.click(row('x.bin').querySelector('.row-state')!);
    const dialog = screen.getByRole('dialog', { name: 'x.bin' });
    await user.click(within(dialog).getByRole('button', { name: 'Copy' }));
    expect(execCommand).toHaveBeenCalledWith('copy');
    expect(within(dialog).getByRole('status').textContent).toBe('Copied.');
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.keyboard('{Enter}');
    expect(screen.getByRole('dialog', { name: 'x.bin' })).toBeTruthy();
  });
});
