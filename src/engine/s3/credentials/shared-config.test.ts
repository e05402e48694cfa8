// Reading ~/.aws/config and ~/.aws/credentials for a profile's kind and region, as the SDK merges them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAwsProfiles, profileInfo, readSharedConfig } from './shared-config';

function files(config: string, credentials = ''): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'hoist-aws-'));
  writeFileSync(join(dir, 'config'), config);
  writeFileSync(join(dir, 'credentials'), credentials);
  return { HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
}

describe('readSharedConfig', () => {
  const env = files(
    `# comment
[default]
region = us-west-2
[profile proc]
credential_process = /bin/creds --json   ; trailing words kept as written
region=eu-west-1
[profile role]
role_arn = arn:aws:iam::1:role/r
source_profile = default
s3 =
  addressing_style = path
[profile sso]
sso_session = corp
sso_account_id = 1
sso_role_name = R
[sso-session corp]
sso_start_url = https://x.awsapps.com/start
sso_region = us-east-1
[profile empty]
`,
    `[default]
aws_access_key_id = AKIA
aws_secret_access_key = secret
[only-keys]
aws_access_key_id = A
`,
  );
  const config = readSharedConfig(env);

  it('names each profile kind, with its region and file', () => {
    expect(profileInfo(config, 'default')).toEqual({
      name: 'default',
      kind: 'static',
      region: 'us-west-2',
      file: env.AWS_CONFIG_FILE,
    });
    expect(profileInfo(config, 'proc')).toMatchObject({ kind: 'process', region: 'eu-west-1' });
    expect(profileInfo(config, 'role')).toMatchObject({ kind: 'assume-role' });
    expect(profileInfo(config, 'sso')).toMatchObject({ kind: 'sso' });
  });

  it('says what is wrong with a profile', () => {
    expect(profileInfo(config, 'nope')).toEqual({ kind: 'missing' });
    expect(profileInfo(config, 'empty')).toEqual({ kind: 'no-credentials' });
    expect(profileInfo(config, 'only-keys')).toEqual({ kind: 'incomplete-static', missing: 'aws_secret_access_key' });
  });

  it('lists names and kinds only (what the app may show)', () => {
    expect(listAwsProfiles(config)).toEqual([
      { name: 'default', kind: 'static' },
      { name: 'empty', kind: 'none' },
      { name: 'only-keys', kind: 'static' },
      { name: 'proc', kind: 'process' },
      { name: 'role', kind: 'assume-role' },
      { name: 'sso', kind: 'sso' },
    ]);
  });
});
