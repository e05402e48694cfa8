// A loopback stand-in for the SSO OIDC service (AWS-only: neither moto nor versitygw serves it), reached through
// AWS_ENDPOINT_URL_SSO_OIDC. It answers RegisterClient, StartDeviceAuthorization and CreateToken as the service does:
// JSON bodies, and CreateToken's refusals as HTTP 400 with an OAuth error code and the x-amzn-ErrorType header.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export const STUB_USER_CODE = 'HSTL-0GIN';
export const STUB_ACCESS_TOKEN = 'hoist-oidc-access-token';
export const STUB_REFRESH_TOKEN = 'hoist-oidc-refresh-token';
export const STUB_CLIENT = { clientId: 'hoist-stub-client', clientSecret: 'hoist-stub-secret' };

/** What CreateToken answers after its refusals: a token, or the end of the sign-in. */
export type OidcOutcome = 'token' | 'access_denied' | 'expired_token';

export interface OidcStubOptions {
  /** authorization_pending answers before the outcome. */
  pending: number;
  /** slow_down answers before those. */
  slowDown?: number;
  outcome: OidcOutcome;
  /** Seconds between polls, as the service asks (fractions keep the tests quick). */
  interval: number;
  /** Seconds the device code lasts. Default 600. */
  codeExpiresIn?: number;
  /** Whether the token carries a refresh token (as for an sso-session's client). Default true. */
  refreshToken?: boolean;
}

export interface OidcStub {
  endpoint: string;
  /** Each call: its path, body and arrival time (ms). */
  calls: { path: string; body: Record<string, unknown>; at: number }[];
  close(): Promise<void>;
}

const EXCEPTION_OF: Record<string, string> = {
  authorization_pending: 'AuthorizationPendingException',
  slow_down: 'SlowDownException',
  access_denied: 'AccessDeniedException',
  expired_token: 'ExpiredTokenException',
  invalid_grant: 'InvalidGrantException',
};

export async function startOidcStub(options: OidcStubOptions): Promise<OidcStub> {
  const calls: OidcStub['calls'] = [];
  let tokenCalls = 0;
  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8').on('data', (c: string) => (text += c));
    req.on('end', () => {
      const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      calls.push({ path: req.url ?? '', body, at: Date.now() });
      const answer = (status: number, value: object, headers: Record<string, string> = {}): void => {
        const json = JSON.stringify(value);
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(json);
      };
      const refuse = (error: string): void =>
        answer(400, { error, error_description: `stub: ${error}` }, { 'x-amzn-ErrorType': `${EXCEPTION_OF[error]}:` });
      if (req.method !== 'POST') return answer(405, {});
      if (req.url === '/client/register')
        return answer(200, {
          ...STUB_CLIENT,
          clientIdIssuedAt: Math.floor(Date.now() / 1000),
          clientSecretExpiresAt: Math.floor(Date.now() / 1000) + 90 * 86400,
        });
      if (req.url === '/device_authorization')
        return answer(200, {
          deviceCode: 'hoist-device-code',
          userCode: STUB_USER_CODE,
          verificationUri: `${endpoint}/verify`,
          verificationUriComplete: `${endpoint}/verify?user_code=${STUB_USER_CODE}`,
          expiresIn: options.codeExpiresIn ?? 600,
          interval: options.interval,
        });
      if (req.url === '/token') {
        if (body.clientId !== STUB_CLIENT.clientId || body.deviceCode !== 'hoist-device-code')
          return refuse('invalid_grant');
        const n = tokenCalls++;
        const slowDown = options.slowDown ?? 0;
        if (n < slowDown) return refuse('slow_down');
        if (n < slowDown + options.pending) return refuse('authorization_pending');
        if (options.outcome !== 'token') return refuse(options.outcome);
        return answer(200, {
          accessToken: STUB_ACCESS_TOKEN,
          tokenType: 'Bearer',
          expiresIn: 8 * 3600,
          ...(options.refreshToken === false ? {} : { refreshToken: STUB_REFRESH_TOKEN }),
        });
      }
      return answer(404, { message: `no such path ${req.url}` });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    calls,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
