// The app's SSO sign-in: the engine's device-authorization flow (ssoLogin, the one `hoist login` runs), driven by the
// settings page in three commands. start answers once the service gave a user code (and main has sent the browser to
// the page), wait answers when the flow ends, cancel stops it. The flow writes the same token cache as `aws sso login`,
// so the CLI and the AWS CLI see the sign-in too. The page names only an AWS profile, checked against the profiles
// main lists; it gets the code and the page's address, never a token.
import { randomUUID } from 'node:crypto';
import { HoistError, SSO_CONFIG_CODE, ssoLogin, type SsoDeviceCode } from '../../engine';
import { translator, type MessageKey, type MessageParams } from '../../shared/i18n';
import type { SsoFailure, SsoSignInEnd, SsoSignInStart, SsoTokenState } from '../../shared/ipc-sso';
import type { AwsProfileEntry } from '../../shared/settings-schema';
import type { MessageText } from '../../shared/upload-state';
import { IpcError } from '../ipc/errors';
import type { AwsConfigFiles } from './aws-profiles';
import { readSsoTokenState } from './sso-token-state';

export interface SsoSignInDeps {
  /** The environment the SDK reads (HOME, AWS_CONFIG_FILE, AWS_ENDPOINT_URL_SSO_OIDC), asked again at each call. */
  env(): NodeJS.ProcessEnv;
  /** The profiles Settings lists: the only names the page may sign in. */
  listAwsProfiles(): Promise<AwsProfileEntry[]>;
  /** Opens an address in the user's browser (Electron's shell.openExternal); without it, the user opens the page. */
  openInBrowser?(url: string): Promise<void>;
  /** How long an ended sign-in's outcome is kept for a wait that comes late. Default a minute. */
  keepEndedMs?: number;
}

export interface SsoSignInService {
  status(profile: string): Promise<SsoTokenState>;
  start(profile: string): Promise<SsoSignInStart>;
  wait(flowId: string): Promise<SsoSignInEnd>;
  cancel(flowId: string): void;
  /** Stops every sign-in (quitting). */
  cancelAll(): void;
}

/** The process's environment with the config files Settings lists from, so that both read the same profiles. */
export function ssoEnvironment(files: AwsConfigFiles | undefined, env: NodeJS.ProcessEnv = process.env) {
  return {
    ...env,
    ...(files?.config ? { AWS_CONFIG_FILE: files.config } : {}),
    ...(files?.credentials ? { AWS_SHARED_CREDENTIALS_FILE: files.credentials } : {}),
  };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether main may hand this address to the browser: https only, since the page to open comes from a network answer.
 * The one exception is a loopback http sign-in service that AWS_ENDPOINT_URL_SSO_OIDC names (a test's stand-in for the
 * AWS-only service), and only a page on that very service.
 */
export function mayOpenInBrowser(url: string, env: NodeJS.ProcessEnv): boolean {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (!parsed) return false;
  if (parsed.protocol === 'https:') return true;
  const override = env.AWS_ENDPOINT_URL_SSO_OIDC?.trim();
  if (parsed.protocol !== 'http:' || !override || !URL.canParse(override)) return false;
  const service = new URL(override);
  return service.origin === parsed.origin && LOOPBACK_HOSTS.has(parsed.hostname);
}

const english = translator('en');
const worded = (key: MessageKey, params: MessageParams): { message: string; text: MessageText } => ({
  message: english(key, params),
  text: { key, params },
});

/** The engine's refusal as the page shows it; the app's own words where the CLI's say "run hoist login". */
function failureOf(err: unknown, profile: string): Extract<SsoSignInEnd, { kind: 'failed' }> {
  if (!(err instanceof HoistError))
    return { kind: 'failed', reason: 'other', message: (err as Error)?.message ?? String(err) };
  const own = (reason: SsoFailure, key: MessageKey, params: MessageParams = {}) => ({
    kind: 'failed' as const,
    reason,
    ...worded(key, { profile, ...params }),
  });
  switch (err.code) {
    case 'SsoDenied':
      return own('denied', 'ssoApp.failed.denied');
    case 'SsoExpired':
      return own('expired', 'ssoApp.failed.expired');
    case 'SsoUnreachable':
      return own('network', 'ssoApp.failed.network', { detail: String(err.text?.params['detail'] ?? err.message) });
  }
  const reason: SsoFailure = err.code === SSO_CONFIG_CODE ? 'config' : 'other';
  return { kind: 'failed', reason, message: err.message, ...(err.text ? { text: err.text } : {}) };
}

interface Flow {
  profile: string;
  stop: AbortController;
  end: Promise<SsoSignInEnd>;
}

export function createSsoSignIn(deps: SsoSignInDeps): SsoSignInService {
  const flows = new Map<string, Flow>();
  const keepEndedMs = deps.keepEndedMs ?? 60_000;

  /** Refuses a name that is not a listed SSO profile: the page cannot make main read or write for any other. */
  const checkSso = async (profile: string): Promise<void> => {
    const entry = (await deps.listAwsProfiles()).find((p) => p.name === profile);
    if (!entry) throw new IpcError('not-found', 'no such profile in the AWS config files');
    if (entry.kind !== 'sso') throw new IpcError('not-allowed', 'that AWS profile does not sign in through SSO');
  };

  const openPage = async (url: string, env: NodeJS.ProcessEnv): Promise<boolean> => {
    if (!deps.openInBrowser || !mayOpenInBrowser(url, env)) return false;
    return deps.openInBrowser(url).then(
      () => true,
      () => false,
    );
  };

  return {
    async status(profile) {
      await checkSso(profile);
      return readSsoTokenState(profile, deps.env());
    },

    async start(profile) {
      await checkSso(profile);
      // One sign-in per profile: a second Sign in (another window, a double click) replaces the first.
      for (const flow of flows.values()) if (flow.profile === profile) flow.stop.abort(new Error('replaced'));
      const env = deps.env();
      const stop = new AbortController();
      let codeGiven!: (code: SsoDeviceCode) => void;
      const code = new Promise<SsoDeviceCode>((resolve) => (codeGiven = resolve));
      const end = ssoLogin(profile, { signal: stop.signal, onCode: (c) => codeGiven(c) }, env).then(
        (r): SsoSignInEnd => ({ kind: 'signed-in', expiresAt: r.expiresAt.getTime() }),
        (err: unknown): SsoSignInEnd => (stop.signal.aborted ? { kind: 'cancelled' } : failureOf(err, profile)),
      );
      const first = await Promise.race([code, end]);
      if (!('userCode' in first)) return first.kind === 'signed-in' ? { kind: 'cancelled' } : first;
      const flowId = randomUUID();
      flows.set(flowId, { profile, stop, end });
      // A window closed while waiting never asks: its outcome is dropped a while after the end.
      void end.then(() => setTimeout(() => flows.delete(flowId), keepEndedMs).unref());
      return {
        kind: 'waiting',
        flowId,
        userCode: first.userCode,
        verificationUri: first.verificationUri,
        codeExpiresAt: first.expiresAt.getTime(),
        browserOpened: await openPage(first.url, env),
      };
    },

    async wait(flowId) {
      const flow = flows.get(flowId);
      if (!flow) throw new IpcError('not-found', 'no such sign-in');
      return flow.end;
    },

    cancel(flowId) {
      // An id that already ended (the user clicked Cancel as it was approved) is no error.
      flows.get(flowId)?.stop.abort(new Error('cancelled'));
    },

    cancelAll() {
      for (const flow of flows.values()) flow.stop.abort(new Error('cancelled'));
    },
  };
}
