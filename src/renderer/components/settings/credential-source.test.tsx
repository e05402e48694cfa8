// The profile form's Credentials choice and proxy field: each source shows its own fields, the AWS profile list comes
// from main with kinds and regions, what is saved names the chosen source only, and a proxy URL is checked inline.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { AwsProfileEntry, ProfileView } from '../../../shared/settings-schema';
import { createFakeApi, PROFILE, settingsWith } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

afterEach(cleanup);

const AWS_PROFILES: AwsProfileEntry[] = [
  { name: 'default', kind: 'static', region: 'us-east-1' },
  { name: 'deploy', kind: 'assume-role' },
  { name: 'sso-dev', kind: 'sso', region: 'eu-west-1' },
];

async function openSettings(profile: ProfileView = PROFILE, awsProfiles = AWS_PROFILES) {
  const api = createFakeApi({ settings: settingsWith([profile]), awsProfiles });
  await renderApp(api);
  await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
  return api;
}

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const radio = (name: string) => screen.getByRole('radio', { name }) as HTMLInputElement;
const save = () => userEvent.click(screen.getByRole('button', { name: 'Save' }));
const lastSaved = (api: ReturnType<typeof createFakeApi>) =>
  (api.saveProfile as unknown as { mock: { calls: unknown[][] } }).mock.calls.at(-1)?.[0] as Record<string, unknown>;
const errorOf = (label: string) => {
  const ids = (input(label).getAttribute('aria-describedby') ?? '').split(' ');
  return ids.map((id) => document.getElementById(id)?.textContent ?? '');
};

describe('the Credentials choice', () => {
  it('offers the three sources; the access key shows its key ID, secret and optional session token', async () => {
    await openSettings();
    const group = screen.getByRole('group', { name: 'Credentials' });
    expect(
      within(group)
        .getAllByRole('radio')
        .map((r) => r.getAttribute('value')),
    ).toEqual(['access-key', 'aws-profile', 'default-chain']);
    expect(radio('Access key').checked).toBe(true);
    expect(input('Access key ID').value).toBe('minioadmin');
    expect(input('Secret access key').type).toBe('password');
    expect(input('Session token (optional)').type).toBe('password');
    expect(errorOf('Session token (optional)').join(' ')).toMatch(/Token: not set/);
  });

  it('saves a typed session token with the key, and never shows it back', async () => {
    const api = await openSettings();
    await userEvent.type(input('Session token (optional)'), 'IQoJb3JpZ2luX2VjE-token');
    expect(errorOf('Session token (optional)').join(' ')).toMatch(/Token: will be saved/);
    await save();
    expect(lastSaved(api)).toMatchObject({
      credentialSource: { kind: 'access-key' },
      accessKeyId: 'minioadmin',
      sessionToken: 'IQoJb3JpZ2luX2VjE-token',
    });
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(input('Session token (optional)').value).toBe('');
  });

  it('lists the AWS profiles main read, with their kind and region, and saves the chosen name only', async () => {
    const api = await openSettings();
    // A secret typed before switching is not sent: only the access key uses it.
    await userEvent.type(input('Secret access key'), 'typed-then-abandoned');
    await userEvent.click(radio('AWS profile'));
    expect(screen.queryByLabelText('Access key ID')).toBeNull();
    const select = (await screen.findByLabelText('Named profile')) as HTMLSelectElement;
    await screen.findByRole('option', { name: 'sso-dev (SSO, eu-west-1)' });
    // A list box, every profile in view, none chosen yet.
    expect(select.size).toBe(3);
    expect(select.value).toBe('');
    expect([...select.options].filter((o) => !o.hidden).map((o) => o.textContent)).toEqual([
      'default (access keys, us-east-1)',
      'deploy (role)',
      'sso-dev (SSO, eu-west-1)',
    ]);
    expect(screen.getByText(/the AWS CLI use the same profiles/)).toBeTruthy();
    await userEvent.selectOptions(select, 'deploy');
    await save();
    const saved = lastSaved(api);
    expect(saved).toMatchObject({ credentialSource: { kind: 'aws-profile', profile: 'deploy' } });
    expect(saved).not.toHaveProperty('secret');
    expect(api.listAwsProfiles).toHaveBeenCalled();
  });

  it('refuses to save the AWS profile choice without a profile, with the message at the list', async () => {
    const api = await openSettings();
    await userEvent.click(radio('AWS profile'));
    await screen.findByRole('option', { name: 'deploy (role)' });
    await save();
    expect(api.saveProfile).not.toHaveBeenCalled();
    const select = screen.getByLabelText('Named profile');
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(select);
    expect(screen.getByText('Choose an AWS profile.')).toBeTruthy();
  });

  it('keeps a saved profile name the files no longer have, marked, and says how to make one when none exist', async () => {
    await openSettings({ ...PROFILE, credentialSource: { kind: 'aws-profile', profile: 'gone' } }, []);
    const select = (await screen.findByLabelText('Named profile')) as HTMLSelectElement;
    await screen.findByRole('option', { name: 'gone (not in the AWS config files)' });
    expect(select.value).toBe('gone');
    expect(screen.getByText(/No profiles in ~\/\.aws\/config .*aws configure sso/)).toBeTruthy();
  });

  it('explains the default chain and saves it without keys', async () => {
    const api = await openSettings();
    await userEvent.click(radio('Default chain'));
    expect(screen.getByText(/the container or instance role/)).toBeTruthy();
    expect(screen.queryByLabelText('Secret access key')).toBeNull();
    await save();
    expect(lastSaved(api)).toMatchObject({ credentialSource: { kind: 'default-chain' } });
  });

  it('asks for the access key ID when the access key is chosen without one', async () => {
    const api = await openSettings();
    await userEvent.clear(input('Access key ID'));
    await save();
    expect(api.saveProfile).not.toHaveBeenCalled();
    expect(screen.getByText('Enter the access key ID, or choose AWS profile or Default chain.')).toBeTruthy();
  });

  it('says at once that a saved session token does not follow the profile to another server', async () => {
    await openSettings({ ...PROFILE, sessionTokenSet: true });
    await userEvent.clear(input('Endpoint URL'));
    await userEvent.type(input('Endpoint URL'), 'https://elsewhere.example.com');
    expect(screen.getByText(/Type the session token again/)).toBeTruthy();
    expect(screen.getByText(/Type the secret access key again/)).toBeTruthy();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Forget the stored session token' }));
    expect(screen.queryByText(/Type the session token again/)).toBeNull();
  });
});

describe('the proxy URL', () => {
  it('is empty for the system proxy, refuses credentials in it, and saves a valid one', async () => {
    const api = await openSettings();
    const proxy = input('Proxy URL');
    expect(proxy.value).toBe('');
    await userEvent.type(proxy, 'http://me:secret@proxy.example.com:3128');
    await userEvent.tab();
    expect(screen.getByText('Leave the user name and password out of the proxy URL.')).toBeTruthy();
    await userEvent.clear(proxy);
    await userEvent.type(proxy, 'socks5://proxy.example.com:1080');
    await userEvent.tab();
    expect(screen.getByText(/Enter a proxy URL starting with http:\/\/ or https:\/\//)).toBeTruthy();
    await userEvent.clear(proxy);
    await userEvent.type(proxy, 'http://proxy.example.com:3128');
    await save();
    expect(lastSaved(api)).toMatchObject({ proxyUrl: 'http://proxy.example.com:3128' });
  });
});
