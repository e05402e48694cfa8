// The app's SSO sign-in through main's real handlers (payload checks included), against the loopback OIDC stand-in
// (test/cli/sso-oidc-stub.ts, through AWS_ENDPOINT_URL_SSO_OIDC): a fixture ~/.aws/config in a temporary HOME
// (AWS_CONFIG_FILE), so the token cache is written there, where the SDK, hoist cp and the AWS CLI read it.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  startOidcStub,
  STUB_ACCESS_TOKEN,
  STUB_REFRESH_TOKEN,
  STUB_USER_CODE,
  type OidcStub,
  type OidcStubOptions,
} from '../../../test/cli/sso-oidc-stub';
import { COMMAND } from '../../shared/ipc-channels';
import type { SsoSignInEnd, SsoSignInStart, SsoTokenState } from '../../shared/ipc-sso';
import { createSenderCheck, type SenderInfo } from '../ipc/sender-check';
import { createMainServices, type MainServices } from '../services';
import { createFakeEngine } from '../testing/fake-engine';
import { createFakeSecretBox } from '../testing/fake-secret-box';
import { mayOpenInBrowser } from './sso-sign-in';
import { parseCacheTime } from './sso-token-state';

const RENDERER = 'app://hoist/index.html';
const ours: SenderInfo = { url: RENDERER, isMainFrame: true };
const START_URL = 'https://hoist-test.awsapps.com/start';
const CONFIG = `[profile sso]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Uploader
region = us-east-1

[sso-session corp]
sso_start_url = ${START_URL}
sso_region = us-east-1

[profile old]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = Uploader

[profile half]
sso_session = nowhere
sso_account_id = 123456789012
sso_role_name = Uploader

[profile keys]
aws_access_key_id = AKIAEXAMPLE
aws_secret_access_key = secret
`;

let dir: string;
let home: string;
let services: MainServices;
let opened: string[];
let stub: OidcStub | undefined;
const saved: Record<string, string | undefined> = {};
const VARS = ['HOME', 'AWS_ENDPOINT_URL_SSO_OIDC'] as const;

beforeAll(() => {
  for (const name of VARS) saved[name] = process.env[name];
});
afterAll(() => {
  for (const name of VARS) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoist-sso-app-'));
  home = join(dir, 'home');
  await mkdir(join(home, '.aws'), { recursive: true });
  await writeFile(join(home, '.aws', 'config'), CONFIG);
  process.env['HOME'] = home;
  opened = [];
  services = await createMainServices({
    engine: createFakeEngine(),
    settingsFile: join(dir, 'userData', 'settings.json'),
    secretBox: createFakeSecretBox('keychain'),
    send: () => undefined,
    isTrustedSender: createSenderCheck({ rendererUrl: RENDERER }),
    pickFiles: async () => [],
    awsConfigFiles: { config: join(home, '.aws', 'config'), credentials: join(home, '.aws', 'credentials') },
    openInBrowser: async (url) => {
      opened.push(url);
    },
  });
});

afterEach(async () => {
  services.dispose();
  await stub?.close();
  stub = undefined;
  await rm(dir, { recursive: true, force: true });
});

const call = (channel: string, payload: unknown) =>
  services.handlers[channel as keyof typeof services.handlers](payload, ours);
const status = (profile: string) => call(COMMAND.ssoStatus, { profile }) as Promise<SsoTokenState>;
const start = (profile: string) => call(COMMAND.ssoSignIn, { profile }) as Promise<SsoSignInStart>;
const wait = (flowId: string) => call(COMMAND.ssoWait, { flowId }) as Promise<SsoSignInEnd>;

const cacheFile = (id: string) =>
  join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(id).digest('hex')}.json`);

async function useStub(options: OidcStubOptions): Promise<OidcStub> {
  stub = await startOidcStub(options);
  process.env['AWS_ENDPOINT_URL_SSO_OIDC'] = stub.endpoint;
  return stub;
}

function waiting(answer: SsoSignInStart): Extract<SsoSignInStart, { kind: 'waiting' }> {
  if (answer.kind !== 'waiting') throw new Error(`expected a code, got ${JSON.stringify(answer)}`);
  return answer;
}

describe('SSO sign-in from Settings', () => {
  it('not signed in, then Sign in: the code and the page, the browser opened, the cache written, then valid', async () => {
    const oidc = await useStub({ pending: 2, outcome: 'token', interval: 0.2 });
    expect(await status('sso')).toEqual({ kind: 'missing' });

    const before = Date.now();
    const started = waiting(await start('sso'));
    expect(started.userCode).toBe(STUB_USER_CODE);
    expect(started.verificationUri).toBe(`${oidc.endpoint}/verify`);
    expect(started.browserOpened).toBe(true);
    expect(opened).toEqual([`${oidc.endpoint}/verify?user_code=${STUB_USER_CODE}`]);
    expect(started.codeExpiresAt).toBeGreaterThanOrEqual(before + 600_000 - 1000);

    const end = await wait(started.flowId);
    expect(end.kind).toBe('signed-in');
    const expiresAt = (end as { expiresAt: number }).expiresAt;
    expect(expiresAt).toBeGreaterThan(before + 8 * 3600_000 - 5000);
    expect(oidc.calls.filter((c) => c.path === '/token')).toHaveLength(3);

    // The cache the SDK's SSO providers and the AWS CLI read: named by the sso-session, owner-only.
    const file = cacheFile('corp');
    const cached = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    expect(cached).toMatchObject({ startUrl: START_URL, region: 'us-east-1', accessToken: STUB_ACCESS_TOKEN });
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const after = await status('sso');
    expect(after).toEqual({ kind: 'valid', expiresAt: parseCacheTime(cached.expiresAt) });
    // Nothing the page got holds a token.
    const pageSaw = JSON.stringify([started, end, after]);
    expect(pageSaw).not.toContain(STUB_ACCESS_TOKEN);
    expect(pageSaw).not.toContain(STUB_REFRESH_TOKEN);
  });

  it('a legacy-keys profile is signed in under its start URL', async () => {
    await useStub({ pending: 0, outcome: 'token', interval: 0.1 });
    expect((await wait(waiting(await start('old')).flowId)).kind).toBe('signed-in');
    expect(JSON.parse(await readFile(cacheFile(START_URL), 'utf8'))).toMatchObject({ accessToken: STUB_ACCESS_TOKEN });
    expect((await status('old')).kind).toBe('valid');
  });

  it('a sign-in denied in the browser, or a code that expired, says so and saves nothing', async () => {
    await useStub({ pending: 1, outcome: 'access_denied', interval: 0.1 });
    const denied = await wait(waiting(await start('sso')).flowId);
    expect(denied).toMatchObject({
      kind: 'failed',
      reason: 'denied',
      message: 'The sign-in of AWS profile "sso" was denied in the browser. Choose Sign in… to try again.',
      text: { key: 'ssoApp.failed.denied', params: { profile: 'sso' } },
    });
    await expect(stat(cacheFile('corp'))).rejects.toThrow();
    await stub!.close();

    await useStub({ pending: 0, outcome: 'expired_token', interval: 0.1 });
    const expired = await wait(waiting(await start('sso')).flowId);
    expect(expired).toMatchObject({ kind: 'failed', reason: 'expired' });
    expect((expired as { message: string }).message).toContain('The code expired before the sign-in of AWS profile');
    expect(await status('sso')).toEqual({ kind: 'missing' });
  });

  it('Cancel stops asking the service at once and ends the wait as cancelled', async () => {
    const oidc = await useStub({ pending: 10_000, outcome: 'token', interval: 0.1 });
    const started = waiting(await start('sso'));
    const ending = wait(started.flowId);
    await new Promise((r) => setTimeout(r, 350));
    await call(COMMAND.ssoCancel, { flowId: started.flowId });
    expect(await ending).toEqual({ kind: 'cancelled' });
    // A poll already on the wire when Cancel came may still land; none is sent after it (5 intervals later).
    await new Promise((r) => setTimeout(r, 100));
    const polls = oidc.calls.filter((c) => c.path === '/token').length;
    expect(polls).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(oidc.calls.filter((c) => c.path === '/token')).toHaveLength(polls);
    await expect(stat(cacheFile('corp'))).rejects.toThrow();
    // A second cancel, as the wait ends, is no error.
    await expect(call(COMMAND.ssoCancel, { flowId: started.flowId })).resolves.toBeUndefined();
  });

  it('a sign-in service that cannot be reached is named, before any code', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const closed = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise<void>((r) => probe.close(() => r()));
    process.env['AWS_ENDPOINT_URL_SSO_OIDC'] = closed;
    expect(await start('sso')).toMatchObject({
      kind: 'failed',
      reason: 'network',
      message:
        'Could not reach the SSO sign-in service (ECONNREFUSED). Check the network and the sso_region of AWS profile "sso", then choose Sign in… again.',
    });
    expect(opened).toEqual([]);
  });

  it('never opens a page that is not https, except the loopback service AWS_ENDPOINT_URL_SSO_OIDC names', async () => {
    const oidc = await useStub({ pending: 0, outcome: 'token', interval: 0.1 });
    // The same stub, named as localhost: its verification page (on 127.0.0.1) is then another origin.
    process.env['AWS_ENDPOINT_URL_SSO_OIDC'] = oidc.endpoint.replace('127.0.0.1', 'localhost');
    const started = waiting(await start('sso'));
    expect(started.browserOpened).toBe(false);
    expect(opened).toEqual([]);
    await wait(started.flowId);

    const env = { AWS_ENDPOINT_URL_SSO_OIDC: 'http://127.0.0.1:4000' };
    expect(mayOpenInBrowser('https://device.sso.us-east-1.amazonaws.com/?user_code=AB', {})).toBe(true);
    expect(mayOpenInBrowser('http://127.0.0.1:4000/verify', env)).toBe(true);
    expect(mayOpenInBrowser('http://127.0.0.1:4000/verify', {})).toBe(false);
    expect(mayOpenInBrowser('http://127.0.0.1:4001/verify', env)).toBe(false);
    expect(mayOpenInBrowser('http://example.com/verify', { AWS_ENDPOINT_URL_SSO_OIDC: 'http://example.com' })).toBe(
      false,
    );
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'ms-settings:', 'not a url'])
      expect(mayOpenInBrowser(url, env)).toBe(false);
  });
});

describe('the cached sign-in state', () => {
  it('reads an expired token, the AWS CLI\'s older "UTC" times, and a profile whose SSO keys are wrong', async () => {
    await mkdir(join(home, '.aws', 'sso', 'cache'), { recursive: true });
    const write = (at: string) =>
      writeFile(cacheFile('corp'), JSON.stringify({ startUrl: START_URL, accessToken: 'x', expiresAt: at }));
    await write('2020-01-01T00:00:00Z');
    expect(await status('sso')).toEqual({ kind: 'expired', expiredAt: Date.UTC(2020, 0, 1) });
    await write('2999-01-01T10:30:00UTC');
    expect(await status('sso')).toEqual({ kind: 'valid', expiresAt: Date.UTC(2999, 0, 1, 10, 30) });
    await writeFile(cacheFile('corp'), '{"accessToken": "x", "expiresAt": ');
    expect(await status('sso')).toEqual({ kind: 'missing' });

    const half = await status('half');
    expect(half.kind).toBe('unusable');
    expect((half as { message: string }).message).toContain('nowhere');
  });
});

describe('what the page may name', () => {
  it('only a listed SSO profile, and only an id main gave', async () => {
    await expect(status('nobody')).rejects.toThrow(/not-found/);
    await expect(start('nobody')).rejects.toThrow(/not-found/);
    await expect(start('keys')).rejects.toThrow(/not-allowed/);
    for (const payload of [{ profile: 'a b\n' }, { profile: 'sso', file: '/tmp/x' }, 'sso', { profile: '' }])
      await expect(call(COMMAND.ssoSignIn, payload)).rejects.toThrow(/bad-payload/);
    await expect(wait('0123456789abcdef')).rejects.toThrow(/not-found/);
    await expect(call(COMMAND.ssoWait, { flowId: '../x' })).rejects.toThrow(/bad-payload/);
    expect(opened).toEqual([]);
  });
});
