// The profile form: focus, every error at once, the speed limit with units, the numbers' refusals, the secret's
// status, the endpoint typed without a scheme, and "Saved." for a new profile.
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeApi, PROFILE, settingsWith } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

afterEach(cleanup);

async function openSettings(api = createFakeApi({ settings: settingsWith([PROFILE]) })) {
  const view = await renderApp(api);
  await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
  return { api, ...view };
}

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const formStatus = () => within(screen.getByRole('form')).getByRole('status').textContent;
const saveButton = () => screen.getByRole('button', { name: 'Save' });
const savedCall = (api: ReturnType<typeof createFakeApi>) =>
  (api.saveProfile as unknown as { mock: { calls: unknown[][] } }).mock.calls.at(-1)?.[0] as Record<string, unknown>;

async function retype(label: string, text: string) {
  await userEvent.clear(input(label));
  if (text) await userEvent.type(input(label), text);
}

describe('profile form', () => {
  it('puts focus in the first field when it opens, for a profile and for a new one', async () => {
    await openSettings();
    expect(document.activeElement).toBe(input('Name'));
    await userEvent.click(screen.getByRole('button', { name: '+ New profile' }));
    expect(screen.getByRole('heading', { name: 'New profile' })).toBeTruthy();
    expect(document.activeElement).toBe(input('Name'));
  });

  it('shows every error at once on Save, and moves focus to the first field in error', async () => {
    const { api } = await openSettings();
    await retype('Region', '');
    await retype('Speed limit', 'fast');
    await retype('Part size (MiB)', '1e1');
    await userEvent.click(saveButton());
    expect(api.saveProfile).not.toHaveBeenCalled();

    const region = input('Region');
    expect(document.activeElement).toBe(region);
    expect(region.getAttribute('aria-invalid')).toBe('true');
    const described = (region.getAttribute('aria-describedby') ?? '').split(' ');
    expect(described.map((id) => document.getElementById(id)?.textContent)).toContain(
      'Enter a region, such as us-east-1.',
    );
    expect(screen.getByText(/^Speed limit: type a number and a unit, such as 20 MiB\/s/)).toBeTruthy();
    expect(screen.getByText(/^Part size: type a whole number of MiB in plain digits/)).toBeTruthy();
    expect(input('Speed limit').getAttribute('aria-invalid')).toBe('true');
    expect(input('Part size (MiB)').getAttribute('aria-invalid')).toBe('true');
    expect(formStatus()).toBe('Fix the fields marked in red, then save again.');
  });

  it('takes the speed limit with a unit, shows it back that way, and stores KiB/s', async () => {
    const { api } = await openSettings(createFakeApi({ settings: settingsWith([{ ...PROFILE, speedLimit: 1536 }]) }));
    expect(input('Speed limit').value).toBe('1.5 MiB/s');
    expect(screen.getByText(/a number alone is in MiB\/s/)).toBeTruthy();

    await retype('Speed limit', '20');
    await userEvent.tab();
    expect(input('Speed limit').value).toBe('20 MiB/s');
    await userEvent.click(saveButton());
    expect(savedCall(api)['speedLimit']).toBe(20 * 1024);

    await retype('Speed limit', '500 kib/s');
    await userEvent.click(saveButton());
    expect(savedCall(api)['speedLimit']).toBe(500);
    expect(input('Speed limit').value).toBe('500 KiB/s');

    await retype('Speed limit', '');
    await userEvent.click(saveButton());
    expect(savedCall(api)['speedLimit']).toBe(0);
    expect(input('Speed limit').getAttribute('placeholder')).toBe('No limit');
  });

  it.each([
    ['-0', /^Speed limit cannot be below zero\. Type a speed such as 20 MiB\/s/],
    ['-5 MiB/s', /^Speed limit cannot be below zero/],
    ['NaN', /^Speed limit: type a number and a unit, such as 20 MiB\/s or 500 KiB\/s/],
    ['1e1', /^Speed limit: type a number and a unit/],
    ['0x10', /^Speed limit: type a number and a unit/],
    ['20 GiB/s', /^Speed limit: the highest limit is 10 GiB\/s\. Type a speed such as 20 MiB\/s/],
  ])('refuses the speed limit %j, saying what to type', async (typed, message) => {
    const { api } = await openSettings();
    await retype('Speed limit', typed);
    await userEvent.click(saveButton());
    expect(api.saveProfile).not.toHaveBeenCalled();
    expect(screen.getByText(message)).toBeTruthy();
    expect(document.activeElement).toBe(input('Speed limit'));
  });

  it.each(['1e1', '0x10', '+8', '8.0'])('refuses the part size %j: plain digits only', async (typed) => {
    const { api } = await openSettings();
    await retype('Part size (MiB)', typed);
    await userEvent.tab();
    expect(
      screen.getByText('Part size: type a whole number of MiB in plain digits, from 5 to 5120, such as 16.'),
    ).toBeTruthy();
    await userEvent.click(saveButton());
    expect(api.saveProfile).not.toHaveBeenCalled();
  });

  it('keeps the part size range', async () => {
    const { api } = await openSettings();
    await retype('Part size (MiB)', '4');
    await userEvent.tab();
    expect(screen.getByText('Parts are 5 to 5,120 MiB.')).toBeTruthy();
    await retype('Part size (MiB)', '16');
    await userEvent.click(saveButton());
    expect(savedCall(api)['partSizeMiB']).toBe(16);
  });

  it('says the secret will be saved while one is typed, not that it is not set', async () => {
    await openSettings(
      createFakeApi({ settings: settingsWith([{ ...PROFILE, secretSet: false, secretKept: 'none' }]) }),
    );
    expect(screen.getByText('Secret: not set')).toBeTruthy();
    await userEvent.type(input('Secret access key'), 's3cret');
    expect(screen.queryByText('Secret: not set')).toBeNull();
    expect(screen.getByText('Secret: will be saved')).toBeTruthy();
  });

  it('says a stored secret will be forgotten while Forget is ticked', async () => {
    await openSettings();
    expect(screen.getByText('Secret: set (encrypted with the system keychain)')).toBeTruthy();
    await userEvent.click(screen.getByLabelText('Forget the stored secret'));
    expect(screen.getByText('Secret: will be forgotten')).toBeTruthy();
    expect(screen.queryByText(/Secret: set/)).toBeNull();
  });

  it('offers http:// for an endpoint typed without a scheme, in one click', async () => {
    await openSettings();
    await retype('Endpoint URL', '127.0.0.1:9000');
    await userEvent.tab();
    expect(screen.getByText(/Enter a full URL starting with https:\/\//)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Use http://127.0.0.1:9000' }));
    expect(input('Endpoint URL').value).toBe('http://127.0.0.1:9000');
    expect(input('Endpoint URL').getAttribute('aria-invalid')).toBe('false');
    expect(document.activeElement).toBe(input('Endpoint URL'));

    await retype('Endpoint URL', 'localhost:9000');
    await userEvent.tab();
    expect(screen.getByRole('button', { name: 'Use http://localhost:9000' })).toBeTruthy();
    await retype('Endpoint URL', 's3.example.com');
    await userEvent.tab();
    expect(screen.getByRole('button', { name: 'Use https://s3.example.com' })).toBeTruthy();
  });

  it('says "Saved." for a new profile too, with focus on Save', async () => {
    const { api } = await openSettings();
    await userEvent.click(screen.getByRole('button', { name: '+ New profile' }));
    await userEvent.type(input('Name'), 'Photos');
    await userEvent.type(input('Bucket'), 'photo-archive');
    // A new profile starts with the access key, whose ID it needs; the standard AWS chain needs nothing.
    await userEvent.click(screen.getByRole('radio', { name: 'Default chain' }));
    await userEvent.click(saveButton());
    expect(api.saveProfile).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'Photos', bucket: 'photo-archive', credentialSource: { kind: 'default-chain' } }),
    );
    // Main answers with the saved profile; the form becomes that profile's and still says so.
    const saved = { ...PROFILE, id: 'p-new', name: 'Photos', bucket: 'photo-archive', endpointUrl: '' };
    act(() => api.emitSettings(settingsWith([PROFILE, saved])));
    expect(await screen.findByRole('heading', { name: 'Photos' })).toBeTruthy();
    expect(formStatus()).toBe('Saved.');
    expect(document.activeElement).toBe(saveButton());
  });

  it('keeps focus on Save and on Test connection after they answer', async () => {
    await openSettings();
    await userEvent.type(input('Name'), ' 2');
    await userEvent.click(saveButton());
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(document.activeElement).toBe(saveButton());

    const testButton = screen.getByRole('button', { name: 'Test connection' });
    await userEvent.click(testButton);
    expect(await screen.findByText('OK: connected, and the bucket answers.')).toBeTruthy();
    expect(document.activeElement).toBe(testButton);
  });

  it('moves focus into the delete question and back to Delete when the profile is kept', async () => {
    const { api } = await openSettings();
    await userEvent.click(screen.getByRole('button', { name: 'Delete profile' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    await userEvent.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete profile' }));
    expect(api.deleteProfile).not.toHaveBeenCalled();
  });
});
