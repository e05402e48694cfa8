// The AWS shared config files (~/.aws/config and ~/.aws/credentials, or AWS_CONFIG_FILE and
// AWS_SHARED_CREDENTIALS_FILE), read only to name a profile's kind and region and to say clearly what is wrong with
// it before anything is sent. The credentials themselves always come from the SDK's own providers (profile-provider.ts),
// which read the same files again: this reader never decides which keys are used.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** How a named profile gets its credentials, by the keys it holds (in the order the SDK tries them). */
export type AwsProfileKind = 'assume-role' | 'web-identity' | 'sso' | 'process' | 'static';

export interface AwsProfileInfo {
  name: string;
  kind: AwsProfileKind;
  /** The profile's `region`, if it has one. */
  region?: string;
  /** The file the profile was found in (config first, as the SDK merges them with credentials winning per key). */
  file: string;
}

export interface SharedConfigPaths {
  config: string;
  credentials: string;
}

/** A section's keys, lower-cased names; a nested block ("s3 =" then indented lines) is skipped. */
type Section = Record<string, string>;

export interface SharedConfig {
  paths: SharedConfigPaths;
  /** Profiles by name: `[profile NAME]` / `[default]` of the config file, merged with `[NAME]` of the credentials file. */
  profiles: Map<string, { keys: Section; file: string }>;
  /** `[sso-session NAME]` sections of the config file. */
  ssoSessions: Map<string, Section>;
}

/** The problems with the files themselves (a profile's own problems are found by profileInfo). */
export class SharedConfigError extends Error {
  constructor(
    readonly file: string,
    readonly reason: 'unreadable',
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}

function expandHome(path: string, home: string): string {
  return path.startsWith('~/') || path === '~' ? join(home, path.slice(1)) : path;
}

/** Where the SDK reads the files from, by the same environment variables. */
export function sharedConfigPaths(env: NodeJS.ProcessEnv = process.env): SharedConfigPaths {
  const home = env.HOME || env.USERPROFILE || homedir();
  return {
    config: expandHome(env.AWS_CONFIG_FILE || join(home, '.aws', 'config'), home),
    credentials: expandHome(env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'), home),
  };
}

/** An INI file's sections; a missing file is empty (as for the SDK), one that cannot be read is an error. */
function readSections(file: string): Map<string, Section> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return new Map();
    throw new SharedConfigError(file, 'unreadable', code ?? String(err));
  }
  const sections = new Map<string, Section>();
  let current: Section | undefined;
  let inNestedBlock = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s*[#;].*$/, '');
    if (!line.trim()) continue;
    const header = /^\s*\[([^\]]+)\]\s*(?:[#;].*)?$/.exec(line);
    if (header) {
      const name = header[1]!.trim();
      current = sections.get(name) ?? {};
      sections.set(name, current);
      inNestedBlock = false;
      continue;
    }
    if (!current) continue;
    // An indented line continues the key above it (a nested block such as "s3 =" with its own settings).
    if (/^\s/.test(line) && inNestedBlock) continue;
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim().toLowerCase();
    const value = line.slice(eq + 1).trim();
    inNestedBlock = value === '';
    if (!inNestedBlock) current[key] = value;
  }
  return sections;
}

/** Both files, their profiles merged as the SDK merges them (a key in the credentials file wins). */
export function readSharedConfig(env: NodeJS.ProcessEnv = process.env): SharedConfig {
  const paths = sharedConfigPaths(env);
  const profiles = new Map<string, { keys: Section; file: string }>();
  const ssoSessions = new Map<string, Section>();
  for (const [header, keys] of readSections(paths.config)) {
    if (header === 'default') profiles.set('default', { keys, file: paths.config });
    const profile = /^profile\s+(.+)$/.exec(header);
    if (profile) profiles.set(profile[1]!.trim(), { keys, file: paths.config });
    const session = /^sso-session\s+(.+)$/.exec(header);
    if (session) ssoSessions.set(session[1]!.trim(), keys);
  }
  for (const [name, keys] of readSections(paths.credentials)) {
    const known = profiles.get(name);
    profiles.set(
      name,
      known ? { keys: { ...known.keys, ...keys }, file: known.file } : { keys, file: paths.credentials },
    );
  }
  return { paths, profiles, ssoSessions };
}

/** What is wrong with a profile, for the message; undefined when it looks usable. */
export type ProfileProblem =
  | { kind: 'missing' }
  | { kind: 'no-credentials' }
  | { kind: 'missing-source'; source: string }
  | { kind: 'missing-sso-session'; session: string }
  | { kind: 'incomplete-static'; missing: string };

export function profileKind(keys: Section): AwsProfileKind | undefined {
  if (keys.role_arn) return 'assume-role';
  if (keys.web_identity_token_file) return 'web-identity';
  if (keys.sso_session || keys.sso_start_url) return 'sso';
  if (keys.credential_process) return 'process';
  if (keys.aws_access_key_id || keys.aws_secret_access_key) return 'static';
  return undefined;
}

/** The profile's kind and region, or what is wrong with it. */
export function profileInfo(config: SharedConfig, name: string): AwsProfileInfo | ProfileProblem {
  const found = config.profiles.get(name);
  if (!found) return { kind: 'missing' };
  const { keys, file } = found;
  const kind = profileKind(keys);
  if (!kind) return { kind: 'no-credentials' };
  if (kind === 'assume-role' && keys.source_profile && !config.profiles.has(keys.source_profile))
    return { kind: 'missing-source', source: keys.source_profile };
  if (kind === 'sso' && keys.sso_session && !config.ssoSessions.has(keys.sso_session))
    return { kind: 'missing-sso-session', session: keys.sso_session };
  if (kind === 'static' && !(keys.aws_access_key_id && keys.aws_secret_access_key))
    return {
      kind: 'incomplete-static',
      missing: keys.aws_access_key_id ? 'aws_secret_access_key' : 'aws_access_key_id',
    };
  return { name, kind, file, ...(keys.region ? { region: keys.region } : {}) };
}

/** Every profile of both files with its kind (no keys): what the app's Settings may list. */
export function listAwsProfiles(config: SharedConfig): { name: string; kind: AwsProfileKind | 'none' }[] {
  return [...config.profiles.entries()]
    .map(([name, { keys }]) => ({ name, kind: profileKind(keys) ?? ('none' as const) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
