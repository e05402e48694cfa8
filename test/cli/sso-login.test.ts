// `hoist login --profile P`: the SSO device sign-in against a loopback OIDC service (sso-oidc-stub.ts), then
// `hoist cp --profile P` with the cache it wrote, through a loopback SSO portal (GetRoleCredentials, also AWS-only).
// The portal's role credentials always carry a session token, which versitygw 1.8.0 refuses (InvalidToken) whatever
// the keys, so the uploads go to moto; the portal's log proves that the token hoist login got is what signed them.
import { readFile, stat } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createBucket, objectSha256, uniqueBucket } from '../harness/s3-check';
import {
  awsHome,
  SSO_SESSION_CONFIG,
  SSO_START_URL as START_URL,
  ssoCacheFile,
  ssoLegacyConfig,
  startSsoPortal,
  uploadFiles,
  type AwsHome,
  type UploadFiles,
} from './aws-config-fixture';
import { cleanupTempDirs, MiB, tempDir } from './files';
import { buildCli, errorLines, hoist } from './run-hoist';
import { startForwardProxy } from './forward-proxy';
import { startOidcStub, STUB_ACCESS_TOKEN, STUB_USER_CODE, type OidcStubOptions } from './sso-oidc-stub';

const moto = inject('s3Endpoint');
const LEGACY_PROFILE = ssoLegacyConfig('old');
let dir: string;
let files: UploadFiles;

beforeAll(async () => {
  buildCli();
  dir = await tempDir('sso-login');
  files = await uploadFiles(dir, 30_000, 6 * MiB);
});

afterAll(cleanupTempDirs);

const cacheFile = (h: AwsHome, id: string) => ssoCacheFile(h.home, id);

/** hoist login against a fresh OIDC stub; the stub is closed afterwards. */
async function login(
  label: string,
  config: string,
  profile: string,
  options: OidcStubOptions,
  env: NodeJS.ProcessEnv = {},
): Promise<{ h: AwsHome; r: Awaited<ReturnType<typeof hoist>>; tokenPolls: number }> {
  const stub = await startOidcStub(options);
  try {
    const h = await awsHome(join(dir, label), config);
    const r = await hoist(['login', '--profile', profile, '--no-browser'], {
      env: { ...h.env, AWS_ENDPOINT_URL_SSO_OIDC: stub.endpoint, ...env },
    });
    return { h, r, tokenPolls: stub.calls.filter((c) => c.path === '/token').length };
  } finally {
    await stub.close();
  }
}

/** cp of both files to moto with the profile, the portal answering; checked byte for byte. */
async function uploadWithProfile(
  h: AwsHome,
  profile: string,
  label: string,
  env: NodeJS.ProcessEnv = {},
): Promise<string[]> {
  const portal = await startSsoPortal();
  try {
    const bucket = uniqueBucket(label);
    await createBucket(moto, bucket);
    const r = await hoist(
      ['cp', files.small, files.big, `s3://${bucket}/`, '--endpoint-url', moto, '--profile', profile],
      {
        env: { ...h.env, AWS_ENDPOINT_URL_SSO: portal.endpoint, ...env },
      },
    );
    expect(errorLines(r.stderr)).toEqual([]);
    expect(r.code).toBe(0);
    expect(await objectSha256(moto, bucket, 'small.bin')).toBe(files.smallHash);
    expect(await objectSha256(moto, bucket, 'big.bin')).toBe(files.bigHash);
    expect(portal.calls.length).toBeGreaterThanOrEqual(1);
    expect(portal.calls[0]!.url).toContain('account_id=123456789012');
    return portal.calls.map((c) => c.token ?? '');
  } finally {
    await portal.close();
  }
}

describe('hoist login, then hoist cp --profile with the sign-in it saved', () => {
  it('an sso-session profile: prints the page and the code, waits out authorization_pending, writes the cache', async () => {
    const { h, r, tokenPolls } = await login('session', SSO_SESSION_CONFIG, 'sso', {
      pending: 1,
      outcome: 'token',
      interval: 1,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(tokenPolls).toBe(2);
    expect(r.stdout).toContain(`Signing in to AWS profile "sso" at ${START_URL}.`);
    expect(r.stdout).toMatch(
      new RegExp(
        `Open this page in a browser:\\n\\n    http://127\\.0\\.0\\.1:\\d+/verify\\?user_code=${STUB_USER_CODE}\\n`,
      ),
    );
    expect(r.stdout).toContain(`\n    ${STUB_USER_CODE}\n`);
    expect(r.stdout).not.toContain('opened in your browser');
    const file = cacheFile(h, 'corp');
    expect(r.stdout).toContain(`Saved in ${file} (the AWS CLI reads it too).`);
    const cached = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    expect(cached).toMatchObject({ startUrl: START_URL, region: 'us-east-1', accessToken: STUB_ACCESS_TOKEN });
    expect(cached.refreshToken).toBeTruthy();
    expect(cached.clientSecret).toBeTruthy();

    const tokens = await uploadWithProfile(h, 'sso', 'sso-login-session');
    expect(new Set(tokens)).toEqual(new Set([STUB_ACCESS_TOKEN]));
  });

  it('a profile with the legacy sso_start_url keys: the cache is named by the start URL, and cp uses it', async () => {
    const { h, r } = await login('legacy', LEGACY_PROFILE, 'old', { pending: 0, outcome: 'token', interval: 1 });
    expect(r.code, r.stderr).toBe(0);
    const cached = JSON.parse(await readFile(cacheFile(h, START_URL), 'utf8')) as Record<string, string>;
    expect(cached.accessToken).toBe(STUB_ACCESS_TOKEN);
    expect(cached).not.toHaveProperty('clientSecret');
    const tokens = await uploadWithProfile(h, 'old', 'sso-login-legacy');
    expect(new Set(tokens)).toEqual(new Set([STUB_ACCESS_TOKEN]));
  });
});

describe('hoist login and cp --profile behind a proxy', () => {
  it('with HTTP_PROXY set, the sign-in, the portal and the upload all go through the proxy', async () => {
    const proxy = await startForwardProxy();
    try {
      const env = { HTTP_PROXY: proxy.url, NO_PROXY: '' };
      const { h, r } = await login(
        'proxied',
        LEGACY_PROFILE,
        'old',
        { pending: 0, outcome: 'token', interval: 1 },
        env,
      );
      expect(r.code, r.stderr).toBe(0);
      const tokens = await uploadWithProfile(h, 'old', 'sso-login-proxied', env);
      expect(new Set(tokens)).toEqual(new Set([STUB_ACCESS_TOKEN]));
      const via = (what: RegExp) => proxy.forwarded.filter((f) => what.test(f)).length;
      // Each went straight out before: Node's fetch and the SDK's SSO client ignored HTTP_PROXY.
      expect(via(/^POST \S+\/client\/register$/)).toBe(1);
      expect(via(/^POST \S+\/token$/)).toBe(1);
      expect(via(/^GET \S+\/federation\/credentials\?/)).toBeGreaterThanOrEqual(1);
      expect(via(/^PUT \S+\/big\.bin(\?|$)/)).toBeGreaterThanOrEqual(1);
    } finally {
      await proxy.close();
    }
  });
});

describe('hoist login: what went wrong, said clearly', () => {
  it('a sign-in denied in the browser, or a code that expired: exit 1, nothing saved', async () => {
    const denied = await login('denied', SSO_SESSION_CONFIG, 'sso', {
      pending: 1,
      outcome: 'access_denied',
      interval: 1,
    });
    expect(denied.r.code).toBe(1);
    expect(errorLines(denied.r.stderr)).toEqual([
      'hoist: The sign-in of AWS profile "sso" was denied in the browser. Run hoist login --profile sso to try again.',
    ]);
    await expect(stat(cacheFile(denied.h, 'corp'))).rejects.toThrow();

    const expired = await login('expired', SSO_SESSION_CONFIG, 'sso', {
      pending: 0,
      outcome: 'expired_token',
      interval: 1,
    });
    expect(expired.r.code).toBe(1);
    expect(expired.r.stderr).toContain(
      `hoist: The code ${STUB_USER_CODE} expired before the sign-in of AWS profile "sso" was approved. Run hoist login --profile sso for a new code.`,
    );
    await expect(stat(cacheFile(expired.h, 'corp'))).rejects.toThrow();
  });

  it('a profile that is not SSO, or lacks sso_region, is a usage error naming the file (exit 2)', async () => {
    const h = await awsHome(
      join(dir, 'not-sso'),
      `[profile keys]\nregion = us-east-1\n[profile half]\nsso_start_url = ${START_URL}\n`,
      '[keys]\naws_access_key_id = a\naws_secret_access_key = b\n',
    );
    const keys = await hoist(['login', '--profile', 'keys'], { env: h.env });
    expect(keys.code).toBe(2);
    expect(keys.stderr).toContain(`hoist: The AWS profile "keys" (in ${h.config}) does not sign in through SSO`);
    expect(keys.stderr).toContain('hoist login --help');
    const half = await hoist(['login', '--profile', 'half'], { env: h.env });
    expect(half.code).toBe(2);
    expect(half.stderr).toContain(`The AWS profile "half" (in ${h.config}) has no sso_region.`);
    // AWS_PROFILE names the profile when --profile is not given.
    const fromEnv = await hoist(['login'], { env: { ...h.env, AWS_PROFILE: 'missing' } });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toContain('The AWS profile "missing" is in neither');
  });

  it('an OIDC service that cannot be reached is named, with no stack trace', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const closed = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise<void>((r) => probe.close(() => r()));
    const h = await awsHome(join(dir, 'unreachable'), SSO_SESSION_CONFIG);
    const r = await hoist(['login', '--profile', 'sso', '--no-browser'], {
      env: { ...h.env, AWS_ENDPOINT_URL_SSO_OIDC: closed },
    });
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr)).toEqual([
      `hoist: Could not reach the SSO sign-in service at ${closed}: ECONNREFUSED. Check the network and the sso_region of AWS profile "sso".`,
    ]);
  });

  it('an expired sign-in on cp now names hoist login too', async () => {
    const h = await awsHome(join(dir, 'cp-expired'), SSO_SESSION_CONFIG);
    const r = await hoist(
      ['cp', files.small, `s3://${uniqueBucket('x')}/`, '--endpoint-url', moto, '--profile', 'sso'],
      {
        env: h.env,
      },
    );
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr).join('\n')).toContain(
      'Sign in again with: aws sso login --profile sso (or: hoist login --profile sso)',
    );
  });
});
