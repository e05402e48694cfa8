// The three calls of the SSO OIDC service that a device sign-in needs (RegisterClient, StartDeviceAuthorization,
// CreateToken), made with plain fetch: the service is REST with JSON bodies at https://oidc.<region>.amazonaws.com
// (AWS_ENDPOINT_URL_SSO_OIDC points it elsewhere, for tests). No SDK client: nothing is signed, and the refusals
// CreateToken gives while it waits (authorization_pending, slow_down) are part of the flow, not failures.
import { HoistError } from '../errors';

/** What the OIDC service answered: the body, or the OAuth error it named (authorization_pending, …). */
export type OidcAnswer<T> = { kind: 'ok'; value: T } | { kind: 'error'; error: OidcErrorCode; detail: string };

export type OidcErrorCode =
  'authorization_pending' | 'slow_down' | 'expired_token' | 'access_denied' | 'invalid_client' | 'other';

export interface RegisteredClient {
  clientId: string;
  clientSecret: string;
  /** Seconds since the epoch. */
  clientSecretExpiresAt: number;
}

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  /** Seconds the code stays valid. */
  expiresIn: number;
  /** Seconds to wait between CreateToken calls. */
  interval?: number;
}

export interface OidcToken {
  accessToken: string;
  /** Seconds. */
  expiresIn: number;
  refreshToken?: string;
}

/** The OIDC service of a region, or the one AWS_ENDPOINT_URL_SSO_OIDC names. */
export function oidcEndpoint(region: string, env: NodeJS.ProcessEnv): string {
  const override = env.AWS_ENDPOINT_URL_SSO_OIDC?.trim();
  return (override || `https://oidc.${region}.amazonaws.com`).replace(/\/+$/, '');
}

/** The service names its errors as OAuth codes ("authorization_pending") or as exception types in a header. */
const EXCEPTION_CODES: Record<string, OidcErrorCode> = {
  AuthorizationPendingException: 'authorization_pending',
  SlowDownException: 'slow_down',
  ExpiredTokenException: 'expired_token',
  AccessDeniedException: 'access_denied',
  InvalidClientException: 'invalid_client',
};
const OAUTH_CODES = new Set<string>(Object.values(EXCEPTION_CODES));

function errorCodeOf(body: Record<string, unknown>, header: string | null): OidcErrorCode {
  if (typeof body.error === 'string' && OAUTH_CODES.has(body.error)) return body.error as OidcErrorCode;
  // "AuthorizationPendingException:http://…" in the header, or "namespace#AuthorizationPendingException" in __type.
  const raw = typeof body.__type === 'string' ? body.__type : (header ?? '');
  const name = raw.split(':')[0]!.split('#').pop() ?? '';
  return EXCEPTION_CODES[name] ?? 'other';
}

/** The reason of a network failure (ECONNREFUSED, ENOTFOUND, a timeout), not fetch's bare "fetch failed". */
function networkDetail(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  if ((err as Error).name === 'TimeoutError') return 'no answer within 30 seconds';
  return cause?.message ?? (err as Error).message ?? String(err);
}

const CALL_TIMEOUT_MS = 30_000;

export interface OidcCallContext {
  endpoint: string;
  signal?: AbortSignal;
  /** Builds the error for a service that could not be reached (the caller words it, naming the profile). */
  unreachable(detail: string): HoistError;
}

/** POSTs `body` as JSON to the service's `path`; an HTTP error with a JSON body is an answer, not a throw. */
export async function oidcCall<T>(ctx: OidcCallContext, path: string, body: object): Promise<OidcAnswer<T>> {
  const timeout = AbortSignal.timeout(CALL_TIMEOUT_MS);
  let res: Response;
  let text: string;
  try {
    res = await fetch(`${ctx.endpoint}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout,
    });
    text = await res.text();
  } catch (err) {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    throw ctx.unreachable(networkDetail(err));
  }
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // Not JSON (a proxy's or a load balancer's page): the status says enough.
  }
  if (res.ok) return { kind: 'ok', value: parsed as T };
  const described = parsed.error_description ?? parsed.message ?? parsed.Message;
  const detail = typeof described === 'string' && described ? described : `HTTP ${res.status}`;
  return { kind: 'error', error: errorCodeOf(parsed, res.headers.get('x-amzn-errortype')), detail };
}
