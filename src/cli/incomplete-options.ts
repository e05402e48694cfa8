// `hoist incomplete ls|abort s3://bucket[/prefix]` options. Which uploads an abort takes must be said explicitly
// (--all, --older-than or --upload-id), since an abort destroys parts someone may still mean to complete.
import { parseAge } from '../engine';
import type { Endpoint } from '../shared/target';
import { parseArgs, UsageError, type OptionSpecs } from './args';
import { endpointArgs, endpointFrom, ENDPOINT_OPTIONS } from './endpoint-options';
import { isS3Url, parseS3Url } from './s3-url';
import { STATE_DIR_OPTIONS, stateDirFrom, type StateDir } from './state-dir';

const COMMON: OptionSpecs = {
  ...ENDPOINT_OPTIONS,
  ...STATE_DIR_OPTIONS,
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export const INCOMPLETE_OPTIONS: Record<'ls' | 'abort', OptionSpecs> = {
  ls: COMMON,
  abort: { ...COMMON, all: { type: 'boolean' }, 'older-than': { type: 'string' }, 'upload-id': { type: 'string' } },
};

export type Selection =
  | { kind: 'all' }
  /** Uploads initiated more than `ms` ago; `text` is what the user typed (7d). */
  | { kind: 'older-than'; ms: number; text: string }
  | { kind: 'upload-id'; uploadId: string };

export interface IncompletePlan {
  action: 'ls' | 'abort';
  endpoint: Endpoint;
  bucket: string;
  /** '' for the whole bucket. */
  prefix: string;
  stateDir: StateDir;
  /** Only for abort. */
  selection?: Selection;
  json: boolean;
  debug: boolean;
}

const CMD = 'incomplete';

export function resolveIncomplete(argv: string[], env: NodeJS.ProcessEnv): IncompletePlan {
  const [action, ...rest] = argv;
  if (action === undefined)
    throw new UsageError(
      'Say what to do: hoist incomplete ls s3://bucket/ or hoist incomplete abort s3://bucket/ --all.',
      CMD,
    );
  if (action !== 'ls' && action !== 'abort')
    throw new UsageError(`Unknown subcommand "${action}". Use ls or abort.`, CMD);
  const { positionals, values } = parseArgs(rest, INCOMPLETE_OPTIONS[action], CMD);

  if (positionals.length === 0)
    throw new UsageError(`No bucket given. Use: hoist incomplete ${action} s3://bucket[/prefix]`, CMD);
  if (positionals.length > 1)
    throw new UsageError(`Give one s3://bucket[/prefix] (got ${positionals.length} arguments).`, CMD);
  const url = positionals[0]!;
  if (!isS3Url(url)) throw new UsageError(`"${url}" is not an S3 URL. Use s3://bucket or s3://bucket/prefix.`, CMD);
  const location = parseS3Url(url);
  if ('error' in location) throw new UsageError(location.error, CMD);

  return {
    action,
    endpoint: endpointFrom(endpointArgs(values, CMD, env), env),
    bucket: location.bucket,
    prefix: location.prefix,
    stateDir: stateDirFrom(values, env, CMD),
    ...(action === 'abort' ? { selection: selectionFrom(values) } : {}),
    json: values.json === true,
    debug: values.debug === true,
  };
}

function selectionFrom(values: Record<string, string | boolean | undefined>): Selection {
  const all = values.all === true;
  const olderThan = values['older-than'] as string | undefined;
  const uploadId = values['upload-id'] as string | undefined;
  const given = [all, olderThan !== undefined, uploadId !== undefined].filter(Boolean).length;
  if (given !== 1) {
    const why = given === 0 ? 'Say which uploads to abort' : 'Give only one';
    throw new UsageError(`${why}: --all, --older-than DURATION (e.g. 7d) or --upload-id ID.`, CMD);
  }
  if (all) return { kind: 'all' };
  if (olderThan !== undefined) {
    const ms = parseAge(olderThan);
    if (ms === null)
      throw new UsageError(
        `--older-than "${olderThan}" is not a duration. Use a number of days, hours or minutes: 7d, 12h, 30m.`,
        CMD,
      );
    return { kind: 'older-than', ms, text: olderThan.trim() };
  }
  if (!uploadId!.trim()) throw new UsageError('--upload-id is empty. Give the ID that hoist incomplete ls shows.', CMD);
  return { kind: 'upload-id', uploadId: uploadId! };
}

/** Whether an upload is one the selection names. `now` in ms since the epoch. */
export function selects(selection: Selection, upload: { uploadId: string; initiated: string }, now: number): boolean {
  switch (selection.kind) {
    case 'all':
      return true;
    case 'upload-id':
      return upload.uploadId === selection.uploadId;
    case 'older-than': {
      // An upload whose age the server did not say is never taken for an old one.
      const at = Date.parse(upload.initiated);
      return Number.isFinite(at) && now - at >= selection.ms;
    }
  }
}
