// Try now on a row waiting for the network; Stop adding while main checks the bucket; what an add leaves out is told.
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AddSummary } from '../../shared/ipc';
import { createFakeApi, makeItem, PROFILE, settingsWith, type FakeApi } from '../test/fake-api';
import { renderApp } from '../test/render-app';

afterEach(cleanup);

const row = (name: string) => screen.getByRole('listitem', { name });
const summary = (patch: Partial<AddSummary>): AddSummary => ({
  added: 0,
  skipped: 0,
  renamed: 0,
  stopped: 0,
  rejected: [],
  ...patch,
});

describe('Try now', () => {
  it('shows on a row waiting for the network and asks main to try again now', async () => {
    const soon = Date.now() + 30_000;
    const api = createFakeApi({
      settings: settingsWith([PROFILE]),
      items: [
        // Known by its code even when the text is not the usual one.
        makeItem('net', {
          kind: 'retrying',
          attempt: 3,
          retryAt: soon,
          reason: 'No answer from the endpoint',
          reasonCode: 'EndpointUnreachable',
        }),
        makeItem('slow', { kind: 'retrying', attempt: 2, retryAt: soon, reason: 'slow down', reasonCode: 'SlowDown' }),
        makeItem('up', { kind: 'uploading' }),
      ],
    });
    await renderApp(api);
    // A wait for the network is not drawn as a failure; an error the server gave is.
    expect(row('net.bin').className).toContain('row-neutral');
    expect(row('slow.bin').className).toContain('row-bad');
    expect(within(row('slow.bin')).queryByRole('button', { name: /again now/ })).toBeNull();
    expect(within(row('up.bin')).queryByRole('button', { name: /again now/ })).toBeNull();
    const tryNow = within(row('net.bin')).getByRole('button', { name: 'Try net.bin again now' });
    expect(tryNow.textContent).toBe('Try now');
    await userEvent.click(tryNow);
    expect(api.tryNow).toHaveBeenCalledTimes(1);

    act(() => api.emitBatch([makeItem('net', { kind: 'uploading' })]));
    expect(within(row('net.bin')).queryByRole('button', { name: 'Try net.bin again now' })).toBeNull();
  });

  it('also recognises a network wait by its message alone (a reason without a code)', async () => {
    const wait = {
      kind: 'retrying' as const,
      attempt: 2,
      retryAt: Date.now() + 9000,
      reason: 'Cannot reach 127.0.0.1:9000 (ECONNREFUSED).',
    };
    const api = createFakeApi({ settings: settingsWith([PROFILE]), items: [makeItem('n', wait)] });
    await renderApp(api);
    await userEvent.click(within(row('n.bin')).getByRole('button', { name: 'Try n.bin again now' }));
    expect(api.tryNow).toHaveBeenCalledTimes(1);
  });
});

/** Makes the next Add files… wait until the test finishes it with a summary. */
function holdNextAdd(api: FakeApi): (result: AddSummary) => void {
  let finish!: (result: AddSummary) => void;
  vi.mocked(api.pickAndAdd).mockImplementationOnce(() => new Promise<AddSummary>((resolve) => (finish = resolve)));
  return (result) => finish(result);
}

describe('adding', () => {
  it('Stop adding in the "checking" status asks main to stop, and then tells how many were not added', async () => {
    const api = createFakeApi({ settings: settingsWith([PROFILE]), items: [makeItem('a')] });
    await renderApp(api);
    const finish = holdNextAdd(api);
    await userEvent.click(screen.getByRole('button', { name: 'Add files…' }));
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('Checking what is already in the bucket…');
    await userEvent.click(screen.getByRole('button', { name: 'Stop adding' }));
    expect(api.stopAdding).toHaveBeenCalledTimes(1);

    await act(async () => finish(summary({ added: 2, stopped: 40 })));
    expect(screen.queryByText('Checking what is already in the bucket…')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Stop adding' })).toBeNull();
    expect(screen.getByText('Adding was stopped: 40 files were not added.')).toBeTruthy();
  });

  it('tells how many files were skipped as already in the bucket, and uses the singular for one', async () => {
    const api = createFakeApi({ settings: settingsWith([PROFILE]) });
    await renderApp(api);
    const notices = () => screen.queryByRole('region', { name: 'Messages' });
    // The empty queue's drop area has its own Add files; the header's is the one always there.
    const addFiles = () => within(screen.getByRole('banner')).getByRole('button', { name: 'Add files…' });

    vi.mocked(api.pickAndAdd).mockResolvedValueOnce(summary({ added: 3 }));
    await userEvent.click(addFiles());
    expect(notices()).toBeNull(); // nothing left out, nothing to say

    vi.mocked(api.pickAndAdd).mockResolvedValueOnce(summary({ added: 1, skipped: 7 }));
    await userEvent.click(addFiles());
    expect(within(notices()!).getByText('7 files were skipped: they are already in photos.')).toBeTruthy();

    vi.mocked(api.pickAndAdd).mockResolvedValueOnce(summary({ skipped: 1, stopped: 1 }));
    await userEvent.click(addFiles());
    expect(within(notices()!).getByText('1 file was skipped: it is already in photos.')).toBeTruthy();
    expect(within(notices()!).getByText('Adding was stopped: 1 file was not added.')).toBeTruthy();
    expect(within(notices()!).getAllByRole('status')).toHaveLength(3);
  });
});
