// What a `hoist cp` quit by a second Ctrl-C may leave on the server, and the hoist commands that find and remove it.
// The multipart uploads still in the journal are the ones not yet cleaned up (an upload leaves the journal once its
// abort is verified), so their IDs can be named; an upload whose CreateMultipartUpload answer never came has no ID
// anywhere, which is why the listing command always comes first.
import { Journal, type JournalEntry } from '../engine';
import { withoutCredentials, type EndpointArgs } from './endpoint-options';
import { pronoun } from './format';
import { formatS3Url } from './s3-url';
import { shellQuote, type StateDir } from './state-dir';

/** Where one cp run went, as its command line said. */
export interface RunPlace {
  bucket: string;
  prefix: string;
  endpoint: EndpointArgs;
  stateDir: StateDir;
}

export interface LeftUpload {
  key: string;
  uploadId: string;
}

/** Upload IDs named one by one; past that, the listing finds the rest. */
const MAX_NAMED = 10;
/** The journal is read while the user waits for the quit: past this, the lines go out without the IDs. */
const JOURNAL_READ_MS = 300;

/**
 * The run's multipart uploads still in the journal at `stateDir`: to its bucket and endpoint, for one of its keys,
 * started since it began (a journal shared with earlier runs holds theirs too, which `hoist resume` may still want).
 */
export async function uploadsLeft(
  stateDir: string | undefined,
  place: RunPlace,
  keys: ReadonlySet<string>,
  since: number,
): Promise<LeftUpload[]> {
  if (!stateDir) return [];
  const listing = new Journal(stateDir).list().catch((): JournalEntry[] => []);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<JournalEntry[]>((resolve) => (timer = setTimeout(() => resolve([]), JOURNAL_READ_MS)));
  const entries = await Promise.race([listing, late]).finally(() => clearTimeout(timer));
  const endpointUrl = place.endpoint.endpointUrl || undefined;
  return entries
    .filter(
      (e) =>
        e.bucket === place.bucket &&
        keys.has(e.key) &&
        e.startedAt >= since &&
        (withoutCredentials(e.endpointUrl) || undefined) === endpointUrl,
    )
    .map((e) => ({ key: e.key, uploadId: e.uploadId }));
}

/** The options that reach the same server and journal, as words for a command line. */
export function placeFlags(place: Pick<RunPlace, 'endpoint' | 'stateDir'>): string[] {
  const e = place.endpoint;
  return [
    ...(e.endpointUrl ? ['--endpoint-url', shellQuote(e.endpointUrl)] : []),
    ...(e.region ? ['--region', shellQuote(e.region)] : []),
    ...(e.pathStyle === true ? ['--path-style'] : e.pathStyle === false ? ['--no-path-style'] : []),
    ...(e.caBundle ? ['--ca-bundle', shellQuote(e.caBundle)] : []),
    // The account: a profile named by AWS_PROFILE is named here too, since the command may run in another shell.
    ...(e.awsProfile ? ['--profile', shellQuote(e.awsProfile)] : []),
    ...(place.stateDir.explicit ? ['--state-dir', shellQuote(place.stateDir.dir)] : []),
  ];
}

/** The second Ctrl-C's lines: what may remain, how to list it, and how to remove each upload known by its ID. */
export function leftBehindLines(place: RunPlace, uploads: LeftUpload[]): string[] {
  const flags = placeFlags(place);
  const command = (...words: string[]): string => [...words, ...flags].join(' ');
  const ls = command('hoist incomplete ls', shellQuote(formatS3Url(place.bucket, place.prefix)));
  const lines = [
    `hoist: quit before the cleanup finished; partial uploads may remain on the server. List them with: ${ls}`,
  ];
  if (uploads.length === 0) {
    const abort = command(
      'hoist incomplete abort',
      shellQuote(formatS3Url(place.bucket, place.prefix)),
      '--upload-id',
      'ID',
    );
    return [...lines, `hoist: and remove each one with: ${abort}`];
  }
  for (const u of uploads.slice(0, MAX_NAMED)) {
    lines.push(
      `hoist: remove the one of ${u.key} with: ${command('hoist incomplete abort', shellQuote(formatS3Url(place.bucket, u.key)), '--upload-id', shellQuote(u.uploadId))}`,
    );
  }
  const more = uploads.length - MAX_NAMED;
  if (more > 0)
    lines.push(`hoist: … and ${more} more; the listing shows ${pronoun(more, 'its upload ID', 'their upload IDs')}.`);
  return lines;
}
