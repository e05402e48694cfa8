// What the reporters get: one view per file as the engine's events arrive, the sources the engine refused, and a
// summary at the end. Reporters only print; the cp command decides the exit code.
import type { UploadState, UploadStateKind } from '../shared/upload-state';
import { plural } from './format';
import { summaryLines } from './messages';
import { formatS3Url } from './s3-url';
import { digitGroups } from '../shared/digit-groups';

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

export interface FileView {
  id: string;
  /** The local file as the user named it: "photos/a.jpg", or "album/2024/b.jpg" for a file inside the folder "album". */
  file: string;
  bucket: string;
  key: string;
  total: number;
  /** Bytes the server has confirmed (what a pause keeps there). */
  confirmed: number;
  /** confirmed plus bytes in flight. */
  loaded: number;
  bytesPerSecond: number;
  etaSeconds: number | null;
  state: UploadState;
}

export interface Rejection {
  /** The local path the engine could not take. */
  file: string;
  bucket: string;
  key?: string;
  code: string;
  message: string;
}

export interface Summary {
  /** Files the engine took (rejections not included). */
  files: number;
  done: number;
  failed: number;
  /** Cancelled with the server left clean (verified or nothing to clean). */
  cancelled: number;
  /** Cancelled, but the abort could not be confirmed. */
  cleanupFailed: number;
  rejected: number;
  /** Bytes of the files that arrived. */
  bytesDone: number;
  /** Bytes this run sent for the files that arrived (less than bytesDone when parts were already on the server). */
  bytesSent?: number;
  /** A `hoist resume` run: the summary says what was sent, not just what arrived. */
  resumed?: boolean;
  elapsedMs: number;
  /** The run was stopped by SIGINT or SIGTERM. */
  interrupted: boolean;
  /** Files left paused, their parts kept on the server for a later `hoist resume`. */
  paused?: number;
  /** Set when the interruption paused rather than cancelled: the command that continues. */
  resumeCommand?: string;
  /** Files not sent because their object is already the same (--skip-unchanged). */
  upToDate?: number;
  /** Files left out by an exclude pattern (the defaults or --exclude). */
  excluded?: number;
}

/** A file --skip-unchanged did not send: its object at key has the same size and checksum. */
export interface UpToDate {
  file: string;
  bucket: string;
  key: string;
}

/** A file an exclude pattern left out; `named`: the user named it on the command line (not found in a folder). */
export interface Excluded {
  file: string;
  pattern: string;
  named: boolean;
}

/** Which files were left out of the upload before it began: told once, before the first file's line. */
export interface Selection {
  upToDate: UpToDate[];
  excluded: Excluded[];
}

/** What the first Ctrl-C does: cp cancels and cleans up; resume pauses, keeping the parts. */
export type InterruptAction = 'cancel' | 'pause';

export interface Reporter {
  /** A file's state or progress changed. `previous` is the state kind last seen, or undefined for a new file. */
  update(view: FileView, previous: UploadStateKind | undefined): void;
  rejected(r: Rejection): void;
  /** The files not sent: up to date, or excluded. Called once, before the uploads, and only when there are some. */
  selection(s: Selection): void;
  /** The first Ctrl-C (or SIGTERM): everything is being cancelled (or paused). */
  interrupting(signal: string, action?: InterruptAction): void;
  /** The second Ctrl-C: the process exits now, before the cleanup finished. Must write synchronously. */
  abandoning(lines: string[]): void;
  finish(summary: Summary): void;
}

export function isFinal(kind: UploadStateKind): boolean {
  return kind === 'done' || kind === 'failed' || kind === 'cancelled' || kind === 'cleanup-failed';
}

export function isMoving(kind: UploadStateKind): boolean {
  return kind === 'starting' || kind === 'uploading' || kind === 'retrying' || kind === 'completing';
}

/** Where a command writes and what it reads from its environment; tests pass their own. */
export interface CliIo {
  stdout: Output;
  stderr: Output;
  env: NodeJS.ProcessEnv;
}

/** A retry that waits for an endpoint that cannot be reached: said once per outage, not once per attempt. */
export function waitsForEndpoint(state: UploadState): state is Extract<UploadState, { kind: 'retrying' }> {
  return state.kind === 'retrying' && state.reasonCode === 'EndpointUnreachable';
}

/** True the first time a given retry attempt of a file is seen (the engine repeats 'retrying' with progress). */
export function newAttempt(seen: Map<string, number>, v: FileView): boolean {
  if (v.state.kind !== 'retrying') return false;
  if (seen.get(v.id) === v.state.attempt) return false;
  seen.set(v.id, v.state.attempt);
  return true;
}

/**
 * The summary's lines with what was not sent: "N files up to date", "N files excluded". A run that had nothing to
 * send because everything is up to date says so, rather than "nothing to upload".
 */
export function finalLines(s: Summary): string[] {
  const upToDate = s.upToDate ?? 0;
  const excluded = s.excluded ?? 0;
  if (s.interrupted || s.resumed) return summaryLines(s);
  const notSent: string[] = [];
  if (upToDate > 0) notSent.push(`${plural(upToDate, 'file')} up to date (not sent)`);
  if (excluded > 0) notSent.push(`${plural(excluded, 'file')} excluded`);
  if (s.files + s.rejected === 0) {
    if (upToDate > 0) return [`Nothing to upload: ${notSent.join('; ')}.`];
    if (excluded > 0) return [`Nothing to upload: ${notSent.join('; ')} (--include brings files back).`];
    return summaryLines(s);
  }
  const lines = summaryLines(s);
  if (notSent.length > 0) lines.push(`${capitalised(notSent.join('; '))}.`);
  return lines;
}

/** The lines for people about what was left out: each up-to-date file, then the excluded ones by pattern. */
export function selectionLines(s: Selection, perPattern = EXCLUDED_NAMED_PER_PATTERN): string[] {
  const col = (word: string): string => word.padEnd(11);
  const lines = s.upToDate.map((u) => `${col('up to date')} ${u.file}  ${formatS3Url(u.bucket, u.key)}`);
  for (const e of s.excluded.filter((x) => x.named))
    lines.push(
      `${col('excluded')} ${e.file}  (named on the command line, but it matches "${e.pattern}"; --include '${e.pattern}' sends it)`,
    );
  const byPattern = new Map<string, Excluded[]>();
  for (const e of s.excluded.filter((x) => !x.named))
    byPattern.set(e.pattern, [...(byPattern.get(e.pattern) ?? []), e]);
  for (const [pattern, files] of byPattern) {
    for (const e of files.slice(0, perPattern)) lines.push(`${col('excluded')} ${e.file}  (matches "${pattern}")`);
    const more = files.length - perPattern;
    if (more > 0) lines.push(`${col('excluded')} … and ${digitGroups(more)} more matching "${pattern}"`);
  }
  return lines;
}

/** Excluded files named one by one for each pattern, before a count of the rest (a tree can hold thousands). */
const EXCLUDED_NAMED_PER_PATTERN = 10;

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
