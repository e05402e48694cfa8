// `hoist cp --profile NAME` (and AWS_PROFILE): the named profile's credentials sign the requests, through the SDK's own
// providers, for a static profile, a credential_process profile, an assume-role profile (moto's STS) and an SSO
// profile (a token cache fixture and a loopback portal). versitygw checks signatures, so an upload it keeps proves the
// profile's keys were used; a profile with a wrong secret is refused there. A missing or broken profile is one usage
// line naming the profile and the files; an expired SSO sign-in names the exact `aws sso login` command.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createBucket, listMultipartUploads, objectSha256, uniqueBucket } from '../harness/s3-check';
import {
  awsHome,
  credentialProcessScript,
  runCount,
  SSO_SESSION_CONFIG,
  SSO_START_URL,
  ssoLegacyConfig,
  ssoTokenCache,
  startSsoPortal,
  uploadFiles,
  type AwsHome,
  type UploadFiles,
} from './aws-config-fixture';
import { cleanupTempDirs, MiB, tempDir } from './files';
import { buildCli, errorLines, hoist } from './run-hoist';
import { startForwardProxy } from './forward-proxy';
import { startAnsweringProxy } from './servers';

const moto = inject('s3Endpoint');
const versity = inject('s3Backends').find((b) => b.name === 'versitygw');
let dir: string;
let files: UploadFiles;

beforeAll(async () => {
  buildCli();
  dir = await tempDir('aws-profile');
  files = await uploadFiles(dir, 40_000, 12 * MiB);
});

afterAll(cleanupTempDirs);

async function home(label: string, config: string, credentials = ''): Promise<AwsHome> {
  return awsHome(join(dir, label), config, credentials);
}

/** cp of the small and the multipart file to `endpoint` with `args`, then both objects checked byte for byte. */
async function uploadsWith(endpoint: string, args: string[], env: NodeJS.ProcessEnv, label: string): Promise<void> {
  const bucket = uniqueBucket(label);
  await createBucket(endpoint, bucket);
  const r = await hoist(['cp', files.small, files.big, `s3://${bucket}/`, '--endpoint-url', endpoint, ...args], {
    env,
  });
  expect(errorLines(r.stderr)).toEqual([]);
  expect(r.code).toBe(0);
  expect(await objectSha256(endpoint, bucket, 'small.bin')).toBe(files.smallHash);
  expect(await objectSha256(endpoint, bucket, 'big.bin')).toBe(files.bigHash);
  expect(await listMultipartUploads(endpoint, bucket)).toEqual([]);
}

describe.skipIf(!versity)('hoist cp --profile against versitygw (which checks signatures)', () => {
  const vgw = versity?.endpoint ?? '';

  it('a static profile signs both data paths; a profile with a wrong secret is refused', async () => {
    const h = await home(
      'static',
      '[profile uploader]\nregion = us-east-1\n[profile wrong]\nregion = us-east-1\n',
      '[uploader]\naws_access_key_id = test\naws_secret_access_key = test\n[wrong]\naws_access_key_id = test\naws_secret_access_key = not-the-secret\n',
    );
    for (const dataPath of ['lean', 'sdk'])
      await uploadsWith(vgw, ['--profile', 'uploader', '--data-path', dataPath], h.env, `prof-static-${dataPath}`);
    // AWS_PROFILE works as --profile does.
    await uploadsWith(vgw, [], { ...h.env, AWS_PROFILE: 'uploader' }, 'prof-env');
    const bucket = uniqueBucket('prof-wrong');
    await createBucket(vgw, bucket);
    const refused = await hoist(['cp', files.small, `s3://${bucket}/`, '--endpoint-url', vgw, '--profile', 'wrong'], {
      env: h.env,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/signature|SignatureDoesNotMatch/i);
  });

  it('a credential_process profile runs the program and signs with what it prints', async () => {
    const countFile = join(dir, 'process-runs.txt');
    const command = await credentialProcessScript(dir, { accessKeyId: 'test', secretAccessKey: 'test' }, countFile);
    const h = await home('process', `[profile proc]\nregion = us-east-1\ncredential_process = ${command}\n`);
    await uploadsWith(vgw, ['--profile', 'proc'], h.env, 'prof-process');
    expect(await runCount(countFile)).toBeGreaterThanOrEqual(1);
  });
});

describe('hoist cp --profile: assume-role through moto STS, SSO through a loopback portal', () => {
  it('an SSO profile takes the role credentials the portal gives for the cached token', async () => {
    // Role credentials always carry a session token, which versitygw 1.8.0 refuses (InvalidToken) whatever the keys:
    // the upload goes to moto, and the portal's log shows that the cached token was what got the keys.
    const portal = await startSsoPortal();
    try {
      const h = await home('sso', SSO_SESSION_CONFIG);
      // With sso_session, the SDK names the cache file by the session's name.
      await ssoTokenCache(h.home, 'corp', new Date(Date.now() + 3600_000), 'us-east-1');
      await uploadsWith(moto, ['--profile', 'sso'], { ...h.env, AWS_ENDPOINT_URL_SSO: portal.endpoint }, 'prof-sso');
      expect(portal.calls.length).toBeGreaterThanOrEqual(1);
      expect(portal.calls[0]!.url).toContain('account_id=123456789012');
      expect(portal.calls[0]!.token).toBe('hoist-test-sso-token');
    } finally {
      await portal.close();
    }
  });

  it('role_arn with source_profile calls AssumeRole on AWS_ENDPOINT_URL_STS and uploads with the temporary keys', async () => {
    // moto's temporary keys are moto's own: versitygw knows only its configured accounts, so the upload goes to moto.
    const sts = await startAnsweringProxy(moto, () => undefined);
    const seen: string[] = [];
    const counting = await startAnsweringProxy(sts.endpoint, (req) => {
      seen.push(`${req.method} ${req.url}`);
      return undefined;
    });
    try {
      const h = await home(
        'role',
        '[profile base]\nregion = us-east-1\n' +
          '[profile role]\nrole_arn = arn:aws:iam::123456789012:role/hoist-uploader\nsource_profile = base\nregion = us-east-1\n',
        '[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base-secret\n',
      );
      await uploadsWith(
        moto,
        ['--profile', 'role'],
        { ...h.env, AWS_ENDPOINT_URL_STS: counting.endpoint },
        'prof-role',
      );
      expect(seen.filter((s) => s.startsWith('POST'))).not.toEqual([]);
      // Through a proxy (HTTP_PROXY), AssumeRole goes through it too, as the uploads do.
      const proxy = await startForwardProxy();
      try {
        await uploadsWith(
          moto,
          ['--profile', 'role'],
          { ...h.env, AWS_ENDPOINT_URL_STS: counting.endpoint, HTTP_PROXY: proxy.url },
          'prof-role-proxy',
        );
        expect(proxy.forwarded.filter((f) => f.startsWith(`POST ${counting.endpoint}/`))).not.toEqual([]);
        expect(proxy.forwarded.filter((f) => f.startsWith(`PUT ${moto}/`))).not.toEqual([]);
      } finally {
        await proxy.close();
      }
      // STS unreachable: the message names the profile and the file, not a stack trace.
      const r = await hoist(
        ['cp', files.small, `s3://${uniqueBucket('x')}/`, '--endpoint-url', moto, '--profile', 'role'],
        {
          env: { ...h.env, AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' },
        },
      );
      expect(r.code).toBe(1);
      expect(errorLines(r.stderr).join('\n')).toContain(`Assuming the role of AWS profile "role" (in ${h.config})`);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    } finally {
      await counting.close();
      await sts.close();
    }
  });
});

describe('hoist --profile: what is wrong, said clearly', () => {
  it('a missing profile is a usage error naming it and both files (exit 2), for cp, incomplete and resume', async () => {
    const h = await home(
      'missing',
      '[profile other]\nregion = eu-west-1\naws_access_key_id = a\naws_secret_access_key = b\n',
    );
    for (const command of [['cp', files.small, 's3://b/'], ['incomplete', 'ls', 's3://b'], ['resume']]) {
      const r = await hoist([...command, '--profile', 'nope'], { env: h.env });
      expect(r.code, r.stderr).toBe(2);
      expect(errorLines(r.stderr)[0]).toContain(
        `The AWS profile "nope" is in neither ${h.config} nor ${h.credentials}`,
      );
    }
  });

  it('a profile without credentials, or whose source_profile is missing, names the file', async () => {
    const h = await home(
      'broken',
      '[profile empty]\nregion = eu-west-1\n[profile orphan]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = gone\n',
    );
    const empty = await hoist(['cp', files.small, 's3://b/', '--profile', 'empty'], { env: h.env });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain(`The AWS profile "empty" in ${h.config} holds no credentials`);
    const orphan = await hoist(['cp', files.small, 's3://b/', '--profile', 'orphan'], { env: h.env });
    expect(orphan.code).toBe(2);
    expect(orphan.stderr).toContain('source_profile "gone"');
  });

  it('a credential_process program that is missing fails the upload with a message naming the profile', async () => {
    const h = await home('noproc', `[profile proc]\ncredential_process = ${join(dir, 'no-such-program')}\n`);
    const bucket = uniqueBucket('prof-noproc');
    await createBucket(moto, bucket);
    const r = await hoist(['cp', files.small, `s3://${bucket}/`, '--endpoint-url', moto, '--profile', 'proc'], {
      env: h.env,
    });
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr).join('\n')).toContain(
      `The credential_process of AWS profile "proc" (in ${h.config}) did not give credentials`,
    );
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('an expired SSO token gives the exact aws sso login command', async () => {
    const portal = await startSsoPortal();
    try {
      const h = await home('sso-expired', ssoLegacyConfig('dev'));
      await ssoTokenCache(h.home, SSO_START_URL, new Date(Date.now() - 60_000), 'us-east-1');
      const bucket = uniqueBucket('prof-sso-exp');
      await createBucket(moto, bucket);
      const r = await hoist(['cp', files.small, `s3://${bucket}/`, '--endpoint-url', moto, '--profile', 'dev'], {
        env: { ...h.env, AWS_ENDPOINT_URL_SSO: portal.endpoint },
      });
      expect(r.code).toBe(1);
      expect(errorLines(r.stderr).join('\n')).toContain('Sign in again with: aws sso login --profile dev');
      expect(portal.calls).toEqual([]);
    } finally {
      await portal.close();
    }
  });

  it("the profile's region applies when neither --region nor AWS_REGION gives one", async () => {
    const h = await home(
      'region',
      '[profile eu]\nregion = eu-west-3\n',
      '[eu]\naws_access_key_id = test\naws_secret_access_key = test\n',
    );
    // No endpoint URL: AWS itself, never reached here; --dry-run is not a cp option, so the region shows in the error.
    const r = await hoist(['incomplete', 'ls', 's3://hoist-no-such-bucket-for-region', '--profile', 'eu'], {
      env: { ...h.env, HTTPS_PROXY: 'http://127.0.0.1:9' },
      timeoutMs: 30_000,
    });
    expect(r.stderr).toContain('eu-west-3');
  });
});
