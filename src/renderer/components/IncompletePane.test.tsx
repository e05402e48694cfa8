import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncompleteUploadInfo } from '../../shared/ipc';
import { createFakeApi, PROFILE, settingsWith, type FakeApiOptions } from '../test/fake-api';
import { renderApp } from '../test/render-app';

afterEach(cleanup);

const upload = (key: string, uploadId: string, patch: Partial<IncompleteUploadInfo> = {}): IncompleteUploadInfo => ({
  key,
  uploadId,
  initiated: '2010-11-10T20:48:33.000Z', // what moto reports for every upload
  parts: 2,
  bytes: 16_000_000,
  startedByHoist: false,
  ...patch,
});

const ROWS = [
  upload('inbox/big.iso', 'VXBsb2FkSWQtMDAwMDAwMDAx', { startedByHoist: true }),
  upload('old/tmp.bin', 'VXBsb2FkSWQtMDAwMDAwMDAy', { parts: 1, bytes: 5_000_000 }),
  upload('fresh.bin', 'VXBsb2FkSWQtMDAwMDAwMDAz', { initiated: new Date().toISOString(), parts: 0, bytes: 0 }),
];

async function openFromTargetBar(options: Partial<FakeApiOptions> = {}, expectRows = true) {
  const api = createFakeApi({ settings: settingsWith([PROFILE]), incomplete: ROWS, ...options });
  await renderApp(api);
  await userEvent.click(screen.getByRole('button', { name: 'Incomplete uploads…' }));
  if (expectRows) await screen.findByRole('table');
  else await screen.findByText(/^No incomplete uploads in/);
  return api;
}

/** What the page sends for an upload to abort: its key and UploadId, nothing else. */
const ids = ({ key, uploadId }: IncompleteUploadInfo) => ({ key, uploadId });
const row = (key: string) => screen.getByRole('row', { name: key });

describe('incomplete uploads view', () => {
  it("lists the current target's bucket, with the uploads Hoist started marked", async () => {
    const api = await openFromTargetBar();
    expect(screen.getByRole('heading', { name: 'Incomplete uploads on the server' })).toBeTruthy();
    expect(api.listIncomplete).toHaveBeenCalledWith({ profileId: 'p1', bucket: 'photos', prefix: '' });
    expect(screen.getByText('3 incomplete uploads, 20.0 MiB')).toBeTruthy();
    const big = within(row('inbox/big.iso'));
    expect(big.getByText('Started by Hoist')).toBeTruthy();
    expect(big.getByText('VXBsb2FkSWQt…').getAttribute('title')).toBe('VXBsb2FkSWQtMDAwMDAwMDAx');
    expect(big.getByText('15.3 MiB')).toBeTruthy();
    expect(big.getByText('2')).toBeTruthy();
    expect(within(row('old/tmp.bin')).queryByText('Started by Hoist')).toBeNull();
  });

  it('says how long ago each upload started, with the full date and time on hover', async () => {
    await openFromTargetBar();
    const started = (key: string) => row(key).querySelector('td.incomplete-when time')!;
    // moto's fixed date reads as what it is: years old.
    expect(started('old/tmp.bin').textContent).toMatch(/^\d+ years ago$/);
    expect(started('old/tmp.bin').getAttribute('datetime')).toBe('2010-11-10T20:48:33.000Z');
    expect(started('old/tmp.bin').getAttribute('title')).toBe(
      new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'medium' }).format(
        Date.UTC(2010, 10, 10, 20, 48, 33),
      ),
    );
    expect(started('fresh.bin').textContent).toBe('just now');
  });

  it('writes the dates in the UI language', async () => {
    const api = createFakeApi({
      settings: settingsWith([PROFILE], { language: 'ja' }),
      incomplete: [
        upload('a.bin', 'VXBsb2FkSWQtMDAwMDAwMDA0', { initiated: new Date(Date.now() - 3 * 86_400_000).toISOString() }),
      ],
    });
    await renderApp(api);
    await userEvent.click(screen.getByRole('button', { name: '未完了のアップロード…' }));
    await screen.findByRole('table');
    expect(row('a.bin').querySelector('time')!.textContent).toBe('3日前');
  });

  it('shows a dash for an upload the server gave no date for', async () => {
    await openFromTargetBar({ incomplete: [upload('nodate.bin', 'VXBsb2FkSWQtMDAwMDAwMDA1', { initiated: '' })] });
    expect(row('nodate.bin').querySelector('td.incomplete-when')!.textContent).toBe('—');
    expect(row('nodate.bin').querySelector('time')).toBeNull();
  });

  it('aborts the selected uploads and shows each answer in its row', async () => {
    const api = await openFromTargetBar({
      abortAnswer: (u) =>
        u.key === 'old/tmp.bin' ? { ...u, verified: false, error: 'AccessDenied' } : { ...u, verified: true },
    });
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select inbox/big.iso' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select old/tmp.bin' }));
    await userEvent.click(screen.getByRole('button', { name: 'Abort selected' }));
    expect(api.abortIncomplete).toHaveBeenCalledWith({ profileId: 'p1', bucket: 'photos' }, [
      ids(ROWS[0]!),
      ids(ROWS[1]!),
    ]);
    await waitFor(() => expect(within(row('inbox/big.iso')).getByText('Removed')).toBeTruthy());
    expect(within(row('old/tmp.bin')).getByText('Not removed: AccessDenied')).toBeTruthy();
    expect(within(row('fresh.bin')).queryByText(/Removed/)).toBeNull();
    // A removed upload can no longer be selected; the one that failed can be tried again.
    expect((screen.getByRole('checkbox', { name: 'Select inbox/big.iso' }) as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'Select old/tmp.bin' }) as HTMLInputElement).disabled).toBe(false);
  });

  it('aborts only the uploads older than N days', async () => {
    const api = await openFromTargetBar();
    const days = screen.getByRole('spinbutton', { name: 'Days' });
    await userEvent.clear(days);
    await userEvent.type(days, '30');
    await userEvent.click(screen.getByRole('button', { name: 'Abort older than 30 days' }));
    const [, sent] = (api.abortIncomplete as unknown as { mock: { calls: [unknown, IncompleteUploadInfo[]][] } }).mock
      .calls[0]!;
    expect(sent.map((u) => u.key)).toEqual(['inbox/big.iso', 'old/tmp.bin']);
    await waitFor(() => expect(within(row('old/tmp.bin')).getByText('Removed')).toBeTruthy());
    expect(within(row('fresh.bin')).queryByText('Removed')).toBeNull();
  });

  it('says so when none is that old, and aborts nothing', async () => {
    const api = await openFromTargetBar({ incomplete: [ROWS[2]!] });
    await userEvent.click(screen.getByRole('button', { name: 'Abort older than 7 days' }));
    expect(screen.getByText('No upload here is older than 7 days.')).toBeTruthy();
    expect(api.abortIncomplete).not.toHaveBeenCalled();
  });

  it('Abort all sends every upload', async () => {
    const api = await openFromTargetBar();
    await userEvent.click(screen.getByRole('button', { name: 'Abort all' }));
    expect(api.abortIncomplete).toHaveBeenCalledWith({ profileId: 'p1', bucket: 'photos' }, ROWS.map(ids));
    await waitFor(() => expect(screen.getAllByText('Removed')).toHaveLength(3));
  });

  it('lists another bucket on request, and explains the lifecycle rule', async () => {
    const api = await openFromTargetBar({ incomplete: [] }, false);
    expect(screen.getByText('No incomplete uploads in photos.')).toBeTruthy();
    const bucket = screen.getByRole('textbox', { name: 'Bucket' });
    await userEvent.clear(bucket);
    await userEvent.type(bucket, 'archive');
    await userEvent.click(screen.getByRole('button', { name: 'List' }));
    expect(api.listIncomplete).toHaveBeenLastCalledWith({ profileId: 'p1', bucket: 'archive', prefix: '' });
    const hint = screen.getByRole('complementary', { name: 'Let the bucket clean up by itself' });
    expect(hint.textContent).toContain('AbortIncompleteMultipartUpload');
    expect(JSON.parse(hint.querySelector('code')!.textContent!)).toMatchObject({
      Rules: [{ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }],
    });
  });

  it("shows main's error when the listing fails", async () => {
    const api = createFakeApi({ settings: settingsWith([PROFILE]) });
    api.listIncomplete = async () =>
      Promise.reject(new Error('server-error: NoSuchBucket: The specified bucket does not exist'));
    await renderApp(api);
    await userEvent.click(screen.getByRole('button', { name: 'Incomplete uploads…' }));
    expect((await screen.findByRole('alert')).textContent).toContain('NoSuchBucket');
  });

  it('is reachable from the settings pane for the profile shown there', async () => {
    const api = createFakeApi({ settings: settingsWith([PROFILE]), incomplete: ROWS });
    await renderApp(api);
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await userEvent.click(screen.getByRole('button', { name: 'Incomplete uploads…' }));
    await screen.findByRole('table');
    expect(api.listIncomplete).toHaveBeenCalledWith({ profileId: 'p1', bucket: 'photos', prefix: '' });
  });
});
