// `hoist cp` options: declared once, parsed, checked and turned into the engine's options and the upload target.
// Everything here is a usage problem (exit 2) when wrong; nothing touches the network or the files.
import { HoistError, validateEndpointUrl, validatePartSize, type EngineOptions } from '../engine/index';
import type { ChecksumMode, Target } from '../shared/target';
import { parseArgs, parseCount, UsageError, type OptionSpecs } from './args';
import { isS3Url, parseS3Url } from './s3-url';
import { parseSize } from './sizes';

export const CP_OPTIONS: OptionSpecs = {
  'endpoint-url': { type: 'string' },
  region: { type: 'string' },
  'path-style': { type: 'boolean' },
  'part-size': { type: 'string' },
  concurrency: { type: 'string' },
  files: { type: 'string' },
  checksum: { type: 'string' },
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export interface CpPlan {
  sources: string[];
  target: Target;
  engine: EngineOptions;
  json: boolean;
  debug: boolean;
}

const CHECKSUMS: readonly ChecksumMode[] = ['auto', 'crc32', 'off'];
const MAX_PARALLEL = 1000;

/** True when argv asks for `hoist cp --help` (checked before anything else, so --help works with bad arguments). */
export function wantsHelp(argv: string[]): boolean {
  const dashDash = argv.indexOf('--');
  const opts = dashDash >= 0 ? argv.slice(0, dashDash) : argv;
  return opts.includes('--help') || opts.includes('-h');
}

export function resolveCp(argv: string[], env: NodeJS.ProcessEnv): CpPlan {
  const { positionals, values } = parseArgs(argv, CP_OPTIONS, 'cp');
  const str = (name: string): string | undefined => values[name] as string | undefined;

  if (positionals.length === 0) throw new UsageError('No files or target given. Use: hoist cp <file|dir>... s3://bucket/prefix/', 'cp');
  const targetArg = positionals[positionals.length - 1]!;
  const sources = positionals.slice(0, -1);
  if (!isS3Url(targetArg)) {
    const hint = positionals.find(isS3Url) ? ' The s3:// target must come last.' : '';
    throw new UsageError(`Target "${targetArg}" is not an S3 URL. Give the destination last, as s3://bucket/prefix/.${hint}`, 'cp');
  }
  const location = parseS3Url(targetArg);
  if ('error' in location) throw new UsageError(location.error, 'cp');
  if (sources.length === 0) throw new UsageError(`No files or folders given to upload to ${targetArg}.`, 'cp');
  const s3Source = sources.find(isS3Url);
  if (s3Source) throw new UsageError(`Source "${s3Source}" is an S3 URL; hoist cp uploads local files and folders only.`, 'cp');

  const endpointUrl = str('endpoint-url');
  if (endpointUrl !== undefined) {
    if (!endpointUrl.trim()) throw new UsageError('--endpoint-url is empty. Give a URL like http://127.0.0.1:9000.', 'cp');
    asUsage(() => validateEndpointUrl(endpointUrl));
  }
  const region = str('region') || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
  const pathStyle = values['path-style'] as boolean | undefined;
  const checksum = (str('checksum') ?? 'auto') as ChecksumMode;
  if (!CHECKSUMS.includes(checksum)) throw new UsageError(`--checksum must be auto, crc32 or off (got "${checksum}").`, 'cp');

  const engine: EngineOptions = {};
  const partSizeArg = str('part-size');
  if (partSizeArg !== undefined) {
    const bytes = parseSize(partSizeArg);
    if (bytes === undefined) throw new UsageError(`--part-size "${partSizeArg}" is not a size. Use a form like 8MiB, 16MB or 16777216.`, 'cp');
    asUsage(() => validatePartSize(bytes));
    engine.partSize = bytes;
  }
  const concurrency = str('concurrency');
  if (concurrency !== undefined) engine.partsPerFile = parseCount(concurrency, 'concurrency', 1, MAX_PARALLEL, 'cp');
  const files = str('files');
  if (files !== undefined) engine.filesInParallel = parseCount(files, 'files', 1, MAX_PARALLEL, 'cp');

  return {
    sources,
    target: {
      endpointUrl: endpointUrl || undefined,
      region,
      // S3-compatible servers (MinIO, Ceph, moto, ...) mostly need path-style addressing; AWS itself does not.
      forcePathStyle: pathStyle ?? endpointUrl !== undefined,
      checksum,
      credentials: undefined,
      bucket: location.bucket,
      prefix: location.prefix,
    },
    engine,
    json: values.json === true,
    debug: values.debug === true,
  };
}

function asUsage(check: () => void): void {
  try {
    check();
  } catch (err) {
    if (err instanceof HoistError) throw new UsageError(err.message, 'cp');
    throw err;
  }
}
