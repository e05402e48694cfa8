// The History pane and Copy link, on the fake window.hoist: what is listed and searched, what the clipboard gets and
// what the user reads, and where Reveal in the destination takes the target bar.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryEntryView } from '../../../shared/ipc';
import { createFakeApi, makeItem, PROFILE, settingsWith } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

const entry = (id: string, key: string, patch: Partial<HistoryEntryView> = {}): HistoryEntryView => ({
  id,
  bucket: 'photos',
  key,
  size: 2_500_000,
  etag: '"abc"',
  finishedAt: Date.now() - 3 * 3600_000,
  profileId: 'p1',
  profileName: 'Local MinIO',
  ...patch,
});

const HISTORY = [
  entry('h1', 'trip/beach.jpg'),
  entry('h2', 'reports/q3.pdf', { bucket: 'finance', size: 1234 }),
  entry('h3', 'old/notes.txt', { profileId: 'gone', profileName: null }),
];

let written: string[];
beforeEach(() => {
  written = [];
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: vi.fn(async (text: string) => void written.push(text)) },
  });
});
afterEach(cleanup);

async function openHistory() {
  const api = createFakeApi({ settings: settingsWith([PROFILE]), history: HISTORY });
  await renderApp(api);
  await userEvent.click(screen.getByRole('button', { name: 'History' }));
  await screen.findByRole('table');
  return api;
}

const row = (key: string) => screen.getByRole('row', { name: new RegExp(key.replace('.', '\\.')) });

describe('History pane', () => {
  it('lists finished uploads with size, age and profile, and marks a removed profile', async () => {
    await openHistory();
    expect(screen.getByRole('heading', { name: 'Upload history' })).toBeTruthy();
    const beach = within(row('trip/beach.jpg'));
    expect(beach.getByText('2.4 MiB')).toBeTruthy();
    expect(beach.getByText('3 hours ago')).toBeTruthy();
    expect(beach.getByText('Local MinIO')).toBeTruthy();
    const notes = within(row('old/notes.txt'));
    expect(notes.getByText('(profile removed)')).toBeTruthy();
    expect(
      (notes.getByRole('button', { name: 'Copy a download link to notes.txt' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('searches as the user types, and says when nothing matches', async () => {
    const api = await openHistory();
    await userEvent.type(screen.getByRole('searchbox'), 'q3');
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2));
    expect(screen.getByText('reports/q3.pdf')).toBeTruthy();
    expect(api.listHistory).toHaveBeenLastCalledWith('q3');
    await userEvent.type(screen.getByRole('searchbox'), 'zebra');
    expect(await screen.findByText('No upload matches "q3zebra".')).toBeTruthy();
  });

  it('copies a link to the clipboard and says until when it works', async () => {
    const api = await openHistory();
    const expiresAt = Date.UTC(2031, 0, 15, 9, 30);
    vi.mocked(api.shareLink).mockResolvedValueOnce({
      url: 'http://s3.test/photos/trip/beach.jpg?X-Amz-Signature=1',
      expiresAt,
    });
    await userEvent.click(
      within(row('trip/beach.jpg')).getByRole('button', { name: 'Copy a download link to beach.jpg' }),
    );
    const status = await screen.findByText(/^Link copied — works until /);
    expect(status.textContent).toContain('2031');
    expect(api.shareLink).toHaveBeenCalledWith({ kind: 'history', id: 'h1' });
    expect(written).toEqual(['http://s3.test/photos/trip/beach.jpg?X-Amz-Signature=1']);
  });

  it('says why when main refuses a link, and copies nothing', async () => {
    const api = await openHistory();
    vi.mocked(api.shareLink).mockRejectedValueOnce(
      new Error('not-allowed: the secret access key of "Local MinIO" is not set'),
    );
    await userEvent.click(within(row('trip/beach.jpg')).getByRole('button', { name: /Copy a download link/ }));
    expect(
      await screen.findByText('Could not make a link: the secret access key of "Local MinIO" is not set'),
    ).toBeTruthy();
    expect(written).toEqual([]);
  });

  it("Reveal in the destination makes the object's folder the target and goes back to the queue", async () => {
    const api = await openHistory();
    await userEvent.click(
      within(row('reports/q3.pdf')).getByRole('button', { name: 'Make the folder of q3.pdf the destination' }),
    );
    expect(api.selectTarget).toHaveBeenCalledWith({ profileId: 'p1', bucket: 'finance', prefix: 'reports/' });
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Upload history' })).toBeNull());
  });
});

describe('Copy link on a done row', () => {
  it('is offered on done rows only, and copies the link main signs for the row', async () => {
    const api = createFakeApi({
      settings: settingsWith([PROFILE]),
      items: [makeItem('a', { kind: 'done', etag: '"e"', bytesSent: 64_000_000 }), makeItem('b', { kind: 'queued' })],
    });
    vi.mocked(api.shareLink).mockResolvedValueOnce({ url: 'http://s3.test/a', expiresAt: Date.now() + 86_400_000 });
    await renderApp(api);
    expect(screen.queryByRole('button', { name: 'Copy a download link to b.bin' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Copy a download link to a.bin' }));
    expect(await screen.findByText(/^Link copied — works until /)).toBeTruthy();
    expect(api.shareLink).toHaveBeenCalledWith({ kind: 'queue', id: 'a' });
    expect(written).toEqual(['http://s3.test/a']);
  });
});
