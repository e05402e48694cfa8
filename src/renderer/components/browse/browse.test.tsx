// The destination browser as a user meets it: opened from its button at the target's bucket and prefix, walking
// folders by click, Enter, breadcrumbs and Up, loading more, typing a bucket when ListBuckets is refused, a new
// folder, and handing back the folder chosen. Main is the fake API; what it is asked for is checked too.
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FolderListing } from '../../../shared/ipc';
import { createAppStore } from '../../store/app-store';
import { StoreProvider } from '../../store/context';
import { createFakeApi, PROFILE, settingsWith, type FakeApi } from '../../test/fake-api';
import { BrowseButton } from './BrowseButton';

afterEach(cleanup);

const DAY = 86_400_000;
type Where = { profileId: string; bucket: string; prefix: string };

/** A server of folders: each prefix's pages, in order (a page's nextToken is the next page's index). */
function serverOf(pages: Record<string, Omit<FolderListing, 'prefix'>[]>) {
  return async (where: Where, token?: string): Promise<FolderListing> => {
    const list = pages[`${where.bucket}/${where.prefix}`];
    if (!list) return { prefix: where.prefix, folders: [], objects: [] };
    return { prefix: where.prefix, ...list[token ? Number(token) : 0]! };
  };
}

const PHOTOS = serverOf({
  'photos/inbox/': [
    {
      folders: ['inbox/2024/', 'inbox/raw/'],
      objects: [
        { key: 'inbox/cover.png', size: 1536, modifiedAt: Date.now() - 3 * DAY },
        { key: 'inbox/notes.txt', size: 12, modifiedAt: null },
      ],
    },
  ],
  'photos/inbox/2024/': [
    { folders: [], objects: [{ key: 'inbox/2024/a.jpg', size: 2_097_152, modifiedAt: Date.now() }] },
  ],
  'photos/': [{ folders: ['inbox/'], objects: [] }],
});

async function renderButton(api: FakeApi, props: { bucket?: string; prefix?: string } = {}, language = 'en') {
  const store = createAppStore(api, 'en-US');
  const settings = settingsWith([PROFILE], { language: language as 'en' | 'ja' });
  store.setState({ settings });
  const onPick = vi.fn();
  render(
    <StoreProvider store={store} api={api}>
      <input aria-label="before" />
      <BrowseButton
        profileId="p1"
        bucket={props.bucket ?? 'photos'}
        prefix={props.prefix ?? 'inbox/'}
        onPick={onPick}
      />
    </StoreProvider>,
  );
  return { onPick };
}

function fakeApi(): FakeApi {
  const api = createFakeApi({ settings: settingsWith([PROFILE]) });
  vi.mocked(api.browseList).mockImplementation(PHOTOS);
  return api;
}

const dialog = () => screen.getByRole('dialog', { name: 'Choose a destination' });
const row = (name: string) => screen.getByRole('row', { name: new RegExp(`^${name}`) });

describe('destination browser', () => {
  it("opens at the target's bucket and prefix, with its folders and the objects already there", async () => {
    const api = fakeApi();
    await renderButton(api);
    await userEvent.click(screen.getByRole('button', { name: 'Browse…' }));
    await screen.findByRole('button', { name: '2024/' });
    expect(api.browseList).toHaveBeenCalledWith({ profileId: 'p1', bucket: 'photos', prefix: 'inbox/' });
    expect(api.browseBuckets).not.toHaveBeenCalled();
    expect(within(dialog()).getByRole('button', { name: 'raw/' })).toBeTruthy();
    expect(within(row('cover.png')).getByText('1.5 KiB')).toBeTruthy();
    expect(within(row('cover.png')).getByText('3 days ago').tagName).toBe('TIME');
    expect(within(row('notes.txt')).getByText('—')).toBeTruthy();
    expect(screen.getByText('2 folders and 2 files shown')).toBeTruthy();
    const crumbs = within(screen.getByRole('navigation', { name: 'Location' }));
    expect(crumbs.getByText('inbox').getAttribute('aria-current')).toBe('location');
    expect(screen.getByText('photos/inbox/')).toBeTruthy();
  });

  it('opens a folder with Enter, goes back with Up and the breadcrumbs, and chooses the folder shown', async () => {
    const api = fakeApi();
    const { onPick } = await renderButton(api);
    await userEvent.click(screen.getByRole('button', { name: 'Browse…' }));
    const first = await screen.findByRole('button', { name: '2024/' });
    // Focus lands on the first folder, so the keyboard alone walks in.
    await waitFor(() => expect(document.activeElement).toBe(first));
    await userEvent.keyboard('{Enter}');
    await screen.findByText('2.0 MiB');
    expect(api.browseList).toHaveBeenLastCalledWith({ profileId: 'p1', bucket: 'photos', prefix: 'inbox/2024/' });
    expect(within(row('a.jpg')).getByText('just now')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: '↑ Up' }));
    await screen.findByRole('button', { name: '2024/' });
    await userEvent.click(
      within(screen.getByRole('navigation', { name: 'Location' })).getByRole('button', { name: 'photos' }),
    );
    await screen.findByRole('button', { name: 'inbox/' });
    expect(api.browseList).toHaveBeenLastCalledWith({ profileId: 'p1', bucket: 'photos', prefix: '' });

    await userEvent.click(screen.getByRole('button', { name: 'inbox/' }));
    await userEvent.click(await screen.findByRole('button', { name: 'raw/' }));
    await screen.findByText('Nothing in this folder yet.');
    await userEvent.click(screen.getByRole('button', { name: 'Choose this folder' }));
    expect(onPick).toHaveBeenCalledWith('photos', 'inbox/raw/');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('loads more of a long folder, keeping what is shown', async () => {
    const api = fakeApi();
    const many = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({ key: `big/f${from + i}.bin`, size: 1, modifiedAt: null }));
    vi.mocked(api.browseList).mockImplementation(
      serverOf({
        'photos/big/': [
          { folders: ['big/sub/'], objects: many(0, 3), nextToken: '1' },
          { folders: [], objects: many(3, 2) },
        ],
      }),
    );
    await renderButton(api, { prefix: 'big' });
    await userEvent.click(screen.getByRole('button', { name: 'Browse…' }));
    await screen.findByText('1 folders and 3 files shown; there are more');
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByText('1 folders and 5 files shown');
    expect(api.browseList).toHaveBeenLastCalledWith({ profileId: 'p1', bucket: 'photos', prefix: 'big/' }, '1');
    for (const n of [0, 1, 2, 3, 4]) expect(screen.getByText(`f${n}.bin`)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('asks for a bucket name, without an error, when ListBuckets is refused', async () => {
    const api = fakeApi();
    await renderButton(api, { bucket: '', prefix: '' });
    await userEvent.click(screen.getByRole('button', { name: 'Browse…' }));
    await screen.findByText('Type the name of a bucket these credentials may use.');
    expect(api.browseBuckets).toHaveBeenCalledWith('p1');
    expect(screen.queryByRole('alert')).toBeNull();
    const field = screen.getByRole('textbox', { name: 'Bucket name' });
    await waitFor(() => expect(document.activeElement).toBe(field));
    await userEvent.type(field, 'Bad_Name{Enter}');
    expect(screen.getByText(/lowercase letters/)).toBeTruthy();
    expect(api.browseList).not.toHaveBeenCalled();
    await userEvent.clear(field);
    await userEvent.type(field, 'photos{Enter}');
    await screen.findByRole('button', { name: 'inbox/' });
    expect(api.browseList).toHaveBeenCalledWith({ profileId: 'p1', bucket: 'photos', prefix: '' });
  });

  it('lists the buckets when the keys may, and opens the one clicked', async () => {
    const api = fakeApi();
    vi.mocked(api.browseBuckets).mockResolvedValue({
      kind: 'listed',
      buckets: [
        { name: 'archive', createdAt: Date.now() - 400 * DAY },
        { name: 'photos', createdAt: null },
      ],
    });
    await renderButton(api, { bucket: '', prefix: '' });
    await userEvent.click(screen.getByRole('button', { name: 'Browse…' }));
    const list = within(await screen.findByRole('list', { name: 'Buckets' }));
    expect(list.getByRole('button', { name: /^archive/ }).textContent).toBe('archive1 year ago');
    await userEvent.click(list.getByRole('button', { name: 'photos' }));
    await screen.findByRole('button', { name: 'inbox/' });
    expect(screen.getByRole('button', { name: '↑ Up' })).toBeTruthy();
  });

  it("shows main's message for a failed listing, without the command's code, and tries again", async () => {
    const api = fakeApi();
    const message =
      'Bucket "photos" does not exist at http://127.0.0.1:9000. Check the bucket name, or pick another bucket.';
    vi.mocked(api.browseList).mockRejectedValueOnce(
      new Error(`Error invoking remote method 'browse:list': IpcError: server-error: ${message}`),
    );
    await renderButton(api);
    await userEvent.click(screen.getByRole('button', { name: 'Browse…' }));
    expect((await screen.findByRole('alert')).textContent).toBe(`${message}Try again`);
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('button', { name: '2024/' });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('makes a new folder by name, opens it and chooses it', async () => {
    const api = fakeApi();
    const { onPick } = await renderButton(api);
    await userEvent.click(screen.getByRole('button', { name: 'Browse…' }));
    await screen.findByRole('button', { name: '2024/' });
    await userEvent.click(screen.getByRole('button', { name: 'New folder…' }));
    const name = screen.getByRole('textbox', { name: 'New folder name' });
    await userEvent.type(name, 'a/b');
    expect(screen.getByRole('alert').textContent).toBe('A folder name cannot contain "/": add one folder at a time.');
    expect((screen.getByRole('button', { name: 'Add' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.clear(name);
    await userEvent.type(name, '2025{Enter}');
    await screen.findByText('A new folder: it appears on the server with the first file uploaded into it.');
    expect(within(screen.getByRole('navigation', { name: 'Location' })).getByText('2025')).toBeTruthy();
    // Up again: the new folder is listed beside the server's own until a file lands in it.
    await userEvent.click(screen.getByRole('button', { name: '↑ Up' }));
    await userEvent.click(await screen.findByRole('button', { name: '2025/' }));
    await userEvent.click(screen.getByRole('button', { name: 'Choose this folder' }));
    expect(onPick).toHaveBeenCalledWith('photos', 'inbox/2025/');
  });

  it('keeps Tab inside the dialog, closes on Escape and gives focus back to the button', async () => {
    const api = fakeApi();
    const { onPick } = await renderButton(api);
    const button = screen.getByRole('button', { name: 'Browse…' });
    await userEvent.click(button);
    await screen.findByRole('button', { name: '2024/' });
    for (let i = 0; i < 15; i++) {
      await userEvent.tab();
      expect(dialog().contains(document.activeElement)).toBe(true);
    }
    await userEvent.tab({ shift: true });
    expect(dialog().contains(document.activeElement)).toBe(true);
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(onPick).not.toHaveBeenCalled();
  });

  it('drops an answer for a folder the user has already left', async () => {
    const api = fakeApi();
    let answerSlow: (listing: FolderListing) => void = () => {};
    vi.mocked(api.browseList).mockImplementation(async (where: Where, token?: string) =>
      where.prefix === 'inbox/raw/'
        ? new Promise<FolderListing>((resolve) => (answerSlow = resolve))
        : PHOTOS(where, token),
    );
    await renderButton(api);
    await userEvent.click(screen.getByRole('button', { name: 'Browse…' }));
    await userEvent.click(await screen.findByRole('button', { name: 'raw/' }));
    await userEvent.click(screen.getByRole('button', { name: '↑ Up' }));
    await screen.findByRole('button', { name: '2024/' });
    await act(async () =>
      answerSlow({ prefix: 'inbox/raw/', folders: [], objects: [{ key: 'inbox/raw/x', size: 1, modifiedAt: null }] }),
    );
    expect(screen.queryByText('x')).toBeNull();
    expect(screen.getByRole('button', { name: '2024/' })).toBeTruthy();
  });

  it('speaks Japanese, dates too', async () => {
    const api = fakeApi();
    await renderButton(api, {}, 'ja');
    await userEvent.click(screen.getByRole('button', { name: '参照…' }));
    expect(await screen.findByRole('dialog', { name: 'アップロード先を選択' })).toBeTruthy();
    await screen.findByRole('button', { name: '2024/' });
    expect(within(row('cover.png')).getByText('3日前')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'このフォルダーを選択' })).toBeTruthy();
    expect(screen.getByText('2 個のフォルダーと 2 個のファイルを表示')).toBeTruthy();
  });
});
