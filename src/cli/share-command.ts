// `hoist share s3://bucket/key`: prints a presigned GET URL for one object, which anyone can open with a plain HTTP
// GET until it expires (1 hour to 7 days, the most SigV4 allows). The object is checked first, so that a typo in
// the key is said now rather than by the person the link is sent to.
import {
  describeEndpoint,
  HoistError,
  SHARE_LINK_MAX_SECONDS,
  SHARE_LINK_MIN_SECONDS,
  UploadEngine,
  type HistoryEntry,
} from '../engine';
import type { Endpoint } from '../shared/target';
import { parseArgs, UsageError, type OptionSpecs } from './args';
import { EXIT_FAILED, EXIT_OK } from './cp-command';
import { wantsHelp } from './cp-options';
import { endpointArgs, endpointFrom, ENDPOINT_OPTIONS, type EndpointArgs } from './endpoint-options';
import { jsonLine, safeText } from './format';
import type { CliIo } from './report';
import { regionNotices } from './region-notice';
import { formatS3Url, isS3Url, parseS3Url } from './s3-url';
import { STATE_DIR_OPTIONS, stateDirFrom } from './state-dir';
import { cliWording } from './wording';

export const SHARE_SUMMARY = 'print a link that downloads an object, for 1 hour to 7 days';
export const SHARE_HELP = `Usage: hoist share s3://bucket/key [options]

Prints a presigned URL for the object: anyone with the link can download it
with a plain HTTP GET (a browser, curl) until it expires, without keys. The
link is signed with your credentials on this machine; nothing is sent to the
server to make it, but the object is checked to exist first.

Without --endpoint-url, the server is the one the object was uploaded to, if
\`hoist history\` has it; otherwise AWS S3.

Options:
  --expires TIME        how long the link works: 1h to 7d, as 90m, 12h, 2d
                        or 3600s (default 1h; 7 days is the most a signed S3
                        link allows)
  --endpoint-url URL    S3-compatible server, e.g. http://127.0.0.1:9000
  --region R            default: $AWS_REGION, else $AWS_DEFAULT_REGION,
                        else us-east-1
  --path-style          as for hoist cp (on by default with --endpoint-url)
  --ca-bundle FILE      as for hoist cp (default $AWS_CA_BUNDLE)
  --state-dir DIR       the history to find the object's server in; default as
                        for hoist resume
  --json                one JSON object on stdout: {"type":"share", bucket,
                        key, url, expiresAt (ISO 8601), expiresInSeconds}
  --debug               print stack traces for unexpected errors
  -h, --help            show this help

Exit status: 0 printed; 1 the object is not there or could not be checked;
2 usage error.
`;

const CMD = 'share';
const DEFAULT_EXPIRES = '1h';

const SHARE_OPTIONS: OptionSpecs = {
  ...ENDPOINT_OPTIONS,
  ...STATE_DIR_OPTIONS,
  expires: { type: 'string' },
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** "90m", "12h", "2d", "3600s" (a bare number is seconds) → seconds; a usage error names what is wrong. */
export function parseExpires(text: string): number {
  const m = /^\s*(\d+)\s*([smhdw]?)\s*$/i.exec(text);
  if (!m) {
    throw new UsageError(
      `--expires "${text}" is not a duration. Use a number with m, h or d: 90m, 12h, 2d (1 hour to 7 days).`,
      CMD,
    );
  }
  const seconds = Number(m[1]) * UNIT_SECONDS[(m[2] || 's').toLowerCase()]!;
  if (seconds > SHARE_LINK_MAX_SECONDS) {
    throw new UsageError(
      `--expires ${text.trim()} is too long: a signed S3 link works for 7 days (7d) at most. Give 7d or less.`,
      CMD,
    );
  }
  if (seconds < SHARE_LINK_MIN_SECONDS)
    throw new UsageError(`--expires ${text.trim()} is too short: give 1h or more (up to 7d).`, CMD);
  return seconds;
}

interface SharePlan {
  bucket: string;
  key: string;
  endpointArgs: EndpointArgs;
  stateDir: string;
  expiresInSeconds: number;
  json: boolean;
}

function resolveShare(argv: string[], env: NodeJS.ProcessEnv): SharePlan {
  const { positionals, values } = parseArgs(argv, SHARE_OPTIONS, CMD);
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'No object given. Use: hoist share s3://bucket/key'
        : `Give one s3://bucket/key (got ${positionals.length} arguments).`,
      CMD,
    );
  }
  const url = positionals[0]!;
  if (!isS3Url(url)) throw new UsageError(`"${url}" is not an S3 URL. Use s3://bucket/key.`, CMD);
  const location = parseS3Url(url);
  if ('error' in location) throw new UsageError(location.error, CMD);
  if (!location.prefix || location.prefix.endsWith('/'))
    throw new UsageError(`"${url}" names no object: a link is for one object, as s3://bucket/folder/file.jpg.`, CMD);
  return {
    bucket: location.bucket,
    key: location.prefix,
    endpointArgs: endpointArgs(values, CMD, env),
    stateDir: stateDirFrom(values, env, CMD).dir,
    expiresInSeconds: parseExpires((values.expires as string | undefined) ?? DEFAULT_EXPIRES),
    json: values.json === true,
  };
}

export async function runShare(argv: string[], io: CliIo): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout.write(SHARE_HELP);
    return EXIT_OK;
  }
  const plan = resolveShare(argv, io.env);
  const engine = new UploadEngine({
    stateDir: plan.stateDir,
    onRegionCorrected: regionNotices(io.stderr, false).onRegionCorrected,
  });
  try {
    const endpoint = await endpointFor(plan, engine, io.env);
    const where = formatS3Url(plan.bucket, plan.key);
    const server = describeEndpoint(endpoint.endpointUrl, endpoint.region);
    const target = { ...endpoint, bucket: plan.bucket, prefix: '' };
    let found: boolean;
    try {
      found = (await engine.existingKeys(target, [plan.key])).has(plan.key);
    } catch (err) {
      const why = err instanceof HoistError ? err.message : (err as Error).message;
      io.stderr.write(
        `hoist: could not check ${safeText(where)} at ${safeText(server)}: ${safeText(cliWording(why))}\n`,
      );
      return EXIT_FAILED;
    }
    if (!found) {
      io.stderr.write(
        `hoist: there is no object ${safeText(where)} at ${safeText(server)}. Check the bucket and key (\`hoist history\` lists what was uploaded).\n`,
      );
      return EXIT_FAILED;
    }
    const link = await engine.shareLink(endpoint, plan.bucket, plan.key, plan.expiresInSeconds);
    const expiresAt = new Date(link.expiresAt).toISOString();
    if (plan.json) {
      io.stdout.write(
        jsonLine({
          type: 'share',
          bucket: plan.bucket,
          key: plan.key,
          url: link.url,
          expiresAt,
          expiresInSeconds: plan.expiresInSeconds,
        }),
      );
    } else {
      io.stdout.write(`${link.url}\n`);
      io.stderr.write(
        `Works until ${expiresAt.replace(/\.\d+Z$/, 'Z')}; anyone with the link can download ${safeText(where)}.\n`,
      );
    }
    return EXIT_OK;
  } finally {
    await engine.close();
  }
}

/** The server given on the command line; else the one the history says the object went to; else AWS S3. */
async function endpointFor(plan: SharePlan, engine: UploadEngine, env: NodeJS.ProcessEnv): Promise<Endpoint> {
  const given = plan.endpointArgs;
  if (given.endpointUrl !== undefined || given.region !== undefined) return endpointFrom(given, env);
  const uploaded = await newestUpload(engine, plan.bucket, plan.key);
  if (!uploaded) return endpointFrom(given, env);
  return {
    ...endpointFrom({ ...given, pathStyle: given.pathStyle ?? uploaded.forcePathStyle }, env),
    endpointUrl: uploaded.endpointUrl,
    region: uploaded.region,
    ...(uploaded.caBundle && !given.caBundle ? { caBundle: uploaded.caBundle } : {}),
  };
}

async function newestUpload(engine: UploadEngine, bucket: string, key: string): Promise<HistoryEntry | undefined> {
  // The history is newest first, so the first match is the latest upload of this object.
  return (await engine.history({ words: key })).find((e) => e.bucket === bucket && e.key === key);
}
