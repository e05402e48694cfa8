// `hoist resume` options, and where each interrupted upload goes: where the journal says, unless the command line
// says otherwise (the server moved, or the first run went through a proxy that is gone).
import type { DataPathKind, JournalEntry } from '../engine';
import { DATA_PATH_OPTIONS, dataPathFrom } from './data-path-option';
import type { Target } from '../shared/target';
import { parseArgs, UsageError, type OptionSpecs } from './args';
import { endpointArgs, ENDPOINT_OPTIONS, withoutCredentials, type EndpointArgs } from './endpoint-options';
import { STATE_DIR_OPTIONS, stateDirFrom, type StateDir } from './state-dir';

export const RESUME_OPTIONS: OptionSpecs = {
  ...ENDPOINT_OPTIONS,
  ...STATE_DIR_OPTIONS,
  ...DATA_PATH_OPTIONS,
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export interface ResumePlan {
  stateDir: StateDir;
  /** Replaces the journal's endpoint settings for every upload resumed. */
  override: EndpointArgs;
  /** --data-path, when given (else the engine's default). */
  dataPath?: DataPathKind;
  json: boolean;
  debug: boolean;
}

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
    override: endpointArgs(values, 'resume', env),
    ...dataPathField(dataPathFrom(values, 'resume')),
    json: values.json === true,
    debug: values.debug === true,
  };
}

/**
 * The target of one journal entry. Credentials come from the standard AWS chain, as for cp (the journal never holds
 * any). Path-style: --path-style/--no-path-style if given; else the entry's own setting, except that an AWS upload
 * sent to an --endpoint-url gets path-style, as cp would give it.
 */
export function targetFor(entry: JournalEntry, override: EndpointArgs): Target {
  const endpointUrl = endpointUrlFor(entry, override);
  const keptStyle = override.endpointUrl !== undefined && !entry.endpointUrl ? true : entry.forcePathStyle;
  return {
    endpointUrl,
    region: override.region ?? entry.region,
    forcePathStyle: override.pathStyle ?? keptStyle,
    checksum: entry.checksum,
    credentials: undefined,
    ...(override.caBundle ? { caBundle: override.caBundle } : {}),
    ...(entry.profileId ? { profileId: entry.profileId } : {}),
    bucket: entry.bucket,
    // The key is the journal's; restore() does not derive it from the prefix.
    prefix: '',
  };
}

/** Where an entry is resumed: --endpoint-url (checked, never with credentials), else the journal's, without any. */
export function endpointUrlFor(entry: JournalEntry, override: EndpointArgs): string | undefined {
  return override.endpointUrl ?? withoutCredentials(entry.endpointUrl);
}

function dataPathField(dataPath: DataPathKind | undefined): { dataPath?: DataPathKind } {
  return dataPath ? { dataPath } : {};
}
