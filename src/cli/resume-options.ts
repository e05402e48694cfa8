// `hoist resume` options, and where each interrupted upload goes: where the journal says, unless the command line
// says otherwise (the server moved, or the first run went through a proxy that is gone).
import type { DataPathKind, JournalEntry } from '../engine';
import { DATA_PATH_OPTIONS, dataPathFrom } from './data-path-option';
import type { Target } from '../shared/target';
import { parseArgs, UsageError, type OptionSpecs } from './args';
import { endpointArgs, ENDPOINT_OPTIONS, withoutCredentials, type EndpointArgs } from './endpoint-options';
import { STATE_DIR_OPTIONS, stateDirFrom, type StateDir } from './state-dir';
import { parseSpeedLimit } from './cp-options';

export const RESUME_OPTIONS: OptionSpecs = {
  ...ENDPOINT_OPTIONS,
  ...STATE_DIR_OPTIONS,
  ...DATA_PATH_OPTIONS,
  'speed-limit': { type: 'string' },
  'wait-network': { type: 'boolean' },
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export interface ResumePlan {
  stateDir: StateDir;
  /** Replaces the journal's endpoint settings (and, with --speed-limit, its speed limit) for every upload resumed. */
  override: ResumeOverride;
  /** --data-path, when given (else the engine's default). */
  dataPath?: DataPathKind;
  /** --wait-network: an unreachable endpoint is waited for, however long (as for cp). */
  waitNetwork: boolean;
  json: boolean;
  debug: boolean;
}

/** The endpoint options, and the speed limit that replaces each upload's recorded one. */
export type ResumeOverride = EndpointArgs & { bytesPerSecond?: number };

export function resolveResume(argv: string[], env: NodeJS.ProcessEnv): ResumePlan {
  const { positionals, values } = parseArgs(argv, RESUME_OPTIONS, 'resume');
  if (positionals.length > 0) {
    throw new UsageError(
      `hoist resume takes no files or URLs (got "${positionals[0]}"): it continues every interrupted upload in the journal.`,
      'resume',
    );
  }
  return {
    stateDir: stateDirFrom(values, env, 'resume'),
    override: { ...endpointArgs(values, 'resume', env), ...speedLimitFrom(values['speed-limit']) },
    ...dataPathField(dataPathFrom(values, 'resume')),
    waitNetwork: values['wait-network'] === true,
    json: values.json === true,
    debug: values.debug === true,
  };
}

/**
 * The target of one journal entry. Credentials come from the standard AWS chain, as for cp (the journal never holds
 * any). Path-style: --path-style/--no-path-style if given; else the entry's own setting, except that an AWS upload
 * sent to an --endpoint-url gets path-style, as cp would give it.
 */
export function targetFor(entry: JournalEntry, override: ResumeOverride): Target {
  const endpointUrl = endpointUrlFor(entry, override);
  const keptStyle = override.endpointUrl !== undefined && !entry.endpointUrl ? true : entry.forcePathStyle;
  return {
    endpointUrl,
    region: override.region ?? entry.region,
    forcePathStyle: override.pathStyle ?? keptStyle,
    checksum: entry.checksum,
    credentials: undefined,
    ...(override.caBundle ? { caBundle: override.caBundle } : {}),
    // The journal never names credentials: --profile or AWS_PROFILE, as for cp.
    ...(override.awsProfile ? { awsProfile: override.awsProfile } : {}),
    ...(entry.profileId ? { profileId: entry.profileId } : {}),
    bucket: entry.bucket,
    // The key is the journal's; restore() does not derive it from the prefix.
    prefix: '',
    // As cp started it: the same object options (should the upload have to start over), parts per file and speed
    // limit, unless --speed-limit says otherwise. Entries from before these were recorded get the defaults.
    ...(entry.objectOptions ? { objectOptions: entry.objectOptions } : {}),
    ...(entry.partsPerFile ? { partsPerFile: entry.partsPerFile } : {}),
    ...speed(override.bytesPerSecond ?? entry.bytesPerSecond),
  };
}

function speed(bytesPerSecond: number | undefined): { bytesPerSecond?: number } {
  return bytesPerSecond ? { bytesPerSecond } : {};
}

/** Where an entry is resumed: --endpoint-url (checked, never with credentials), else the journal's, without any. */
export function endpointUrlFor(entry: JournalEntry, override: EndpointArgs): string | undefined {
  return override.endpointUrl ?? withoutCredentials(entry.endpointUrl);
}

function speedLimitFrom(value: unknown): { bytesPerSecond?: number } {
  return typeof value === 'string' ? { bytesPerSecond: parseSpeedLimit(value, 'resume') } : {};
}

function dataPathField(dataPath: DataPathKind | undefined): { dataPath?: DataPathKind } {
  return dataPath ? { dataPath } : {};
}
