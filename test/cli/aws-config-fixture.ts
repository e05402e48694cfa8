// A throwaway ~/.aws for the CLI tests of named profiles: the config and credentials files, a credential_process
// script that counts its runs, an SSO token cache file, and a loopback stand-in for the SSO portal's
// GetRoleCredentials (the portal is AWS-only; neither moto nor versitygw serves it).
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface AwsHome {
  home: string;
  config: string;
  credentials: string;
  /** The environment that points the CLI (and the SDK) at these files and nothing else. */
  env: NodeJS.ProcessEnv;
}

export async function awsHome(root: string, config: string, credentials = ''): Promise<AwsHome> {
  const home = join(root, 'home');
  await mkdir(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  const paths = { config: join(home, '.aws', 'config'), credentials: join(home, '.aws', 'credentials') };
  await writeFile(paths.config, config);
  await writeFile(paths.credentials, credentials);
  return {
    home,
    ...paths,
    env: {
      HOME: home,
      AWS_CONFIG_FILE: paths.config,
      AWS_SHARED_CREDENTIALS_FILE: paths.credentials,
      // The profile, not these, must sign: the CLI tests' default keys are removed.
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_REGION: undefined,
    },
  };
}

/**
 * A credential_process program: prints the keys as the AWS CLI's process protocol has them, with an Expiration
 * `ttlSeconds` ahead when given, and appends a line to `countFile` at every run.
 */
export async function credentialProcessScript(
  dir: string,
  keys: { accessKeyId: string; secretAccessKey: string },
  countFile: string,
  ttlSeconds?: number,
): Promise<string> {
  const script = join(dir, 'credential-process.cjs');
  const body = `
const fs = require('node:fs');
fs.appendFileSync(${JSON.stringify(countFile)}, 'run\\n');
const out = { Version: 1, AccessKeyId: ${JSON.stringify(keys.accessKeyId)}, SecretAccessKey: ${JSON.stringify(keys.secretAccessKey)} };
${ttlSeconds === undefined ? '' : `out.Expiration = new Date(Date.now() + ${ttlSeconds * 1000}).toISOString();`}
process.stdout.write(JSON.stringify(out));
`;
  await writeFile(script, body);
  return `${process.execPath} ${script}`;
}

export async function runCount(countFile: string): Promise<number> {
  const text = await readFile(countFile, 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).length;
}

/** Writes the token cache file `aws sso login` writes for a start URL (named by the SHA-1 of the URL). */
export async function ssoTokenCache(home: string, startUrl: string, expiresAt: Date, region: string): Promise<string> {
  const file = join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(startUrl).digest('hex')}.json`);
  await writeFile(
    file,
    JSON.stringify({ startUrl, region, accessToken: 'hoist-test-sso-token', expiresAt: expiresAt.toISOString() }),
  );
  return file;
}

export interface SsoPortal {
  endpoint: string;
  /** Each GetRoleCredentials call: its path and query, and the bearer token it carried. */
  calls: { url: string; token: string | undefined }[];
  close(): Promise<void>;
}

/**
 * Answers GetRoleCredentials (GET /federation/credentials) with `keys` and a session token, as the SSO portal does
 * (the SDK refuses role credentials without one).
 */
export async function startSsoPortal(keys: {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}): Promise<SsoPortal> {
  const calls: SsoPortal['calls'] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const token = req.headers['x-amz-sso_bearer_token'];
    calls.push({ url: req.url ?? '', token: Array.isArray(token) ? token[0] : token });
    if (!req.url?.startsWith('/federation/credentials')) {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.stringify({
      roleCredentials: { ...keys, expiration: Date.now() + 3600_000 },
    });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
