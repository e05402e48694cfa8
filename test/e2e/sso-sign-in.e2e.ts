// The app's SSO sign-in (issue 19): Settings, an AWS profile of kind SSO from a fixture ~/.aws/config (AWS_CONFIG_FILE,
// and HOME in a temporary folder so the token cache is written there; the bridge runs main's services in this
// process). "Not signed in" beside the profile; Sign in… asks the loopback OIDC stand-in (test/cli/sso-oidc-stub.ts,
// through AWS_ENDPOINT_URL_SSO_OIDC) for a code, main "opens" the page (the bridge's openInBrowser records it), the
// window shows the code and waits, the stub approves after a few polls, and the window says "Signed in" with the time
// the sign-in lasts, the cache file written where the SDK and the AWS CLI read it. In Japanese, a second sign-in shows
// its code and is cancelled. Screenshots: settings-sso-sign-in.png, settings-sso-sign-in-ja.png (the code showing).
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startOidcStub, STUB_ACCESS_TOKEN, STUB_USER_CODE, type OidcStub } from '../cli/sso-oidc-stub';
import { startBridge } from './bridge/server';
import { friendlyBucket, openApp, profileFor, type AppPage } from './support/app';
import { launchChromium } from './support/browser';

const START_URL = 'https://example-corp.awsapps.com/start';
const CONFIG = `[profile team-sso]
sso_session = example-corp
sso_account_id = 111122223333
sso_role_name = Uploader
region = us-east-1

[sso-session example-corp]
sso_start_url = ${START_URL}
sso_region = us-east-1

[profile deploy]
role_arn = arn:aws:iam::111122223333:role/Deployer
credential_source = Environment
`;

let browser: Browser;
let root: string;
let home: string;
const stubs: OidcStub[] = [];
const saved: Record<string, string | undefined> = {};
const VARS = ['HOME', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_ENDPOINT_URL_SSO_OIDC'];

beforeAll(async () => {
  // The browser first: it keeps the real HOME for its own profile folder.
  [browser, root] = await Promise.all([launchChromium(), mkdtemp(join(tmpdir(), 'hoist-e2e-sso-'))]);
  home = join(root, 'home');
  await mkdir(join(home, '.aws'), { recursive: true });
  await writeFile(join(home, '.aws', 'config'), CONFIG);
  await writeFile(join(home, '.aws', 'credentials'), '');
  for (const name of VARS) saved[name] = process.env[name];
  process.env['HOME'] = home;
  process.env['AWS_CONFIG_FILE'] = join(home, '.aws', 'config');
  process.env['AWS_SHARED_CREDENTIALS_FILE'] = join(home, '.aws', 'credentials');
  delete process.env['AWS_PROFILE'];
});

afterAll(async () => {
  for (const name of VARS) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await Promise.all(stubs.map((s) => s.close()));
  await browser?.close();
  await rm(root, { recursive: true, force: true });
});

/** A fresh OIDC stand-in, named to main for the next sign-in (main reads the variable at each one). */
async function useStub(pending: number): Promise<OidcStub> {
  const stub = await startOidcStub({ pending, outcome: 'token', interval: 0.5 });
  stubs.push(stub);
  process.env['AWS_ENDPOINT_URL_SSO_OIDC'] = stub.endpoint;
  return stub;
}

/** Opens Settings on the saved profile, whose credentials come from the SSO profile. */
async function openSsoSettings(app: AppPage) {
  const { page, t } = app;
  await app.action(t('action.settings'));
  const group = page.getByRole('group', { name: t('credsUi.legend') });
  await group.waitFor();
  await expect.poll(() => page.getByLabel(t('credsUi.awsProfile'), { exact: true }).inputValue()).toBe('team-sso');
  return group;
}

describe('SSO sign-in in Settings', () => {
  it('shows the code, waits for the browser, and ends signed in; the same in Japanese, cancelled', async () => {
    const bucket = friendlyBucket('team-uploads');
    const opened: string[] = [];
    const bridge = await startBridge({
      deps: {
        openInBrowser: async (url) => {
          opened.push(url);
        },
      },
    });
    let app: AppPage | undefined;
    let japanese: AppPage | undefined;
    try {
      await bridge.addProfile(
        profileFor(inject('s3Endpoint'), bucket, {
          name: 'Team SSO',
          accessKeyId: '',
          secret: undefined,
          credentialSource: { kind: 'aws-profile', profile: 'team-sso' },
        }),
      );
      app = await openApp(browser, bridge);
      const { page, t } = app;
      const group = await openSsoSettings(app);
      await expect.poll(() => page.getByText(t('ssoApp.state.missing'), { exact: true }).isVisible()).toBe(true);

      // 20 polls half a second apart: ten seconds with the code on screen before the stub approves.
      const stub = await useStub(20);
      await page.getByRole('button', { name: t('ssoApp.signIn') }).click();
      const code = page.getByText(STUB_USER_CODE, { exact: true });
      await code.waitFor();
      await expect.poll(() => page.getByText(t('ssoApp.waiting')).isVisible()).toBe(true);
      expect(await page.getByText(t('ssoApp.browserOpened')).isVisible()).toBe(true);
      expect(opened).toEqual([`${stub.endpoint}/verify?user_code=${STUB_USER_CODE}`]);
      await group.scrollIntoViewIfNeeded();
      await app.screenshot('settings-sso-sign-in.png');

      // The stub approves; the window says so, and the state shows until when.
      await expect
        .poll(() => page.getByText(t('ssoApp.signedIn'), { exact: true }).isVisible(), { timeout: 30_000 })
        .toBe(true);
      const until = t('ssoApp.state.valid', { time: '' });
      await expect.poll(() => page.getByText(until, { exact: false }).isVisible()).toBe(true);
      expect(await code.count()).toBe(0);
      const file = join(
        home,
        '.aws',
        'sso',
        'cache',
        `${createHash('sha1').update('example-corp').digest('hex')}.json`,
      );
      const cached = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
      expect(cached).toMatchObject({ startUrl: START_URL, region: 'us-east-1', accessToken: STUB_ACCESS_TOKEN });
      // The page got the code and the page's address, never the token or the SSO portal's address.
      const received = app.framesReceived.join('\n');
      for (const held of [STUB_ACCESS_TOKEN, 'awsapps', '111122223333']) expect(received).not.toContain(held);

      // Japanese: a second window on the same main signs in again, shows its code, and is cancelled.
      japanese = await openApp(browser, bridge, { locale: 'ja-JP' });
      expect(japanese.language).toBe('ja');
      const ja = japanese.t;
      const jaGroup = await openSsoSettings(japanese);
      await expect
        .poll(() => japanese!.page.getByText(ja('ssoApp.state.valid', { time: '' }), { exact: false }).isVisible())
        .toBe(true);
      const second = await useStub(10_000);
      await japanese.page.getByRole('button', { name: ja('ssoApp.signIn') }).click();
      await japanese.page.getByText(STUB_USER_CODE, { exact: true }).waitFor();
      await expect.poll(() => japanese!.page.getByText(ja('ssoApp.waiting')).isVisible()).toBe(true);
      await jaGroup.scrollIntoViewIfNeeded();
      await japanese.screenshot('settings-sso-sign-in-ja.png');
      // Nothing of the sign-in reaches past the window's edge at 800 px, in Japanese's longer text.
      await japanese.page.setViewportSize({ width: 800, height: 600 });
      const report = await japanese.overflow();
      expect(report.elements, 'elements past the right edge at 800 px').toEqual([]);

      // Exact: "キャンセル" is also part of the queue's "すべてキャンセル" (Cancel all), which the page can show beside Settings.
      await japanese.page.getByRole('button', { name: ja('ssoApp.cancel'), exact: true }).click();
      await expect.poll(() => japanese!.page.getByText(ja('ssoApp.cancelled')).isVisible()).toBe(true);
      const polls = second.calls.filter((c) => c.path === '/token').length;
      await new Promise((r) => setTimeout(r, 1500));
      expect(second.calls.filter((c) => c.path === '/token').length).toBeLessThanOrEqual(polls + 1);
      // The first sign-in's cache is untouched by the cancelled one.
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(cached);

      expect(app.problems, 'errors in the page').toEqual([]);
      expect(japanese.problems, 'errors in the Japanese page').toEqual([]);
      expect(bridge.eventProblems).toEqual([]);
    } finally {
      await japanese?.close();
      await app?.close();
      await bridge.close();
    }
  });
});
