// The SSO device sign-in against a loopback OIDC service (test/cli/sso-oidc-stub.ts): what it asks, how it waits
// (authorization_pending, slow_down), how it ends (denied, expired, unreachable), and the token cache it writes, byte
// for byte where the SDK's SSO providers read it. hoist login and hoist cp with the written cache: test/cli/sso-login.test.ts.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { awsHome, type AwsHome } from '../../../../test/cli/aws-config-fixture';
import { cleanupTempDirs, makeTempDir } from '../../../../test/harness/fixtures';
import {
  startOidcStub,
  STUB_ACCESS_TOKEN,
  STUB_CLIENT,
  STUB_REFRESH_TOKEN,
  STUB_USER_CODE,
  type OidcStub,
  type OidcStubOptions,
} from '../../../../test/cli/sso-oidc-stub';
import { startForwardProxy } from '../../../../test/cli/forward-proxy';
import { HoistError } from '../errors';
import { ssoLogin, ssoLoginConfig, type SsoDeviceCode } from './sso-login';
import { oidcEndpoint } from './sso-oidc';

afterAll(cleanupTempDirs);

const START_URL = 'https://hoist-test.awsapps.com/start';
const SESSION_CONFIG =
  `[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Uploader\n` +
  `[sso-session corp]\nsso_start_url = ${START_URL}\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n`;
const LEGACY_CONFIG = `[profile old]\nsso_start_url = ${START_URL}\nsso_region = eu-west-1\nsso_account_id = 1\nsso_role_name = R\n`;

let stub: OidcStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

async function setUp(config: string, options: OidcStubOptions): Promise<{ h: AwsHome; env: NodeJS.ProcessEnv }> {
  stub = await startOidcStub(options);
  const h = await awsHome(await makeTempDir(), config);
  return { h, env: { ...h.env, AWS_ENDPOINT_URL_SSO_OIDC: stub.endpoint } };
}

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const cachePath = (h: AwsHome, id: string) => join(h.home, '.aws', 'sso', 'cache', `${sha1(id)}.json`);

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function failure(p: Promise<unknown>): Promise<HoistError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HoistError);
  return err as HoistError;
}

describe('ssoLogin', () => {
  it("goes through the proxy HTTP_PROXY names, as the uploads do (Node's fetch ignored it)", async () => {
    const { env } = await setUp(SESSION_CONFIG, { pending: 0, outcome: 'token', interval: 0.05 });
    const proxy = await startForwardProxy();
    try {
      await ssoLogin('dev', { onCode: () => undefined }, { ...env, HTTP_PROXY: proxy.url, NO_PROXY: '' });
      expect(proxy.forwarded).toEqual(
        ['/client/register', '/device_authorization', '/token'].map((p) => `POST ${stub!.endpoint}${p}`),
      );
      // NO_PROXY naming the service's host: straight there.
      await ssoLogin('dev', { onCode: () => undefined }, { ...env, HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
      expect(proxy.forwarded).toHaveLength(3);
    } finally {
      await proxy.close();
    }
  });

  it('an sso-session profile: waits out authorization_pending, then writes the cache the SDK refreshes from', async () => {
    const { h, env } = await setUp(SESSION_CONFIG, { pending: 2, outcome: 'token', interval: 0.05 });
    const codes: SsoDeviceCode[] = [];
    const result = await ssoLogin('dev', { onCode: (c) => codes.push(c) }, env);
    expect(codes).toEqual([
      expect.objectContaining({
        userCode: STUB_USER_CODE,
        url: `${stub!.endpoint}/verify?user_code=${STUB_USER_CODE}`,
        verificationUri: `${stub!.endpoint}/verify`,
      }),
    ]);
    expect(stub!.calls.map((c) => c.path)).toEqual([
      '/client/register',
      '/device_authorization',
      '/token',
      '/token',
      '/token',
    ]);
    expect(stub!.calls[0]!.body).toMatchObject({
      clientType: 'public',
      scopes: ['sso:account:access'],
      grantTypes: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
    });
    expect(stub!.calls[1]!.body).toEqual({ ...STUB_CLIENT, startUrl: START_URL });
    // Named by the SHA-1 of the session's name, as the SDK's fromSso reads it.
    expect(result.cacheFile).toBe(cachePath(h, 'corp'));
    const cached = JSON.parse(await readFile(result.cacheFile, 'utf8')) as Record<string, string>;
    expect(Object.keys(cached).sort()).toEqual(
      [
        'accessToken',
        'clientId',
        'clientSecret',
        'expiresAt',
        'refreshToken',
        'region',
        'registrationExpiresAt',
        'startUrl',
      ].sort(),
    );
    expect(cached).toMatchObject({
      startUrl: START_URL,
      region: 'eu-west-1',
      accessToken: STUB_ACCESS_TOKEN,
      refreshToken: STUB_REFRESH_TOKEN,
      ...STUB_CLIENT,
    });
    expect(cached.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Math.abs(new Date(cached.expiresAt!).getTime() - (Date.now() + 8 * 3600_000))).toBeLessThan(10_000);
    expect((await stat(result.cacheFile)).mode & 0o777).toBe(0o600);

    // A second sign-in reuses the registered client: no second RegisterClient.
    await ssoLogin('dev', { onCode: () => undefined }, env);
    expect(stub!.calls.filter((c) => c.path === '/client/register')).toHaveLength(1);
  });

  it('the legacy keys: the cache is named by the start URL and holds no client (it cannot refresh)', async () => {
    const { h, env } = await setUp(LEGACY_CONFIG, {
      pending: 0,
      outcome: 'token',
      interval: 0.05,
      refreshToken: false,
    });
    const result = await ssoLogin('old', { onCode: () => undefined }, env);
    expect(result.cacheFile).toBe(cachePath(h, START_URL));
    const cached = JSON.parse(await readFile(result.cacheFile, 'utf8')) as Record<string, string>;
    expect(Object.keys(cached).sort()).toEqual(['accessToken', 'expiresAt', 'region', 'startUrl']);
    expect(stub!.calls[0]!.body).not.toHaveProperty('scopes');
  });

  it('slow_down adds 5 seconds to the wait between polls', async () => {
    const { env } = await setUp(SESSION_CONFIG, { slowDown: 1, pending: 0, outcome: 'token', interval: 0.05 });
    await ssoLogin('dev', { onCode: () => undefined }, env);
    const polls = stub!.calls.filter((c) => c.path === '/token');
    expect(polls).toHaveLength(2);
    expect(polls[1]!.at - polls[0]!.at).toBeGreaterThanOrEqual(5000);
  }, 20_000);

  it('a denied sign-in and an expired code are said plainly, and nothing is cached', async () => {
    const denied = await setUp(SESSION_CONFIG, { pending: 1, outcome: 'access_denied', interval: 0.05 });
    const d = await failure(ssoLogin('dev', { onCode: () => undefined }, denied.env));
    expect(d.code).toBe('SsoDenied');
    expect(d.message).toBe(
      'The sign-in of AWS profile "dev" was denied in the browser. Run hoist login --profile dev to try again.',
    );
    await expect(stat(cachePath(denied.h, 'corp'))).rejects.toThrow();
    await stub!.close();

    const expired = await setUp(SESSION_CONFIG, { pending: 1, outcome: 'expired_token', interval: 0.05 });
    const e = await failure(ssoLogin('dev', { onCode: () => undefined }, expired.env));
    expect(e.code).toBe('SsoExpired');
    expect(e.message).toBe(
      `The code ${STUB_USER_CODE} expired before the sign-in of AWS profile "dev" was approved. Run hoist login --profile dev for a new code.`,
    );
    await stub!.close();

    // The service never answers with a token: the code's own lifetime ends the wait.
    const late = await setUp(SESSION_CONFIG, { pending: 1000, outcome: 'token', interval: 0.05, codeExpiresIn: 0.3 });
    expect((await failure(ssoLogin('dev', { onCode: () => undefined }, late.env))).code).toBe('SsoExpired');
    await expect(stat(cachePath(late.h, 'corp'))).rejects.toThrow();
  });

  it('an unreachable service is named with the reason; a cancelled wait rejects with its reason', async () => {
    const h = await awsHome(await makeTempDir(), SESSION_CONFIG);
    // fetch refuses well-known ports such as 9 outright ("bad port"): a port that was just closed refuses instead.
    const closed = `http://127.0.0.1:${await closedPort()}`;
    const e = await failure(
      ssoLogin('dev', { onCode: () => undefined }, { ...h.env, AWS_ENDPOINT_URL_SSO_OIDC: closed }),
    );
    expect(e.code).toBe('SsoUnreachable');
    expect(e.message).toBe(
      `Could not reach the SSO sign-in service at ${closed}: ECONNREFUSED. Check the network and the sso_region of AWS profile "dev".`,
    );

    const { env } = await setUp(SESSION_CONFIG, { pending: 1000, outcome: 'token', interval: 0.05 });
    const stop = new AbortController();
    const reason = new Error('stopped by the user');
    const run = ssoLogin('dev', { onCode: () => setTimeout(() => stop.abort(reason), 100), signal: stop.signal }, env);
    await expect(run).rejects.toBe(reason);
  });

  it('without AWS_ENDPOINT_URL_SSO_OIDC the service is the one of the sso_region', () => {
    expect(oidcEndpoint('eu-west-1', {})).toBe('https://oidc.eu-west-1.amazonaws.com');
    expect(oidcEndpoint('eu-west-1', { AWS_ENDPOINT_URL_SSO_OIDC: 'http://127.0.0.1:4000/' })).toBe(
      'http://127.0.0.1:4000',
    );
  });
});

describe('ssoLoginConfig', () => {
  it('names the profile, the file and the missing key', async () => {
    const h = await awsHome(
      await makeTempDir(),
      '[profile keys]\naws_access_key_id = a\naws_secret_access_key = b\n' +
        `[profile noregion]\nsso_start_url = ${START_URL}\n` +
        '[profile orphan]\nsso_session = gone\n' +
        '[profile halfsession]\nsso_session = half\n[sso-session half]\nsso_region = us-east-1\n',
    );
    const problem = (name: string) => {
      try {
        ssoLoginConfig(name, h.env);
      } catch (err) {
        expect((err as HoistError).code).toBe('SsoConfig');
        return (err as HoistError).message;
      }
      throw new Error(`no problem found with ${name}`);
    };
    expect(problem('keys')).toBe(
      `The AWS profile "keys" (in ${h.config}) does not sign in through SSO: it has neither sso_session nor sso_start_url. Sign-in is only for SSO profiles; this one needs no sign-in.`,
    );
    expect(problem('noregion')).toBe(
      `The AWS profile "noregion" (in ${h.config}) has no sso_region. Add it to the profile, as in: sso_region = us-east-1`,
    );
    expect(problem('orphan')).toContain('"gone"');
    expect(problem('halfsession')).toBe(
      `The sso-session "half" of AWS profile "halfsession" (in ${h.config}) has no sso_start_url. Add it to [sso-session half], as in: sso_start_url = https://my-sso-portal.awsapps.com/start`,
    );
    expect(problem('nope')).toContain(`The AWS profile "nope" is in neither ${h.config} nor ${h.credentials}`);
  });
});
