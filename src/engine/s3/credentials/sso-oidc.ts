// The three calls of the SSO OIDC service that a device sign-in needs (RegisterClient, StartDeviceAuthorization,
// CreateToken), made over node:http(s): the service is REST with JSON bodies at https://oidc.<region>.amazonaws.com
// (AWS_ENDPOINT_URL_SSO_OIDC points it elsewhere, for tests). No SDK client: nothing is signed, and the refusals
// CreateToken gives while it waits (authorization_pending, slow_down) are part of the flow, not failures.
// Not fetch: Node's fetch ignores HTTPS_PROXY, so behind a proxy that the uploads went through, sign-in failed.
import http from 'node:http';
import https from 'node:https';
import { HoistError } from '../errors';
import { proxyingAgents } from '../proxy/endpoint-agents';

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

/** The reason of a network failure (ECONNREFUSED, ENOTFOUND, a timeout), not a bare "socket hang up". */
function networkDetail(err: unknown): string {
  const code = (err as { code?: string }).code;
  if ((err as Error).name === 'TimeoutError' || (err as { cause?: Error }).cause?.name === 'TimeoutError')
    return 'no answer within 30 seconds';
  if (code && code !== 'ABORT_ERR') return code;
  return (err as Error).message ?? String(err);
}

const CALL_TIMEOUT_MS = 30_000;

export interface OidcCallContext {
  endpoint: string;
  signal?: AbortSignal;
  /** The environment whose HTTPS_PROXY / HTTP_PROXY and NO_PROXY route the calls, as they route the uploads. */
  env: NodeJS.ProcessEnv;
  /** Builds the error for a service that could not be reached (the caller words it, naming the profile). */
  unreachable(detail: string): HoistError;
}

interface Answer {
  status: number;
  text: string;
  errorType: string | null;
}

/** The agent for a call: through the environment's proxy when one is set (a CONNECT tunnel for https), else Node's. */
function agentFor(url: URL, env: NodeJS.ProcessEnv): http.Agent | https.Agent | undefined {
  const agents = proxyingAgents(undefined, env);
  return url.protocol === 'https:' ? agents?.httpsAgent : agents?.httpAgent;
}

function post(url: URL, json: string, env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<Answer> {
  const agent = agentFor(url, env);
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise<Answer>((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) },
        signal,
        ...(agent ? { agent } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const type = res.headers['x-amzn-errortype'];
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            errorType: typeof type === 'string' ? type : null,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(json);
  }).finally(() => agent?.destroy());
}

/** POSTs `body` as JSON to the service's `path`; an HTTP error with a JSON body is an answer, not a throw. */
export async function oidcCall<T>(ctx: OidcCallContext, path: string, body: object): Promise<OidcAnswer<T>> {
  const timeout = AbortSignal.timeout(CALL_TIMEOUT_MS);
  let res: Answer;
  try {
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
    res = await post(new URL(`${ctx.endpoint}${path}`), JSON.stringify(body), ctx.env, signal);
  } catch (err) {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    throw ctx.unreachable(timeout.aborted ? 'no answer within 30 seconds' : networkDetail(err));
  }
  let parsed: Record<string, unknown> = {};
  try {
    parsed = res.text ? (JSON.parse(res.text) as Record<string, unknown>) : {};
  } catch {
    // Not JSON (a proxy's or a load balancer's page): the status says enough.
  }
  if (res.status >= 200 && res.status < 300) return { kind: 'ok', value: parsed as T };
  const described = parsed.error_description ?? parsed.message ?? parsed.Message;
  const detail = typeof described === 'string' && described ? described : `HTTP ${res.status}`;
  return { kind: 'error', error: errorCodeOf(parsed, res.errorType), detail };
}
