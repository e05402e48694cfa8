// The options that say which server to talk to and as whom (--endpoint-url, --region, --path-style, --ca-bundle,
// --profile), shared by every command that reaches S3, so that they read and fail the same way everywhere.
import { checkAwsProfile, HoistError, readCaBundle, validateEndpointUrl, validateProxy } from '../engine';
import type { ChecksumMode, Endpoint } from '../shared/target';
import { UsageError, type OptionSpecs } from './args';

export const ENDPOINT_OPTIONS: OptionSpecs = {
  'endpoint-url': { type: 'string' },
  region: { type: 'string' },
  'path-style': { type: 'boolean' },
  'ca-bundle': { type: 'string' },
  profile: { type: 'string' },
};

/** What the user typed, checked; absent fields were not given. */
export interface EndpointArgs {
  endpointUrl?: string;
  region?: string;
  /** true for --path-style, false for --no-path-style. */
  pathStyle?: boolean;
  /** --ca-bundle FILE, else $AWS_CA_BUNDLE: the certificates to trust for https instead of the system's. */
  caBundle?: string;
  /** --profile NAME, else $AWS_PROFILE: a named profile of ~/.aws/config and ~/.aws/credentials, checked to exist. */
  awsProfile?: string;
  /** That profile's `region`, used when neither --region nor AWS_REGION / AWS_DEFAULT_REGION gives one. */
  profileRegion?: string;
}

export function endpointArgs(
  values: Record<string, string | boolean | undefined>,
  command: string,
  env: NodeJS.ProcessEnv,
): EndpointArgs {
  const args: EndpointArgs = {};
  const endpointUrl = values['endpoint-url'] as string | undefined;
  if (endpointUrl !== undefined) {
    if (!endpointUrl.trim())
      throw new UsageError('--endpoint-url is empty. Give a URL like http://127.0.0.1:9000.', command);
    asUsage(() => validateEndpointUrl(endpointUrl), command);
    args.endpointUrl = endpointUrl;
  }
  const region = values.region as string | undefined;
  if (region !== undefined) {
    if (!region.trim()) throw new UsageError('--region is empty. Give a region such as us-east-1.', command);
    args.region = region;
  }
  const pathStyle = values['path-style'] as boolean | undefined;
  if (pathStyle !== undefined) args.pathStyle = pathStyle;
  // As the AWS CLI: the option, else AWS_CA_BUNDLE. Read now, so that a wrong path is a usage error naming it.
  const flag = values['ca-bundle'] as string | undefined;
  const caBundle = flag ?? (env.AWS_CA_BUNDLE || undefined);
  if (caBundle !== undefined) {
    try {
      readCaBundle(caBundle);
    } catch (err) {
      if (err instanceof HoistError)
        throw new UsageError(`${flag !== undefined ? '--ca-bundle' : 'AWS_CA_BUNDLE'}: ${err.message}`, command);
      throw err;
    }
    args.caBundle = caBundle;
  }
  const { file, ...profile } = profileArgs(values.profile as string | undefined, command, env);
  Object.assign(args, profile);
  checkRegion(args, env, file, command);
  // A proxy variable that is not a URL is named now, rather than failing every request.
  asUsage(() => validateProxy(undefined, env), command);
  return args;
}

/**
 * --profile NAME, else AWS_PROFILE (as the AWS CLI): checked against the shared files now, so that a misspelt name or
 * a profile without credentials is one usage line naming the profile and the files (exit 2), before anything is sent.
 */
function profileArgs(
  flag: string | undefined,
  command: string,
  env: NodeJS.ProcessEnv,
): Pick<EndpointArgs, 'awsProfile' | 'profileRegion'> & { file?: string } {
  if (flag !== undefined && !flag.trim())
    throw new UsageError('--profile is empty. Give the name of a profile in ~/.aws/config.', command);
  const name = flag ?? (env.AWS_PROFILE || undefined);
  if (!name) return {};
  let info: { region?: string; file: string } | undefined;
  asUsage(() => {
    info = checkAwsProfile(name, env);
  }, command);
  return { awsProfile: name, file: info?.file, ...(info?.region ? { profileRegion: info.region } : {}) };
}

/** The region a command uses, as the AWS CLI reads it: --region, then the environment, then the profile's own. */
function chosenRegion(args: EndpointArgs, env: NodeJS.ProcessEnv): string | undefined {
  return args.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || args.profileRegion;
}

/**
 * What a region may be: letters, digits, '-', '_' and '.'. Permissive, since S3-compatible servers name theirs freely
 * ("garage", "auto", "fr-par", "us-east-1"), but safe: the region goes into every request's signature scope and, for
 * AWS, into the host name, where a space, a '/' or nothing at all made each file fail on its own ("Invalid URL",
 * "Region not accepted") or be sent to a host that does not exist.
 */
const REGION_NAME = /^[A-Za-z0-9._-]+$/;
const REGION_FORM = "A region holds only letters, digits, '-', '_' and '.', as in us-east-1, fr-par or auto.";

/**
 * Refuses the region chosenRegion() picks, as a usage error naming where it came from. A value that one earlier in
 * the order overrides is not in the way, and is not checked.
 */
function checkRegion(
  args: EndpointArgs,
  env: NodeJS.ProcessEnv,
  profileFile: string | undefined,
  command: string,
): void {
  const region = chosenRegion(args, env);
  if (region === undefined || REGION_NAME.test(region)) return;
  const quoted = JSON.stringify(region);
  if (args.region) throw new UsageError(`--region ${quoted} is not a region. ${REGION_FORM}`, command);
  const variable = env.AWS_REGION ? 'AWS_REGION' : env.AWS_DEFAULT_REGION ? 'AWS_DEFAULT_REGION' : undefined;
  if (variable)
    throw new UsageError(
      `${variable} ${quoted} is not a region. ${REGION_FORM} Fix or unset ${variable}, or give --region.`,
      command,
    );
  const where = profileFile ? ` (in ${profileFile})` : '';
  throw new UsageError(
    `The region ${quoted} of AWS profile "${args.awsProfile}"${where} is not a region. ${REGION_FORM} Fix it there, or give --region.`,
    command,
  );
}

/** The endpoint for a command that starts from the command line alone (cp, incomplete). */
export function endpointFrom(args: EndpointArgs, env: NodeJS.ProcessEnv, checksum: ChecksumMode = 'auto'): Endpoint {
  return {
    endpointUrl: args.endpointUrl,
    // As the AWS CLI: --region, then the environment, then the profile's own region.
    region: chosenRegion(args, env) || 'us-east-1',
    // S3-compatible servers (MinIO, Ceph, moto, ...) mostly need path-style addressing; AWS itself does not.
    forcePathStyle: args.pathStyle ?? args.endpointUrl !== undefined,
    checksum,
    credentials: undefined,
    ...(args.awsProfile ? { awsProfile: args.awsProfile } : {}),
    ...(args.caBundle ? { caBundle: args.caBundle } : {}),
  };
}

/**
 * A journal's endpoint URL without a user name and password. Hoist refuses them now (validateEndpointUrl), but an
 * older Hoist wrote what it was given; S3 never used them (requests are signed with the access key), so the upload
 * goes on to the same server without them, and they are neither printed nor written back to the journal.
 */
export function withoutCredentials(url: string | undefined): string | undefined {
  if (!url) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (!parsed.username && !parsed.password) return url;
  // Cut the text rather than rebuild it from the parse, so that the rest stays as written (no '/' added). For http(s)
  // the authority ends at the first '/', '?', '#' or '\', and the user info at the last '@' before that.
  const cut = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#\\]*@/i, '$1');
  try {
    const again = new URL(cut);
    if (!again.username && !again.password) return cut;
  } catch {
    // Falls through to the parser's own form.
  }
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}

/**
 * `text` with anything between "scheme://" and a later '@' cut out. A usage error may quote what was typed, and a URL
 * with "user:password@" given where the target goes must not be echoed (--endpoint-url itself is refused unquoted, by
 * validateEndpointUrl). Up to the last '@' of the word, since a password may hold a '/'. s3:// URLs hold keys, where
 * an '@' is just a character, never credentials.
 */
export function withoutUrlCredentials(text: string): string {
  return text.replace(/\b(?!s3:\/\/)([a-z][a-z0-9+.-]*:\/\/)[^\s"]*@/gi, '$1…@');
}

/** Runs an engine check and turns its HoistError into a usage error (exit 2) for `command`. */
export function asUsage(check: () => void, command: string): void {
  try {
    check();
  } catch (err) {
    if (err instanceof HoistError) throw new UsageError(err.message, command);
    throw err;
  }
}
