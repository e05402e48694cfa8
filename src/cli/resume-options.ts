// `hoist resume` options, and where each interrupted upload goes: where the journal says, unless the command line
// says otherwise (the server moved, or the first run went through a proxy that is gone).
import { HoistError, validateEndpointUrl, type DataPathKind, type JournalEntry } from '../engine';
import { endpointServer } from '../shared/endpoint-identity';
import { DATA_PATH_OPTIONS, dataPathFrom } from './data-path-option';
import type { Target } from '../shared/target';
import { parseArgs, UsageError, type OptionSpecs } from './args';
import { endpointArgs, ENDPOINT_OPTIONS, withoutCredentials, type EndpointArgs } from './endpoint-options';
import { plural, pronoun } from './format';
import { placeFlags } from './left-behind';
import { resumeCommand, shellQuote, STATE_DIR_OPTIONS, stateDirFrom, type StateDir } from './state-dir';
import { parseSpeedLimit } from './cp-options';

export const RESUME_OPTIONS: OptionSpecs = {
  ...ENDPOINT_OPTIONS,
  ...STATE_DIR_OPTIONS,
  ...DATA_PATH_OPTIONS,
  'from-endpoint': { type: 'string' },
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
  /** --from-endpoint: the override applies to the uploads started on this URL only; the others wait for another run. */
  fromEndpoint?: string;
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
  const override = { ...endpointArgs(values, 'resume', env), ...speedLimitFrom(values['speed-limit']) };
  return {
    stateDir: stateDirFrom(values, env, 'resume'),
    override,
    ...fromEndpointFrom(values['from-endpoint'], override),
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
/** What targetFor reads of a journal entry (a create record has it too). */
export type TargetSource = Pick<
  JournalEntry,
  'endpointUrl' | 'region' | 'forcePathStyle' | 'checksum' | 'profileId' | 'bucket'
> &
  Partial<Pick<JournalEntry, 'objectOptions' | 'partsPerFile' | 'bytesPerSecond'>>;

export function targetFor(entry: TargetSource, override: ResumeOverride): Target {
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
export function endpointUrlFor(entry: Pick<JournalEntry, 'endpointUrl'>, override: EndpointArgs): string | undefined {
  return override.endpointUrl ?? withoutCredentials(entry.endpointUrl);
}

/** --from-endpoint, checked as --endpoint-url is, and only with it: alone it would choose where nothing goes. */
function fromEndpointFrom(value: unknown, override: ResumeOverride): { fromEndpoint?: string } {
  if (typeof value !== 'string') return {};
  if (!value.trim())
    throw new UsageError('--from-endpoint is empty. Give the URL the uploads were started on.', 'resume');
  try {
    validateEndpointUrl(value);
  } catch (err) {
    if (err instanceof HoistError) throw new UsageError(`--from-endpoint: ${err.message}`, 'resume');
    throw err;
  }
  if (override.endpointUrl === undefined)
    throw new UsageError(
      '--from-endpoint needs --endpoint-url: it names the old endpoint whose uploads go to the new one.',
      'resume',
    );
  return { fromEndpoint: value };
}

/** The interrupted uploads one run resumes, and those it leaves in the journal for another (see chooseEntries). */
export interface ResumeChoice {
  resumed: JournalEntry[];
  left: JournalEntry[];
}

/**
 * Which uploads this run resumes. An upload ID exists only on the server that created it, so --endpoint-url may move
 * uploads from one recorded endpoint only: over several, it would resume some of them against a server that does not
 * know them. That is refused before anything is sent (the journal and the server keep everything), unless
 * --from-endpoint chooses which endpoint's uploads move; the others are left as they are, for another run. With
 * --from-endpoint, the uploads recorded at the new URL go there too: a run with --endpoint-url records it for each
 * upload it starts, so after a pause its uploads sit at both URLs, and its hint (resumeHint) names the old one. Without
 * it, uploads at the new URL count as one more endpoint: the journal cannot tell one moved there from one started there.
 */
export function chooseEntries(
  entries: JournalEntry[],
  plan: Pick<ResumePlan, 'override' | 'fromEndpoint' | 'stateDir'>,
): ResumeChoice {
  const newUrl = plan.override.endpointUrl;
  if (newUrl === undefined || entries.length === 0) return { resumed: entries, left: [] };
  const groups = byRecordedEndpoint(entries);
  if (plan.fromEndpoint !== undefined) {
    const chosen = groups.get(endpointServer(plan.fromEndpoint))?.entries;
    if (!chosen)
      throw new UsageError(
        `--from-endpoint ${plan.fromEndpoint} matches no interrupted upload; the journal holds ${describe(groups)}. ` +
          `Give the URL of one of these (uploads started on AWS S3 itself have none: \`${resumeCommand(plan.stateDir)}\` ` +
          `without --endpoint-url resumes them there).`,
        'resume',
      );
    const resumed = new Set([...chosen, ...(groups.get(endpointServer(newUrl))?.entries ?? [])]);
    return { resumed: entries.filter((e) => resumed.has(e)), left: entries.filter((e) => !resumed.has(e)) };
  }
  if (groups.size === 1) return { resumed: entries, left: [] };
  throw new UsageError(
    `hoist resume --endpoint-url ${newUrl} would send every interrupted upload there, but they were started on ` +
      `${groups.size} endpoints: ${describe(groups)}. An upload can only go on at the server it was started on. ` +
      `Add --from-endpoint OLD_URL to send only those started on OLD_URL to ${newUrl}, or run ` +
      `\`${resumeCommand(plan.stateDir)}\` without --endpoint-url to resume every upload where it was started.`,
    'resume',
  );
}

/**
 * The command that goes on with this run's uploads: the same endpoint, region, style, CA bundle and profile, so that
 * they go where this run sent them. A run that moved uploads to --endpoint-url from one other endpoint names that one
 * with --from-endpoint: the uploads it started are recorded at the new URL now, the others still at the old.
 */
export function resumeHint(
  plan: Pick<ResumePlan, 'override' | 'fromEndpoint' | 'stateDir'>,
  resumed: JournalEntry[] = [],
): string {
  const from = plan.fromEndpoint ?? movedFrom(resumed, plan.override.endpointUrl);
  const flags = [
    ...placeFlags({ endpoint: plan.override, stateDir: plan.stateDir }),
    ...(from ? ['--from-endpoint', shellQuote(from)] : []),
  ];
  return ['hoist resume', ...flags].join(' ');
}

/** The one endpoint URL other than newUrl that these uploads were recorded at, if there is exactly one. */
function movedFrom(resumed: JournalEntry[], newUrl: string | undefined): string | undefined {
  if (newUrl === undefined) return undefined;
  const groups = byRecordedEndpoint(resumed);
  groups.delete(endpointServer(newUrl));
  const [only, ...more] = groups.values();
  return more.length === 0 ? only?.url : undefined;
}

/** The line after the summary of a run that left uploads for another (--from-endpoint): how many, where, and how. */
export function leftBehindLine(left: JournalEntry[], stateDir: StateDir): string {
  const n = left.length;
  const they = pronoun(n, 'it', 'them');
  const were = pronoun(n, 'it was', 'they were');
  return (
    `hoist: ${plural(n, 'upload')} left in the journal for another run, as ${were} not started on --from-endpoint: ` +
    `${describe(byRecordedEndpoint(left), false)}. Run \`${resumeCommand(stateDir)}\` to resume ${they} where ${were} started.`
  );
}

interface EndpointGroup {
  /** How the endpoint is named to the user: its URL (never with credentials), or AWS and the region. */
  label: string;
  /** The URL (never with credentials); none for AWS S3 itself. */
  url?: string;
  entries: JournalEntry[];
}

/** The uploads by the endpoint they were started on, in the journal's order. */
function byRecordedEndpoint(entries: JournalEntry[]): Map<string, EndpointGroup> {
  const groups = new Map<string, EndpointGroup>();
  for (const e of entries) {
    // Without an endpoint URL the upload went to AWS, where the region picks the server.
    // One server however its URL was written (credentials, host case, default port, path: endpoint-identity.ts).
    const key = e.endpointUrl ? endpointServer(e.endpointUrl) : `aws ${e.region}`;
    const url = withoutCredentials(e.endpointUrl);
    const label = url || `AWS S3 (${e.region})`;
    const group = groups.get(key) ?? groups.set(key, { label, ...(url ? { url } : {}), entries: [] }).get(key)!;
    group.entries.push(e);
  }
  return groups;
}

function describe(groups: Map<string, EndpointGroup>, noun = true): string {
  const count = (n: number) => (noun ? plural(n, 'upload') : String(n));
  return [...groups.values()].map((g) => `${count(g.entries.length)} on ${g.label}`).join(', ');
}

function speedLimitFrom(value: unknown): { bytesPerSecond?: number } {
  return typeof value === 'string' ? { bytesPerSecond: parseSpeedLimit(value, 'resume') } : {};
}

function dataPathField(dataPath: DataPathKind | undefined): { dataPath?: DataPathKind } {
  return dataPath ? { dataPath } : {};
}
