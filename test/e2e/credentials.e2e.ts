// Credential sources in Settings (issue 19): the profile form offers Access key, AWS profile and Default chain; the
// AWS profile list is main's reading of a fixture ~/.aws/config and ~/.aws/credentials (AWS_CONFIG_FILE and
// AWS_SHARED_CREDENTIALS_FILE, set for the bridge, which runs main's services in this process) and shows an SSO and a
// role profile with their kinds, never a key. Then a file dropped on a profile that names a static AWS profile is
// uploaded with that profile's keys, on versitygw, which checks signatures (moto when versitygw is absent), while a
// profile whose keys are wrong fails with the server's refusal.
// Screenshots: settings-credentials.png, settings-credentials-ja.png.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { createBucket, TEST_CREDENTIALS } from '../harness/s3-check';
import { friendlyBucket, openApp, profileFor, type AppPage } from './support/app';
import { startBridge } from './bridge/server';
import { launchChromium } from './support/browser';
import { expectSameBytes } from './support/s3';

const CONFIG = `[default]
region = us-east-1

[profile uploader]
region = us-east-1

[profile sso-dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Developer
region = eu-west-1

[sso-session corp]
sso_start_url = https://corp.example.awsapps.com/start
sso_region = eu-west-1

[profile deploy]
role_arn = arn:aws:iam::111122223333:role/Deployer
source_profile = uploader

[profile ci]
credential_process = /usr/local/bin/fetch-ci-credentials
`;

const CREDENTIALS = `[uploader]
aws_access_key_id = ${TEST_CREDENTIALS.accessKeyId}
aws_secret_access_key = ${TEST_CREDENTIALS.secretAccessKey}

[wrong-keys]
aws_access_key_id = ${TEST_CREDENTIALS.accessKeyId}
aws_secret_access_key = not-the-secret-e2e
`;

let browser: Browser;
let awsDir: string;
let dir: string;
const saved: Record<string, string | undefined> = {};
const AWS_VARS = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE'] as const;

beforeAll(async () => {
  [browser, dir, awsDir] = await Promise.all([
    launchChromium(),
    makeTempDir('hoist-e2e-credentials-'),
    mkdtemp(join(tmpdir(), 'hoist-e2e-aws-')),
  ]);
  await writeFile(join(awsDir, 'config'), CONFIG);
  await writeFile(join(awsDir, 'credentials'), CREDENTIALS);
  for (const name of AWS_VARS) saved[name] = process.env[name];
  process.env['AWS_CONFIG_FILE'] = join(awsDir, 'config');
  process.env['AWS_SHARED_CREDENTIALS_FILE'] = join(awsDir, 'credentials');
  delete process.env['AWS_PROFILE'];
});

afterAll(async () => {
  for (const name of AWS_VARS) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await browser?.close();
  await rm(awsDir, { recursive: true, force: true });
  await cleanupTempDirs();
});

/** Opens Settings on the saved profile and chooses "AWS profile"; returns the list once it holds main's answer. */
async function chooseAwsProfile(app: AppPage) {
  const { page, t } = app;
  await app.action(t('action.settings'));
  const group = page.getByRole('group', { name: t('credsUi.legend') });
  await group.waitFor();
  for (const kind of ['access-key', 'aws-profile', 'default-chain'] as const) {
    await expect.poll(() => group.getByRole('radio', { name: t(`credsUi.source.${kind}`) }).count()).toBe(1);
  }
  await group.getByText(t('credsUi.source.aws-profile'), { exact: true }).click();
  const list = page.getByLabel(t('credsUi.awsProfile'), { exact: true });
  const kind = (k: 'sso' | 'assume-role') => app.t(`credsUi.kind.${k}`);
  await list
    .getByRole('option', {
      name: t('credsUi.awsProfileOptionRegion', { name: 'sso-dev', kind: kind('sso'), region: 'eu-west-1' }),
    })
    .waitFor();
  await list
    .getByRole('option', { name: t('credsUi.awsProfileOption', { name: 'deploy', kind: kind('assume-role') }) })
    .waitFor();
  return { group, list };
}

describe('credential sources in Settings', () => {
  it('offers the three sources and lists the AWS profiles with their kinds, in English and Japanese', async () => {
    const bucket = friendlyBucket();
    await createBucket(inject('s3Endpoint'), bucket);
    const bridge = await startBridge();
    let app: AppPage | undefined;
    let japanese: AppPage | undefined;
    try {
      await bridge.addProfile(profileFor(inject('s3Endpoint'), bucket, { name: 'Team SSO' }));
      app = await openApp(browser, bridge);
      const { page, t } = app;
      const { group, list } = await chooseAwsProfile(app);
      // Nothing is chosen until the user picks a profile.
      const shown = list.locator('option:not([hidden])');
      expect(
        await shown.evaluateAll(
          (options) => options.filter((o) => (o as unknown as { selected: boolean }).selected).length,
        ),
      ).toBe(0);
      expect(await shown.allTextContents()).toEqual([
        // [default] of the config file has only a region: no credentials of its own.
        t('credsUi.awsProfileOptionRegion', { name: 'default', kind: t('credsUi.kind.other'), region: 'us-east-1' }),
        t('credsUi.awsProfileOption', { name: 'ci', kind: t('credsUi.kind.process') }),
        t('credsUi.awsProfileOption', { name: 'deploy', kind: t('credsUi.kind.assume-role') }),
        t('credsUi.awsProfileOptionRegion', { name: 'sso-dev', kind: t('credsUi.kind.sso'), region: 'eu-west-1' }),
        t('credsUi.awsProfileOptionRegion', { name: 'uploader', kind: t('credsUi.kind.static'), region: 'us-east-1' }),
        t('credsUi.awsProfileOption', { name: 'wrong-keys', kind: t('credsUi.kind.static') }),
      ]);
      await list.selectOption('sso-dev');
      await expect.poll(() => page.getByText(t('credsUi.awsProfileShared')).isVisible()).toBe(true);
      // The page got names and kinds only: no key, no SSO URL, no role ARN, no command from the files.
      const received = app.framesReceived.join('\n');
      for (const held of ['not-the-secret', 'awsapps', 'arn:aws', 'fetch-ci-credentials', '111122223333']) {
        expect(received).not.toContain(held);
      }
      await group.scrollIntoViewIfNeeded();
      await app.screenshot('settings-credentials.png');

      // Saved: main keeps the name, and the engine's endpoint names the profile (no keys of the form's).
      await page.getByRole('button', { name: t('action.save') }).click();
      await expect.poll(() => page.getByText(t('settings.saved')).isVisible()).toBe(true);
      const profile = bridge.services.settings.view().profiles[0]!;
      expect(profile.credentialSource).toEqual({ kind: 'aws-profile', profile: 'sso-dev' });
      const endpoint = bridge.services.settings.endpointOf(profile.id);
      expect(endpoint.awsProfile).toBe('sso-dev');
      expect(endpoint.credentials).toBeUndefined();

      // Japanese: the same choice in a second window on the same main.
      japanese = await openApp(browser, bridge, { locale: 'ja-JP' });
      expect(japanese.language).toBe('ja');
      const ja = await chooseAwsProfile(japanese);
      await expect.poll(() => ja.list.inputValue()).toBe('sso-dev');
      await ja.group.scrollIntoViewIfNeeded();
      await japanese.screenshot('settings-credentials-ja.png');
      // Nothing of the choice reaches past the window's edge at 800 px, in Japanese's longer labels.
      await japanese.page.setViewportSize({ width: 800, height: 600 });
      const report = await japanese.overflow();
      expect(report.elements, 'elements past the right edge at 800 px').toEqual([]);
      expect(report.scrollWidth).toBeLessThanOrEqual(report.innerWidth);

      // The default chain explains itself.
      await group.getByText(t('credsUi.source.default-chain'), { exact: true }).click();
      await expect.poll(() => page.getByText(t('credsUi.chainExplain')).isVisible()).toBe(true);
      expect(app.problems, 'errors in the page').toEqual([]);
      expect(japanese.problems, 'errors in the Japanese page').toEqual([]);
      expect(bridge.eventProblems).toEqual([]);
    } finally {
      await japanese?.close();
      await app?.close();
      await bridge.close();
    }
  });

  it('uploads with a static AWS profile’s keys, and fails plainly with a profile whose keys are wrong', async () => {
    const backends = inject('s3Backends');
    // versitygw checks signatures, so only the profile's own keys can upload; moto (which does not) otherwise.
    const server = backends.find((b) => b.name === 'versitygw') ?? backends[0]!;
    const bucket = friendlyBucket('team-reports');
    await createBucket(server.endpoint, bucket);
    const bridge = await startBridge();
    let app: AppPage | undefined;
    try {
      const fromProfile = { accessKeyId: '', secret: undefined } as const;
      const good = await bridge.addProfile(
        profileFor(server.endpoint, bucket, {
          name: 'Uploader',
          ...fromProfile,
          credentialSource: { kind: 'aws-profile', profile: 'uploader' },
        }),
      );
      app = await openApp(browser, bridge);
      const { t } = app;
      const file = await makeFile(dir, 'report.csv', 300_000, 7);
      await app.drop({ 'report.csv': file });
      await expect.poll(() => app!.rowState('report.csv').textContent(), { timeout: 30_000 }).toBe(t('state.done'));
      await expectSameBytes(server.endpoint, bucket, { 'report.csv': file });
      expect(bridge.services.settings.endpointOf(good).awsProfile).toBe('uploader');

      if (server.checksSignatures) {
        await bridge.addProfile(
          profileFor(server.endpoint, bucket, {
            name: 'Wrong keys',
            ...fromProfile,
            credentialSource: { kind: 'aws-profile', profile: 'wrong-keys' },
          }),
        );
        const other = await makeFile(dir, 'other.csv', 10_000, 8);
        await app.drop({ 'other.csv': other });
        const failed = t('state.failed', { reason: '' });
        await expect
          .poll(async () => (await app!.rowState('other.csv').textContent())?.startsWith(failed), { timeout: 60_000 })
          .toBe(true);
        console.log(`[e2e] wrong keys: "${await app.rowState('other.csv').textContent()}"`);
      }
      expect(app.problems, 'errors in the page').toEqual([]);
    } finally {
      await app?.close();
      await bridge.close();
    }
  });
});
