// An empty queue is a drop area that says where files go and offers Add files; a filter with no rows says so.
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AddSummary } from '../../../shared/ipc';
import { createFakeApi, makeItem, PROFILE, settingsWith } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

afterEach(cleanup);

describe('empty queue', () => {
  it('shows the drop area with the destination and an Add files button that picks files', async () => {
    const api = createFakeApi({ settings: settingsWith([PROFILE]) });
    await renderApp(api);
    const main = within(screen.getByRole('main'));
    expect(main.getByRole('heading', { name: 'Drop files or folders here' })).toBeTruthy();
    expect(main.getByText('They go to photos/inbox/.')).toBeTruthy();
    const summary: AddSummary = { added: 1, skipped: 0, renamed: 0, stopped: 0, rejected: [] };
    vi.mocked(api.pickAndAdd).mockResolvedValueOnce(summary);
    await userEvent.click(main.getByRole('button', { name: 'Add files…' }));
    expect(api.pickAndAdd).toHaveBeenCalledWith({ profileId: 'p1', bucket: 'photos', prefix: 'inbox/' });
    // No toolbar while there is nothing to filter or select.
    expect(screen.queryByRole('group', { name: 'Show' })).toBeNull();
  });

  it('a filter that matches nothing says so instead of the drop area', async () => {
    const api = createFakeApi({
      settings: settingsWith([PROFILE]),
      items: [makeItem('d', { kind: 'done', etag: 'e', bytesSent: 1 }, { loaded: 64_000_000 })],
    });
    await renderApp(api);
    await userEvent.click(screen.getByRole('button', { name: 'Active (0)' }));
    expect(screen.getByText('Nothing is uploading or waiting.')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Drop files or folders here' })).toBeNull();
    // A new file is active: it shows up in this view.
    act(() => api.emitBatch([makeItem('n')]));
    expect(screen.getByRole('listitem', { name: 'n.bin' })).toBeTruthy();
  });
});
