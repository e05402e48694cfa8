// `hoist cp` options: declared once, parsed, checked and turned into the engine's options and the upload target.
// Everything here is a usage problem (exit 2) when wrong; nothing touches the network or the files.
import { S3_MAX_PART_SIZE, S3_MIN_PART_SIZE, validatePrefix, type EngineOptions } from '../engine';
import type { ChecksumMode, Target } from '../shared/target';
import { parseArgs, parseCount, UsageError, type OptionSpecs } from './args';
import { DATA_PATH_OPTIONS, dataPathFrom } from './data-path-option';
import { asUsage, endpointArgs, endpointFrom, ENDPOINT_OPTIONS, type EndpointArgs } from './endpoint-options';
import { OBJECT_OPTION_FLAGS, objectOptionsFrom } from './object-options-flags';
import { isS3Url, parseS3Url } from './s3-url';
import { SELECTION_OPTIONS, selectionFrom, type FileSelection } from './selection-flags';
import { parseSize } from './sizes';
import { STATE_DIR_OPTIONS, stateDirFrom, type StateDir } from './state-dir';

export const CP_OPTIONS: OptionSpecs = {
  ...ENDPOINT_OPTIONS,
  ...STATE_DIR_OPTIONS,
  ...DATA_PATH_OPTIONS,
  ...SELECTION_OPTIONS,
  ...OBJECT_OPTION_FLAGS,
  'part-size': { type: 'string' },
  concurrency: { type: 'string' },
  files: { type: 'string' },
  'speed-limit': { type: 'string' },
  checksum: { type: 'string' },
  'follow-symlinks': { type: 'boolean' },
  'wait-network': { type: 'boolean' },
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export interface CpPlan {
  sources: string[];
  target: Target;
  /** The engine's options but the journal folder, which cp sets once it knows the folder can be written. */
  engine: EngineOptions;
  stateDir: StateDir;
  /** The endpoint options as given, for the commands Hoist suggests (`hoist incomplete ls ...`) to reach the same server. */
  endpointArgs: EndpointArgs;
  /** --wait-network: an unreachable endpoint is waited for, however long. */
  waitNetwork: boolean;
  /** Follow links inside a folder whose targets stay inside it (off: each link is skipped and named). */
  followSymlinks: boolean;
  /** Which files go: skip unchanged, excludes and includes. */
  selection: FileSelection;
  json: boolean;
  debug: boolean;
}

const CHECKSUMS: readonly ChecksumMode[] = ['auto', 'crc32', 'md5', 'off'];
const MAX_PARALLEL = 1000;
const MIN_SPEED_LIMIT = 1024;
/**
 * How long an endpoint that has not answered once in this run may refuse connections before cp gives up: a typo in
 * --endpoint-url or a server that is not running should be said within seconds, not after the 20 s an outage gets.
 */
export const UNREACHABLE_AT_START_MS = 3000;

/**
 * How long cp and resume wait for an unreachable endpoint. A script should hear of it within a bounded time;
 * --wait-network waits as the app does, however long. `newEndpoint`: no earlier run has reached it (cp's target, or
 * resume's --endpoint-url), so refusals from the start are said after UNREACHABLE_AT_START_MS, not an outage's 20 s.
 */
export function unreachableOptions(
  waitNetwork: boolean,
  newEndpoint = true,
): Pick<EngineOptions, 'unreachableBudgetMs' | 'unreachableAtStartMs'> {
  if (waitNetwork) return { unreachableBudgetMs: Number.POSITIVE_INFINITY };
  return newEndpoint ? { unreachableAtStartMs: UNREACHABLE_AT_START_MS } : {};
}

/** --speed-limit's rate in bytes per second (cp's and resume's); a usage error when it is not a rate of 1KiB/s or more. */
export function parseSpeedLimit(limit: string, command: string): number {
  // A rate is a size per second; "/s" may be written or left out.
  const bytes = parseSize(limit.replace(/\/s$/i, ''));
  if (bytes === undefined || bytes < MIN_SPEED_LIMIT) {
    throw new UsageError(
      `--speed-limit "${limit}" is not a rate of 1KiB/s or more. Use a form like 20MiB/s, 500KiB or 1048576.`,
      command,
    );
  }
  return bytes;
}

/** True when argv asks for `hoist cp --help` (checked before anything else, so --help works with bad arguments). */
export function wantsHelp(argv: string[]): boolean {
  const dashDash = argv.indexOf('--');
  const opts = dashDash >= 0 ? argv.slice(0, dashDash) : argv;
  return opts.includes('--help') || opts.includes('-h');
}

export function resolveCp(argv: string[], env: NodeJS.ProcessEnv): CpPlan {
  const parsed = parseArgs(argv, CP_OPTIONS, 'cp');
  const { positionals, values } = parsed;
  const str = (name: string): string | undefined => values[name] as string | undefined;

  if (positionals.length === 0)
    throw new UsageError('No files or target given. Use: hoist cp <file|dir>... s3://bucket/prefix/', 'cp');
  const targetArg = positionals[positionals.length - 1]!;
  const sources = positionals.slice(0, -1);
  if (!isS3Url(targetArg)) {
    const hint = positionals.find(isS3Url) ? ' The s3:// target must come last.' : '';
    throw new UsageError(
      `Target "${targetArg}" is not an S3 URL. Give the destination last, as s3://bucket/prefix/.${hint}`,
      'cp',
    );
  }
  const location = parseS3Url(targetArg);
  if ('error' in location) throw new UsageError(location.error, 'cp');
  asUsage(() => validatePrefix(location.prefix), 'cp');
  if (sources.length === 0) throw new UsageError(`No files or folders given to upload to ${targetArg}.`, 'cp');
  const s3Source = sources.find(isS3Url);
  if (s3Source)
    throw new UsageError(`Source "${s3Source}" is an S3 URL; hoist cp uploads local files and folders only.`, 'cp');

  const endpoint = endpointArgs(values, 'cp', env);
  const checksum = (str('checksum') ?? 'auto') as ChecksumMode;
  if (!CHECKSUMS.includes(checksum))
    throw new UsageError(`--checksum must be auto, crc32, md5 or off (got "${checksum}").`, 'cp');

  // Checked before anything else is resolved from the environment, as the other value checks above.
  const objectOptions = objectOptionsFrom(parsed, 'cp');

  const engine: EngineOptions = {};
  const dataPath = dataPathFrom(values, 'cp');
  if (dataPath) engine.dataPath = dataPath;
  const partSizeArg = str('part-size');
  if (partSizeArg !== undefined) {
    const bytes = parseSize(partSizeArg);
    if (bytes === undefined)
      throw new UsageError(`--part-size "${partSizeArg}" is not a size. Use a form like 8MiB, 16MB or 16777216.`, 'cp');
    // Checked here rather than by the engine, so that the message repeats what was typed ("1KiB", not "0 MiB").
    if (bytes < S3_MIN_PART_SIZE)
      throw new UsageError(
        `--part-size ${partSizeArg} is below S3's minimum part size of 5 MiB. Use --part-size 5MiB or more.`,
        'cp',
      );
    if (bytes > S3_MAX_PART_SIZE)
      throw new UsageError(
        `--part-size ${partSizeArg} is above S3's maximum part size of 5 GiB. Use --part-size 5GiB or less.`,
        'cp',
      );
    engine.partSize = bytes;
  }
  const concurrency = str('concurrency');
  if (concurrency !== undefined) engine.partsPerFile = parseCount(concurrency, 'concurrency', 1, MAX_PARALLEL, 'cp');
  const files = str('files');
  if (files !== undefined) engine.filesInParallel = parseCount(files, 'files', 1, MAX_PARALLEL, 'cp');
  const limit = str('speed-limit');
  if (limit !== undefined) engine.bytesPerSecond = parseSpeedLimit(limit, 'cp');

  const waitNetwork = values['wait-network'] === true;
  Object.assign(engine, unreachableOptions(waitNetwork));

  return {
    sources,
    target: {
      ...endpointFrom(endpoint, env, checksum),
      bucket: location.bucket,
      prefix: location.prefix,
      objectOptions,
    },
    engine,
    stateDir: stateDirFrom(values, env, 'cp'),
    endpointArgs: endpoint,
    waitNetwork,
    followSymlinks: values['follow-symlinks'] === true,
    selection: selectionFrom(parsed, 'cp'),
    json: values.json === true,
    debug: values.debug === true,
  };
}
