// How the page shows main's trust refusals: a saved secret that would follow the profile to another server, and an
// abort of uploads main no longer counts as listed.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeApi, PROFILE, settingsWith } from '../test/fake-api';
import { renderApp } from '../test/render-app';

afterEach(cleanup);

const AGAIN = /The endpoint now points to another server\. Type the secret access key again/;

async function openSettings() {
  const api = createFakeApi({ settings: settingsWith([PROFILE]) });
  await renderApp(api);
  await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
  return api;
}

describe('a saved secret and a changed endpoint', () => {
  it('asks for the secret again as soon as the endpoint names another server, and sends nothing until it is typed', async () => {
    const api = await openSettings();
    const url = screen.getByLabelText('Endpoint URL');
    await userEvent.clear(url);
    await userEvent.type(url, 'https://other.example.com');
    expect(screen.getByText(AGAIN)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(api.saveProfile).not.toHaveBeenCalled();
    expect(api.testConnection).not.toHaveBeenCalled();

    await userEvent.type(screen.getByLabelText('Secret access key'), 'typed-again');
    expect(screen.queryByText(AGAIN)).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(api.saveProfile).toHaveBeenCalledWith(
      expect.objectContaining({ endpointUrl: 'https://other.example.com', secret: 'typed-again' }),
    );
  });

  it('the same server under another path keeps the saved secret', async () => {
    const api = await openSettings();
    await userEvent.type(screen.getByLabelText('Endpoint URL'), '/');
    expect(screen.queryByText(AGAIN)).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(api.saveProfile).toHaveBeenCalled();
  });

  it("shows main's refusal of Test connection at the secret field, in words", async () => {
    const api = await openSettings();
    vi.mocked(api.testConnection).mockRejectedValueOnce(
      new Error(
        "Error invoking remote method 'settings:testConnection': IpcError: invalid-profile: secret: v.secretAgain (the endpoint …)",
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText(AGAIN)).toBeTruthy();
    expect(screen.queryByText(/v\.secretAgain/)).toBeNull();
  });
});

describe('an abort main refuses as not listed', () => {
  it('says to list again, in words', async () => {
    const row = {
      key: 'old/tmp.bin',
      uploadId: 'VXBsb2FkSWQtMDAy',
      initiated: '',
      parts: 1,
      bytes: 5,
      startedByHoist: false,
    };
    const api = createFakeApi({ settings: settingsWith([PROFILE]), incomplete: [row] });
    vi.mocked(api.abortIncomplete).mockRejectedValueOnce(
      new Error('IpcError: not-listed: abort refused: 1 of the 1 uploads …'),
    );
    await renderApp(api);
    await userEvent.click(screen.getByRole('button', { name: 'Incomplete uploads…' }));
    await screen.findByRole('table');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select old/tmp.bin' }));
    await userEvent.click(screen.getByRole('button', { name: 'Abort selected' }));
    await waitFor(() =>
      expect(
        within(screen.getByRole('row', { name: 'old/tmp.bin' })).getByText(
          /Not removed: These uploads are not in a recent listing/,
        ),
      ).toBeTruthy(),
    );
  });
});
