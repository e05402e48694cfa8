import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeApi, PROFILE, settingsWith } from '../test/fake-api';
import { renderApp } from '../test/render-app';

afterEach(cleanup);

async function openSettings(api = createFakeApi({ settings: settingsWith([PROFILE]) })) {
  const view = await renderApp(api);
  await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
  return { api, ...view };
}

describe('settings pane', () => {
  it('validates inline as the user leaves a field, with plain messages', async () => {
    await openSettings();
    const bucket = screen.getByLabelText('Bucket') as HTMLInputElement;
    await userEvent.clear(bucket);
    await userEvent.type(bucket, 'My_Photos');
    await userEvent.tab();
    expect(screen.getByText('Bucket names use only lowercase letters, digits, dots and hyphens.')).toBeTruthy();
    expect(bucket.getAttribute('aria-invalid')).toBe('true');

    const url = screen.getByLabelText('Endpoint URL');
    await userEvent.clear(url);
    await userEvent.type(url, 'minio.local');
    await userEvent.tab();
    expect(screen.getByText(/Enter a full URL starting with https:\/\//)).toBeTruthy();

    const region = screen.getByLabelText('Region');
    await userEvent.clear(region);
    await userEvent.tab();
    expect(screen.getByText('Enter a region, such as us-east-1.')).toBeTruthy();
  });

  it('does not save an invalid profile, and saves a valid one without echoing the secret', async () => {
    const { api } = await openSettings();
    const bucket = screen.getByLabelText('Bucket');
    await userEvent.clear(bucket);
    await userEvent.type(bucket, 'ab');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(api.saveProfile).not.toHaveBeenCalled();

    await userEvent.type(bucket, 'c-bucket');
    await userEvent.type(screen.getByLabelText('Secret access key'), 'new-secret');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(api.saveProfile).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'p1', bucket: 'abc-bucket', secret: 'new-secret' }),
    );
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect((screen.getByLabelText('Secret access key') as HTMLInputElement).value).toBe('');
  });

  it('shows the secret only as set or not set', async () => {
    const { api } = await openSettings();
    expect(screen.getByText('Secret: set (encrypted with the system keychain)')).toBeTruthy();
    expect((screen.getByLabelText('Secret access key') as HTMLInputElement).value).toBe('');
    act(() => api.emitSettings(settingsWith([{ ...PROFILE, secretSet: false, secretKept: 'none' }])));
    expect(await screen.findByText('Secret: not set')).toBeTruthy();
  });

  it('answers Test connection in plain words', async () => {
    const { api } = await openSettings();
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText('OK: connected, and the bucket answers.')).toBeTruthy();
    expect(api.testConnection).toHaveBeenCalledWith(expect.objectContaining({ id: 'p1', bucket: 'photos' }));
    const call = (api.testConnection as unknown as { mock: { calls: unknown[][] } }).mock.calls[0]![0] as object;
    expect('secret' in call).toBe(false); // blank: main uses the stored one

    (api.testConnection as unknown as { mockResolvedValueOnce(v: unknown): void }).mockResolvedValueOnce({
      ok: false,
      kind: 'unreachable',
      message: 'connect ECONNREFUSED 127.0.0.1:9000',
    });
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText('Endpoint unreachable: check the URL and your network.')).toBeTruthy();
    expect(screen.getByText('connect ECONNREFUSED 127.0.0.1:9000')).toBeTruthy();
  });

  it('says so when secrets cannot be stored safely, and offers the weak-storage opt-in', async () => {
    const api = createFakeApi({
      settings: settingsWith([PROFILE], { secretStorage: { backend: 'basic_text', allowWeak: false } }),
    });
    await openSettings(api);
    expect(screen.getByText(/No system keyring was found/)).toBeTruthy();
    await userEvent.click(screen.getByLabelText('Store secrets on disk anyway, with weak protection'));
    expect(api.setWeakStorage).toHaveBeenCalledWith(true);
  });

  it('switches the language', async () => {
    const { api } = await openSettings();
    await userEvent.selectOptions(screen.getByLabelText('Language'), 'ja');
    expect(api.setLanguage).toHaveBeenCalledWith('ja');
  });

  it('drops a Test connection result once a field it depended on changes', async () => {
    await openSettings();
    const result = () => screen.queryByText('OK: connected, and the bucket answers.');
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText('OK: connected, and the bucket answers.')).toBeTruthy();
    // A field the test does not read leaves it.
    await userEvent.type(screen.getByLabelText('Name'), ' 2');
    expect(result()).toBeTruthy();

    await userEvent.type(screen.getByLabelText('Bucket'), '-new');
    expect(result()).toBeNull();
    // Typing it back does not bring the old answer back.
    await userEvent.type(screen.getByLabelText('Bucket'), '{Backspace}{Backspace}{Backspace}{Backspace}');
    expect(result()).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText('OK: connected, and the bucket answers.')).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Endpoint URL'), '1');
    expect(result()).toBeNull();
  });
});
