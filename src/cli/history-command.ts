// `hoist history`: the uploads that finished, newest first, from the history the engine keeps in the state folder
// (the last 10,000), with a search by words in the key or bucket.
import { HISTORY_LIMIT, UploadEngine, type HistoryEntry } from '../engine';
import { parseArgs, UsageError, type OptionSpecs } from './args';
import { EXIT_OK } from './cp-command';
import { wantsHelp } from './cp-options';
import { formatBytes, jsonLine, padEnd, safeText } from './format';
import type { CliIo } from './report';
import { formatS3Url } from './s3-url';
import { STATE_DIR_OPTIONS, stateDirFrom } from './state-dir';
import { digitGroups } from '../shared/digit-groups';

export const HISTORY_SUMMARY = 'list finished uploads, newest first';
export const HISTORY_HELP = `Usage: hoist history [SEARCH...] [options]

Lists the uploads that finished, newest first: when, size and where. Hoist
keeps the last ${digitGroups(HISTORY_LIMIT)} in the state folder (hoist cp and the app each
add theirs). SEARCH words must all appear in the key or the bucket (any case).
Make a download link for one with \`hoist share s3://bucket/key\`.

Options:
  --limit N             show the newest N (default 50; --json: all)
  --state-dir DIR       the state folder; default as for hoist resume
  --json                one JSON object per line on stdout: {"type":"upload",
                        bucket, key, size, etag, finishedAt (ISO 8601),
                        endpointUrl, region}
  --debug               print stack traces for unexpected errors
  -h, --help            show this help

Exit status: 0 listed (an empty history too); 2 usage error.
`;

const CMD = 'history';
const DEFAULT_LIMIT = 50;

const HISTORY_OPTIONS: OptionSpecs = {
  ...STATE_DIR_OPTIONS,
  limit: { type: 'string' },
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

function parseLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 1)
    throw new UsageError(`--limit "${text}" is not a whole number of 1 or more. Give how many uploads to show.`, CMD);
  return Math.min(Number(text), HISTORY_LIMIT);
}

export async function runHistory(argv: string[], io: CliIo): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout.write(HISTORY_HELP);
    return EXIT_OK;
  }
  const { positionals, values } = parseArgs(argv, HISTORY_OPTIONS, CMD);
  const json = values.json === true;
  const limit = parseLimit(values.limit as string | undefined) ?? (json ? undefined : DEFAULT_LIMIT);
  const words = positionals.join(' ');
  const stateDir = stateDirFrom(values, io.env, CMD).dir;
  const engine = new UploadEngine({ stateDir });
  let found: HistoryEntry[];
  let total: number;
  try {
    const all = await engine.history({ words });
    total = all.length;
    found = limit !== undefined ? all.slice(0, limit) : all;
  } finally {
    await engine.close();
  }
  if (json) {
    for (const e of found) io.stdout.write(jsonLine(jsonRecord(e)));
  } else if (found.length > 0) {
    io.stdout.write(table(found));
  }
  if (total === 0) {
    io.stderr.write(
      words.trim()
        ? `No upload in the history matches "${safeText(words.trim())}".\n`
        : `No uploads in the history yet (${safeText(stateDir)}).\n`,
    );
  } else if (!json && total > found.length) {
    io.stderr.write(`Showing the newest ${found.length} of ${total}; use --limit N for more.\n`);
  }
  return EXIT_OK;
}

function jsonRecord(e: HistoryEntry): Record<string, unknown> {
  return {
    type: 'upload',
    bucket: e.bucket,
    key: e.key,
    size: e.size,
    etag: e.etag,
    finishedAt: new Date(e.finishedAt).toISOString(),
    ...(e.endpointUrl ? { endpointUrl: e.endpointUrl } : {}),
    region: e.region,
    ...(e.profileId ? { profileId: e.profileId } : {}),
  };
}

/** FINISHED, SIZE, OBJECT: the URL last, as it can be long. Keys come from outside, so their controls are escaped. */
function table(entries: HistoryEntry[]): string {
  const rows = [
    ['FINISHED', 'SIZE', 'OBJECT'],
    ...entries.map((e) => [
      new Date(e.finishedAt).toISOString().replace(/\.\d+Z$/, 'Z'),
      formatBytes(e.size),
      safeText(formatS3Url(e.bucket, e.key)),
    ]),
  ];
  const widths = [0, 1].map((c) => Math.max(...rows.map((r) => [...r[c]!].length)));
  return rows.map((r) => [padEnd(r[0]!, widths[0]!), r[1]!.padStart(widths[1]!), r[2]!].join('  ')).join('\n') + '\n';
}
