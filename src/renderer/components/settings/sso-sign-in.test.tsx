// An SSO profile's sign-in in Settings: the cached sign-in's state beside the chosen profile (valid until when, expired,
// missing), and the device sign-in: the code while main waits, Cancel, and how it ends. Main's answers are the fake
// API's; main's side of it is tested against the OIDC stand-in in src/main/settings/sso-sign-in.test.ts.
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SsoSignInEnd, SsoSignInStart, SsoTokenState } from '../../../shared/ipc';
import type { AwsProfileEntry } from '../../../shared/settings-schema';
import { createFakeApi, PROFILE, settingsWith } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';
import { signInTime } from './SsoSignIn';

afterEach(cleanup);

const AWS_PROFILES: AwsProfileEntry[] = [
  { name: 'deploy', kind: 'assume-role' },
  { name: 'sso-dev', kind: 'sso', region: 'eu-west-1' },
];
const SSO_PROFILE = { ...PROFILE, credentialSource: { kind: 'aws-profile' as const, profile: 'sso-dev' } };

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function openSettings(state: SsoTokenState, language: 'en' | 'ja' = 'en') {
  const api = createFakeApi({ settings: settingsWith([SSO_PROFILE], { language }), awsProfiles: AWS_PROFILES });
  vi.mocked(api.ssoStatus).mockResolvedValue(state);
  await renderApp(api);
  await userEvent.click(screen.getByRole('button', { name: language === 'en' ? 'Settings' : '設定' }));
  return api;
}

const signInButton = () => screen.findByRole('button', { name: 'Sign in…' });

describe('the sign-in state of an SSO profile', () => {
  it('shows "Not signed in" beside the chosen SSO profile, and nothing for a role profile', async () => {
    const api = await openSettings({ kind: 'missing' });
    expect(await screen.findByText('Not signed in')).toBeTruthy();
    expect(api.ssoStatus).toHaveBeenCalledWith('sso-dev');
    expect(await signInButton()).toBeTruthy();
    await userEvent.selectOptions(screen.getByLabelText('Named profile'), 'deploy');
    expect(screen.queryByText('Not signed in')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign in…' })).toBeNull();
  });

  it('shows until when a valid sign-in lasts, and an expired one as expired', async () => {
    const expiresAt = Date.now() + 3 * 3600_000;
    await openSettings({ kind: 'valid', expiresAt });
    expect(await screen.findByText(`Signed in until ${signInTime(expiresAt, 'en')}`)).toBeTruthy();
    cleanup();
    await openSettings({ kind: 'expired', expiredAt: Date.now() - 60_000 });
    expect(await screen.findByText('Sign-in expired')).toBeTruthy();
    expect(await signInButton()).toBeTruthy();
  });

  it('shows a time of another day with its date', () => {
    const now = new Date(2026, 11, 2, 9, 0).getTime();
    expect(signInTime(now + 3600_000, 'en', now)).not.toMatch(/2026/);
    expect(signInTime(now + 3 * 86400_000, 'en', now)).toMatch(/2026/);
  });

  it('shows the state in Japanese', async () => {
    await openSettings({ kind: 'missing' }, 'ja');
    expect(await screen.findByText('サインインしていません')).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'サインイン…' })).toBeTruthy();
  });
});

describe('Sign in…', () => {
  it('shows the code while main waits, then "Signed in" and the new state', async () => {
    const api = await openSettings({ kind: 'expired', expiredAt: Date.now() - 60_000 });
    const end = deferred<SsoSignInEnd>();
    vi.mocked(api.ssoWait).mockReturnValue(end.promise);
    await userEvent.click(await signInButton());
    expect(await screen.findByText('ABCD-EFGH')).toBeTruthy();
    expect(api.ssoSignIn).toHaveBeenCalledWith('sso-dev');
    expect(api.ssoWait).toHaveBeenCalledWith('flow-0001');
    expect(screen.getByText('Waiting for you to confirm in the browser…')).toBeTruthy();
    expect(screen.getByText(/A page opened in your browser/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign in…' })).toBeNull();

    const expiresAt = Date.now() + 8 * 3600_000;
    vi.mocked(api.ssoStatus).mockResolvedValue({ kind: 'valid', expiresAt });
    end.resolve({ kind: 'signed-in', expiresAt });
    expect(await screen.findByText(/^Signed in\. Hoist’s command line and the AWS CLI/)).toBeTruthy();
    expect(await screen.findByText(`Signed in until ${signInTime(expiresAt, 'en')}`)).toBeTruthy();
    expect(screen.queryByText('ABCD-EFGH')).toBeNull();
    expect(screen.queryByText('Waiting for you to confirm in the browser…')).toBeNull();
  });

  it('Cancel asks main to stop, and says nothing was saved', async () => {
    const api = await openSettings({ kind: 'missing' });
    const end = deferred<SsoSignInEnd>();
    vi.mocked(api.ssoWait).mockReturnValue(end.promise);
    vi.mocked(api.ssoCancel).mockImplementation(async () => end.resolve({ kind: 'cancelled' }));
    await userEvent.click(await signInButton());
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(api.ssoCancel).toHaveBeenCalledWith('flow-0001');
    expect(await screen.findByText('Sign-in cancelled. Nothing was saved.')).toBeTruthy();
    expect(screen.queryByText('ABCD-EFGH')).toBeNull();
    expect(await signInButton()).toBeTruthy();
  });

  it('a denied sign-in is an alert in the window’s language', async () => {
    const api = await openSettings({ kind: 'missing' }, 'ja');
    vi.mocked(api.ssoWait).mockResolvedValue({
      kind: 'failed',
      reason: 'denied',
      message: 'The sign-in of AWS profile "sso-dev" was denied in the browser. Choose Sign in… to try again.',
      text: { key: 'ssoApp.failed.denied', params: { profile: 'sso-dev' } },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'サインイン…' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'AWS プロファイル「sso-dev」のサインインがブラウザーで拒否されました。もう一度「サインイン…」を選んでください。',
    );
  });

  it('a service that cannot be reached ends it before any code; a page main did not open is shown to open', async () => {
    const api = await openSettings({ kind: 'missing' });
    const network: SsoSignInStart = {
      kind: 'failed',
      reason: 'network',
      message: 'Could not reach the SSO sign-in service (ENOTFOUND). Check the network…',
    };
    vi.mocked(api.ssoSignIn).mockResolvedValueOnce(network);
    await userEvent.click(await signInButton());
    expect((await screen.findByRole('alert')).textContent).toBe(network.message);
    expect(api.ssoWait).not.toHaveBeenCalled();

    vi.mocked(api.ssoWait).mockReturnValue(new Promise(() => undefined));
    vi.mocked(api.ssoSignIn).mockResolvedValueOnce({
      kind: 'waiting',
      flowId: 'flow-0002',
      userCode: 'WXYZ-1234',
      verificationUri: 'https://device.sso.eu-west-1.amazonaws.com/',
      codeExpiresAt: Date.now() + 600_000,
      browserOpened: false,
    });
    await userEvent.click(await signInButton());
    expect(await screen.findByText('WXYZ-1234')).toBeTruthy();
    expect(
      screen.getByText('Open https://device.sso.eu-west-1.amazonaws.com/ in your browser and enter this code there.'),
    ).toBeTruthy();
  });

  it('choosing another profile while it waits cancels the sign-in', async () => {
    const api = await openSettings({ kind: 'missing' });
    vi.mocked(api.ssoWait).mockReturnValue(new Promise(() => undefined));
    await userEvent.click(await signInButton());
    await screen.findByText('ABCD-EFGH');
    await userEvent.selectOptions(screen.getByLabelText('Named profile'), 'deploy');
    await waitFor(() => expect(api.ssoCancel).toHaveBeenCalledWith('flow-0001'));
    expect(screen.queryByText('ABCD-EFGH')).toBeNull();
  });
});
