// The named profiles of the AWS config files, as Settings lists them: each name with how it gets its credentials and
// its region, never a key, a token or anything else the files hold. Read with the SDK's own loader
// (loadSharedConfigFiles), so that the list holds exactly the profiles the SDK's providers will find when Hoist
// connects: the same files (AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and
// ~/.aws/credentials), the same section names, and the credentials file winning key by key.
import { loadSharedConfigFiles } from '@smithy/core/config';
import type { AwsProfileEntry, AwsProfileKind } from '../../shared/settings-schema';

/** The files to read; by default the SDK's own choice from the environment. */
export interface AwsConfigFiles {
  config?: string;
  credentials?: string;
}

/** The environment variables the SDK reads the files' paths from. */
export function awsConfigFilesOf(env: NodeJS.ProcessEnv): AwsConfigFiles {
  return {
    ...(env['AWS_CONFIG_FILE'] ? { config: env['AWS_CONFIG_FILE'] } : {}),
    ...(env['AWS_SHARED_CREDENTIALS_FILE'] ? { credentials: env['AWS_SHARED_CREDENTIALS_FILE'] } : {}),
  };
}

type Section = Record<string, string | undefined>;

/**
 * How a profile gets its credentials, in the order the SDK's ini provider tries them: a role first (its source
 * profile or credential_source gives the keys to assume it with), then static keys, then a web identity token (listed
 * as other: the app has no use for it that the default chain lacks), then credential_process, then SSO.
 */
export function awsProfileKind(keys: Section): AwsProfileKind {
  if (keys['role_arn'] && (keys['source_profile'] || keys['credential_source'])) return 'assume-role';
  if (keys['aws_access_key_id'] && keys['aws_secret_access_key']) return 'static';
  if (keys['web_identity_token_file']) return 'other';
  if (keys['credential_process']) return 'process';
  if (keys['sso_session'] || keys['sso_start_url'] || keys['sso_account_id']) return 'sso';
  return 'other';
}

/** Sections of the config file that are not profiles (getConfigData keeps their prefix). */
const NOT_A_PROFILE = /^(sso-session|services)\./;

/**
 * Every profile of both files, 'default' first, then by name. A missing or unreadable file lists nothing (the SDK
 * swallows both the same way when it connects), so the list is never an error.
 */
export async function listAwsProfiles(
  files: AwsConfigFiles = awsConfigFilesOf(process.env),
): Promise<AwsProfileEntry[]> {
  const loaded = await loadSharedConfigFiles({
    ...(files.config ? { configFilepath: files.config } : {}),
    ...(files.credentials ? { filepath: files.credentials } : {}),
    // The user may have just run "aws configure": read the files as they are now.
    ignoreCache: true,
  });
  const merged = new Map<string, Section>();
  for (const [name, keys] of Object.entries(loaded.configFile)) {
    if (!NOT_A_PROFILE.test(name)) merged.set(name, { ...keys });
  }
  for (const [name, keys] of Object.entries(loaded.credentialsFile)) {
    merged.set(name, { ...merged.get(name), ...keys });
  }
  const entries = [...merged].map(([name, keys]): AwsProfileEntry => {
    const region = keys['region']?.trim();
    return { name, kind: awsProfileKind(keys), ...(region ? { region } : {}) };
  });
  return entries.sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}
