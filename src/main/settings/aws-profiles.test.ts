// The AWS profile list Settings shows, read from fixture config files with the SDK's own loader: every profile of
// both files with its kind and region, no sso-session or services sections, and nothing of what the files hold
// besides (keys, tokens, commands, role ARNs).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { awsConfigFilesOf, awsProfileKind, listAwsProfiles } from './aws-profiles';

const CONFIG = `
[default]
region = us-east-1

[profile sso-dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Developer
region = eu-west-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1

[profile legacy-sso]
sso_start_url = https://old.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = ReadOnly

[profile deploy]
role_arn = arn:aws:iam::111122223333:role/Deployer
source_profile = default
region = ap-northeast-1

[profile on-ec2]
role_arn = arn:aws:iam::111122223333:role/Instance
credential_source = Ec2InstanceMetadata

[profile ci]
credential_process = /usr/local/bin/vault-creds --account ci

[profile web]
web_identity_token_file = /var/run/token
role_arn = arn:aws:iam::111122223333:role/Web

[profile region-only]
region = us-west-2
s3 =
  addressing_style = path

[services local]
s3 =
  endpoint_url = http://127.0.0.1:9000
`;

const CREDENTIALS = `
[default]
aws_access_key_id = AKIADEFAULTEXAMPLE
aws_secret_access_key = default/secret/never/listed

[static-only]
aws_access_key_id = AKIASTATICEXAMPLE
aws_secret_access_key = static/secret/never/listed
aws_session_token = static-session-token-never-listed
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoist-aws-profiles-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function fixture(config: string, credentials: string) {
  const files = { config: join(dir, 'config'), credentials: join(dir, 'credentials') };
  await writeFile(files.config, config);
  await writeFile(files.credentials, credentials);
  return files;
}

describe('listAwsProfiles', () => {
  it('lists every profile of both files with its kind and region, default first', async () => {
    const files = await fixture(CONFIG, CREDENTIALS);
    expect(await listAwsProfiles(files)).toEqual([
      { name: 'default', kind: 'static', region: 'us-east-1' },
      { name: 'ci', kind: 'process' },
      { name: 'deploy', kind: 'assume-role', region: 'ap-northeast-1' },
      { name: 'legacy-sso', kind: 'sso' },
      { name: 'on-ec2', kind: 'assume-role' },
      { name: 'region-only', kind: 'other', region: 'us-west-2' },
      { name: 'sso-dev', kind: 'sso', region: 'eu-west-1' },
      { name: 'static-only', kind: 'static' },
      // A role with a web identity token is the SDK's web identity provider, which the default chain covers too.
      { name: 'web', kind: 'other' },
    ]);
  });

  it('gives nothing of the files but names, kinds and regions', async () => {
    const files = await fixture(CONFIG, CREDENTIALS);
    const answer = JSON.stringify(await listAwsProfiles(files));
    for (const held of ['AKIA', 'secret', 'token', 'arn:aws', 'vault-creds', 'awsapps', '111122223333', 'corp']) {
      expect(answer).not.toContain(held);
    }
  });

  it('reads the files as they are now (a profile just made with aws configure shows on Reload)', async () => {
    const files = await fixture('[default]\nregion = us-east-1\n', '');
    expect((await listAwsProfiles(files)).map((p) => p.name)).toEqual(['default']);
    await writeFile(files.config, '[default]\nregion = us-east-1\n[profile new-one]\ncredential_process = x\n');
    expect((await listAwsProfiles(files)).map((p) => p.name)).toEqual(['default', 'new-one']);
  });

  it('lists nothing, without an error, when the files do not exist', async () => {
    expect(await listAwsProfiles({ config: join(dir, 'none'), credentials: join(dir, 'none-either') })).toEqual([]);
  });

  it('takes the files from AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, as the SDK does', () => {
    expect(awsConfigFilesOf({ AWS_CONFIG_FILE: '/x/config', AWS_SHARED_CREDENTIALS_FILE: '/x/creds' })).toEqual({
      config: '/x/config',
      credentials: '/x/creds',
    });
    expect(awsConfigFilesOf({})).toEqual({});
  });
});

describe('awsProfileKind', () => {
  it('follows the SDK’s order: a role, static keys, web identity, credential_process, then SSO', () => {
    expect(awsProfileKind({ role_arn: 'r', source_profile: 's', aws_access_key_id: 'a' })).toBe('assume-role');
    // A role without a source is not one the SDK can assume: its keys, if any, are used as they are.
    expect(awsProfileKind({ role_arn: 'r', aws_access_key_id: 'a', aws_secret_access_key: 'b' })).toBe('static');
    expect(awsProfileKind({ aws_access_key_id: 'a' })).toBe('other');
    expect(awsProfileKind({ credential_process: 'p', sso_session: 's' })).toBe('process');
    expect(awsProfileKind({ sso_session: 's' })).toBe('sso');
    expect(awsProfileKind({})).toBe('other');
  });
});
