// The SSO device sign-in, as `aws sso login` does it: register a public client (kept for reuse), start a device
// authorization, let the caller show the code and the page, wait for the approval honouring the service's pace, and
// write the token cache file the SDK's SSO providers read (~/.aws/sso/cache/<sha1 of the sso_session name, or of the
// start URL for the legacy keys>.json), so that hoist cp --profile and the AWS CLI share the sign-in.
// Nothing here writes to a console: the caller (the CLI's hoist login, later the app's Sign in button) is told what
// to show through the hooks.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { HoistError } from '../errors';
import { credentialsError } from './credentials-error';
import { readSharedConfig } from './shared-config';
import { ssoError } from './sso-messages';
import {
  oidcCall,
  oidcEndpoint,
  type DeviceAuthorization,
  type OidcCallContext,
  type OidcToken,
  type RegisteredClient,
} from './sso-oidc';

/** The error codes of a sign-in; SSO_CONFIG_CODE is the profile's own fault (the CLI's usage error). */
export const SSO_CONFIG_CODE = 'SsoConfig';

/** Where a profile signs in: through an [sso-session] section, or through the legacy keys of the profile itself. */
export type SsoLoginConfig = { profile: string; file: string; startUrl: string; region: string } & (
  { kind: 'session'; session: string; scopes: string[] } | { kind: 'legacy' }
);

const DEFAULT_SCOPES = ['sso:account:access'];

/** The profile's SSO settings, or a HoistError (code SSO_CONFIG_CODE) naming the profile, the file and the key. */
export function ssoLoginConfig(profile: string, env: NodeJS.ProcessEnv = process.env): SsoLoginConfig {
  const config = readSharedConfig(env);
  const found = config.profiles.get(profile);
  if (!found)
    throw credentialsError(
      'credentials.profile.missing',
      { profile, config: config.paths.config, credentials: config.paths.credentials },
      SSO_CONFIG_CODE,
    );
  const { keys, file } = found;
  const at = { profile, file };
  if (keys.sso_session) {
    const session = keys.sso_session;
    const section = config.ssoSessions.get(session);
    if (!section)
      throw credentialsError(
        'credentials.profile.missingSsoSession',
        { ...at, session, config: config.paths.config, credentials: config.paths.credentials },
        SSO_CONFIG_CODE,
      );
    const missing = (key: string, example: string) =>
      ssoError(SSO_CONFIG_CODE, 'sso.session.missingKey', { ...at, file: config.paths.config, session, key, example });
    if (!section.sso_start_url) throw missing('sso_start_url', 'https://my-sso-portal.awsapps.com/start');
    if (!section.sso_region) throw missing('sso_region', 'us-east-1');
    const scopes = (section.sso_registration_scopes ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return {
      kind: 'session',
      ...at,
      session,
      startUrl: section.sso_start_url,
      region: section.sso_region,
      scopes: scopes.length ? scopes : DEFAULT_SCOPES,
    };
  }
  if (!keys.sso_start_url) throw ssoError(SSO_CONFIG_CODE, 'sso.profile.notSso', at);
  if (!keys.sso_region)
    throw ssoError(SSO_CONFIG_CODE, 'sso.profile.missingKey', { ...at, key: 'sso_region', example: 'us-east-1' });
  return { kind: 'legacy', ...at, startUrl: keys.sso_start_url, region: keys.sso_region };
}

/** What the user must see to approve the sign-in. */
export interface SsoDeviceCode {
  userCode: string;
  /** The page to open: with the code filled in when the service gives such a link. */
  url: string;
  /** The page without the code, where the code is typed in. */
  verificationUri: string;
  expiresAt: Date;
}

export interface SsoLoginHooks {
  /** Called once, before the wait: show the code and open the page. */
  onCode(code: SsoDeviceCode, config: SsoLoginConfig): void;
  /** Stops the wait (Ctrl-C, a Cancel button); the sign-in then rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface SsoLoginResult {
  config: SsoLoginConfig;
  /** The token cache file written (the SDK's and the AWS CLI's). */
  cacheFile: string;
  expiresAt: Date;
}

function ssoCacheDir(env: NodeJS.ProcessEnv): string {
  return join(env.HOME || env.USERPROFILE || homedir(), '.aws', 'sso', 'cache');
}

const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

/** The file the SDK reads the sign-in from: named by the session's name, or by the start URL for the legacy keys. */
export function ssoTokenCacheFile(config: SsoLoginConfig, env: NodeJS.ProcessEnv = process.env): string {
  return join(ssoCacheDir(env), `${sha1(config.kind === 'session' ? config.session : config.startUrl)}.json`);
}

/** S3's and the AWS CLI's form of a time in the cache: ISO 8601 in UTC, whole seconds. */
const cacheTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Writes a file readable by its owner only, whole or not at all (a reader never sees half a token). */
async function writePrivate(file: string, body: object): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, file);
}

/** The client registration kept from an earlier sign-in (registrations last about 90 days), else a new one. */
async function registeredClient(
  config: SsoLoginConfig,
  ctx: OidcCallContext,
  env: NodeJS.ProcessEnv,
  fresh: boolean,
): Promise<RegisteredClient> {
  const scopes = config.kind === 'session' ? config.scopes : [];
  const file = join(
    ssoCacheDir(env),
    `hoist-client-${sha1(JSON.stringify([ctx.endpoint, config.startUrl, config.region, scopes]))}.json`,
  );
  if (!fresh) {
    const kept = await readFile(file, 'utf8')
      .then((t) => JSON.parse(t) as Partial<RegisteredClient>)
      .catch(() => undefined);
    // At least an hour left: the sign-in must not outlive the client it was made with by surprise.
    if (kept?.clientId && kept.clientSecret && (kept.clientSecretExpiresAt ?? 0) * 1000 > Date.now() + 3600_000)
      return kept as RegisteredClient;
  }
  const answer = await oidcCall<RegisteredClient>(ctx, '/client/register', {
    clientName: `hoist-${config.profile}`,
    clientType: 'public',
    // With an sso-session the client may refresh its token, as the AWS CLI's does; the legacy form cannot.
    ...(config.kind === 'session'
      ? { scopes, grantTypes: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'] }
      : {}),
  });
  if (answer.kind === 'error') throw refused(config, ctx, 'RegisterClient', answer.detail);
  await writePrivate(file, answer.value).catch(() => undefined); // Only a later sign-in registers again.
  return answer.value;
}

function refused(config: SsoLoginConfig, ctx: OidcCallContext, operation: string, detail: string): HoistError {
  return ssoError('SsoRefused', 'sso.oidc.refused', {
    endpoint: ctx.endpoint,
    operation,
    profile: config.profile,
    detail,
  });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = (): void => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/** The pause RFC 8628 asks for after a slow_down, added to the interval for the rest of the wait. */
const SLOW_DOWN_MS = 5000;
const DEFAULT_INTERVAL_S = 5;

/** Asks for the token until the user approves, denies, or the code expires. */
async function waitForToken(
  config: SsoLoginConfig,
  ctx: OidcCallContext,
  client: RegisteredClient,
  auth: DeviceAuthorization,
  expiresAt: number,
): Promise<OidcToken> {
  let intervalMs = (auth.interval ?? DEFAULT_INTERVAL_S) * 1000;
  const expired = () => ssoError('SsoExpired', 'sso.login.expired', { code: auth.userCode, profile: config.profile });
  for (;;) {
    await sleep(intervalMs, ctx.signal);
    if (Date.now() >= expiresAt) throw expired();
    const answer = await oidcCall<OidcToken>(ctx, '/token', {
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      grantType: 'urn:ietf:params:oauth:grant-type:device_code',
      deviceCode: auth.deviceCode,
    });
    if (answer.kind === 'ok') return answer.value;
    switch (answer.error) {
      case 'authorization_pending':
        continue;
      case 'slow_down':
        intervalMs += SLOW_DOWN_MS;
        continue;
      case 'expired_token':
        throw expired();
      case 'access_denied':
        throw ssoError('SsoDenied', 'sso.login.denied', { profile: config.profile });
      default:
        throw refused(config, ctx, 'CreateToken', answer.detail);
    }
  }
}

/** Signs the profile in through the device flow and writes the token cache; rejects with a worded HoistError. */
export async function ssoLogin(
  profile: string,
  hooks: SsoLoginHooks,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SsoLoginResult> {
  const config = ssoLoginConfig(profile, env);
  const endpoint = oidcEndpoint(config.region, env);
  const ctx: OidcCallContext = {
    endpoint,
    ...(hooks.signal ? { signal: hooks.signal } : {}),
    env,
    unreachable: (detail) => ssoError('SsoUnreachable', 'sso.oidc.unreachable', { endpoint, detail, profile }),
  };
  let client = await registeredClient(config, ctx, env, false);
  let started = await oidcCall<DeviceAuthorization>(ctx, '/device_authorization', {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    startUrl: config.startUrl,
  });
  // A kept registration the service no longer knows: register again, once.
  if (started.kind === 'error' && started.error === 'invalid_client') {
    client = await registeredClient(config, ctx, env, true);
    started = await oidcCall<DeviceAuthorization>(ctx, '/device_authorization', {
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      startUrl: config.startUrl,
    });
  }
  if (started.kind === 'error') throw refused(config, ctx, 'StartDeviceAuthorization', started.detail);
  const auth = started.value;
  const codeExpiresAt = Date.now() + auth.expiresIn * 1000;
  hooks.onCode(
    {
      userCode: auth.userCode,
      url: auth.verificationUriComplete || auth.verificationUri,
      verificationUri: auth.verificationUri,
      expiresAt: new Date(codeExpiresAt),
    },
    config,
  );
  const token = await waitForToken(config, ctx, client, auth, codeExpiresAt);
  const expiresAt = Date.now() + token.expiresIn * 1000;
  const cacheFile = ssoTokenCacheFile(config, env);
  const cached = {
    startUrl: config.startUrl,
    region: config.region,
    accessToken: token.accessToken,
    expiresAt: cacheTime(expiresAt),
    // What the SDK needs to refresh an sso-session's token by itself (token-providers' fromSso).
    ...(config.kind === 'session'
      ? {
          clientId: client.clientId,
          clientSecret: client.clientSecret,
          registrationExpiresAt: cacheTime(client.clientSecretExpiresAt * 1000),
          ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
        }
      : {}),
  };
  try {
    await writePrivate(cacheFile, cached);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw ssoError('SsoCacheUnwritable', 'sso.cache.unwritable', { file: cacheFile, code });
  }
  return { config, cacheFile, expiresAt: new Date(expiresAt) };
}
