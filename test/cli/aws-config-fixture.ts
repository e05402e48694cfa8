// A throwaway ~/.aws for the CLI tests of named profiles: the config and credentials files, the SSO profiles they
// sign in with, a credential_process script that counts its runs, an SSO token cache file, a loopback stand-in for
// the SSO portal's GetRoleCredentials (the portal is AWS-only; neither moto nor versitygw serves it), and the two
// files (one small, one multipart) each profile test uploads.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { randomFile } from './files';

/** The SSO start URL of the test profiles; only the loopback stubs ever see it. */
export const SSO_START_URL = 'https://hoist-test.awsapps.com/start';

/** Profile "sso" through the sso-session "corp", as `aws configure sso` writes it (cache file named "corp"). */
export const SSO_SESSION_CONFIG =
  `[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Uploader\nregion = us-east-1\n` +
  `[sso-session corp]\nsso_start_url = ${SSO_START_URL}\nsso_region = us-east-1\n`;

/** A profile with the legacy sso_start_url keys of its own (cache file named by the start URL). */
export const ssoLegacyConfig = (profile: string) =>
  `[profile ${profile}]\nsso_start_url = ${SSO_START_URL}\nsso_region = us-east-1\nsso_account_id = 123456789012\n` +
  `sso_role_name = Uploader\nregion = us-east-1\n`;

/** The role keys the SSO portal stub hands out; versitygw refuses them for their session token. */
export const SSO_ROLE_KEYS = { accessKeyId: 'test', secretAccessKey: 'test', sessionToken: 'hoist-sso-session' };

export interface UploadFiles {
  small: string;
  smallHash: string;
  /** Above the multipart threshold. */
  big: string;
  bigHash: string;
}

/** small.bin and big.bin in `dir`, with their SHA-256, to check the objects a profile uploaded byte for byte. */
export async function uploadFiles(dir: string, smallSize: number, bigSize: number): Promise<UploadFiles> {
  const small = join(dir, 'small.bin');
  const big = join(dir, 'big.bin');
  return { small, smallHash: await randomFile(small, smallSize), big, bigHash: await randomFile(big, bigSize) };
}

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

/** Where the SSO token for a session name or legacy start URL is cached: named by the SHA-1 of that id. */
export const ssoCacheFile = (home: string, id: string) =>
  join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(id).digest('hex')}.json`);

/** Writes the token cache file `aws sso login` writes for a start URL or session name. */
export async function ssoTokenCache(home: string, startUrl: string, expiresAt: Date, region: string): Promise<string> {
  const file = ssoCacheFile(home, startUrl);
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
export async function startSsoPortal(keys = SSO_ROLE_KEYS): Promise<SsoPortal> {
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
