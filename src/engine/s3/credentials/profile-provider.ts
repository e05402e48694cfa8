// A named AWS profile's credentials, from the SDK's own provider for the shared files (fromIni: static keys,
// credential_process, role_arn with source_profile or credential_source, SSO through the token cache that
// `aws sso login` writes). Its failures are worded here, naming the profile and its file, with the command that
// fixes an SSO sign-in; the SDK's own words ("Could not resolve credentials using profile...") only follow as detail.
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { HoistError } from '../errors';
import {
  profileInfo,
  readSharedConfig,
  SharedConfigError,
  type AwsProfileInfo,
  type SharedConfig,
} from './shared-config';
import { ssoError } from './sso-messages';
import { proxyingAgents } from '../proxy/endpoint-agents';
import { credentialsError, PROFILE_ERROR_CODE } from './credentials-error';

/**
 * The profile's kind, region and file, read from the shared files; throws a HoistError naming the profile and the
 * files when it is missing or cannot work (before any request, so that a typo is one clear line).
 */
export function checkAwsProfile(name: string, env: NodeJS.ProcessEnv = process.env): AwsProfileInfo {
  let config: SharedConfig;
  try {
    config = readSharedConfig(env);
  } catch (err) {
    if (err instanceof SharedConfigError)
      throw credentialsError('credentials.file.unreadable', { file: err.file, code: err.detail });
    throw err;
  }
  const files = { profile: name, config: config.paths.config, credentials: config.paths.credentials };
  const info = profileInfo(config, name);
  const file = config.profiles.get(name)?.file ?? config.paths.config;
  switch (info.kind) {
    case 'missing':
      throw credentialsError('credentials.profile.missing', files);
    case 'no-credentials':
      throw credentialsError('credentials.profile.noCredentials', { profile: name, file });
    case 'missing-source':
      throw credentialsError('credentials.profile.missingSource', { ...files, file, source: info.source });
    case 'missing-sso-session':
      throw credentialsError('credentials.profile.missingSsoSession', { ...files, file, session: info.session });
    case 'incomplete-static':
      throw credentialsError('credentials.profile.incompleteStatic', { profile: name, file, missing: info.missing });
    default:
      return info;
  }
}

/** The SDK's words on an SSO token that is missing, expired or refused. */
const SSO_SIGN_IN_NEEDED = /sso.*(expired|not found|invalid|refresh)|token.*(expired|not found)|UnauthorizedException/i;

function detailOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const first = message.split('\n').find((l) => l.trim()) ?? message;
  return first.trim().slice(0, 400);
}

/** The SDK provider's failure as a HoistError that says which profile, which file, and what to do. */
export function profileFailure(name: string, err: unknown, env: NodeJS.ProcessEnv = process.env): HoistError {
  if (err instanceof HoistError) return err;
  let info: AwsProfileInfo;
  try {
    info = checkAwsProfile(name, env);
  } catch (problem) {
    return problem as HoistError;
  }
  const detail = detailOf(err);
  const params = { profile: name, file: info.file, detail };
  const name_ = (err as { name?: string }).name ?? '';
  if (info.kind === 'sso' && (SSO_SIGN_IN_NEEDED.test(detail) || /Unauthorized/.test(name_)))
    return ssoError(PROFILE_ERROR_CODE, 'sso.expired', { profile: name });
  if (info.kind === 'process') return credentialsError('credentials.process.failed', params);
  if (info.kind === 'assume-role') return credentialsError('credentials.assumeRole.failed', params);
  return credentialsError('credentials.profile.failed', params);
}

/** The SDK's switch for its Node version notice (see withoutNodeVersionNotice in sdk-client.ts). */
const NODE_NOTICE_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
let callsInFlight = 0;

/**
 * Runs a provider call with the notice off: the provider makes SDK clients of its own (STS, SSO) during the call,
 * after some awaits, so the switch stays on until the last call in flight settles. A value the user set is kept.
 */
async function withoutNoticeWhile<T>(call: () => Promise<T>): Promise<T> {
  const ours = callsInFlight > 0 || process.env[NODE_NOTICE_SWITCH] === undefined;
  if (!ours) return call();
  callsInFlight += 1;
  process.env[NODE_NOTICE_SWITCH] = 'true';
  try {
    return await call();
  } finally {
    callsInFlight -= 1;
    if (callsInFlight === 0) delete process.env[NODE_NOTICE_SWITCH];
  }
}

/**
 * The SDK's fromIni for the profile, loaded at the first ask rather than at start (its module brings much of the SDK's
 * core with it). The SDK clients it makes (SSO's GetRoleCredentials, STS's AssumeRole) go out as the endpoint's
 * requests do, through `agents`: their own default handler would go straight out, and behind a proxy an SSO profile's
 * uploads failed before their first byte.
 */
async function iniProvider(name: string, agents: ProxyAgents | undefined): Promise<AwsCredentialIdentityProvider> {
  const [{ fromIni }, requestHandler] = await Promise.all([
    import('@aws-sdk/credential-provider-ini'),
    agents && import('../grouping-handler').then(({ NodeHttpHandler }) => new NodeHttpHandler(agents)),
  ]);
  return fromIni({ profile: name, ignoreCache: true, ...(requestHandler ? { clientConfig: { requestHandler } } : {}) });
}

type ProxyAgents = NonNullable<ReturnType<typeof proxyingAgents>>;

/**
 * The credentials provider for a named profile: the SDK's fromIni, its failures worded by profileFailure. The S3
 * client memoizes it and asks again before the credentials expire (credential_process, AssumeRole and SSO give
 * temporary ones), so a long upload signs every request with keys that are still valid.
 */
export function profileCredentials(name: string, proxyUrl?: string): AwsCredentialIdentityProvider {
  // The proxy's agents now, as the endpoint's own are made: a proxy setting that cannot work is refused here, as
  // itself, not later as the profile's failure.
  const agents = proxyingAgents(proxyUrl, process.env, { keepAlive: true });
  let provider: Promise<AwsCredentialIdentityProvider> | undefined;
  // A load that failed is tried again at the next ask, not remembered.
  const made = (): Promise<AwsCredentialIdentityProvider> =>
    (provider ??= iniProvider(name, agents).catch((err: unknown) => {
      provider = undefined;
      throw err;
    }));
  return async (props?: Parameters<AwsCredentialIdentityProvider>[0]): Promise<AwsCredentialIdentity> => {
    try {
      const ask = await made();
      return await withoutNoticeWhile(() => ask(props));
    } catch (err) {
      throw profileFailure(name, err);
    }
  };
}
