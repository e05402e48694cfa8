// What the reporters get: one view per file as the engine's events arrive, the sources the engine refused, and a
// summary at the end. Reporters only print; the cp command decides the exit code.
import type { UploadState, UploadStateKind } from '../shared/upload-state';

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
}

/** What the first Ctrl-C does: cp cancels and cleans up; resume pauses, keeping the parts. */
export type InterruptAction = 'cancel' | 'pause';

export interface Reporter {
  /** A file's state or progress changed. `previous` is the state kind last seen, or undefined for a new file. */
  update(view: FileView, previous: UploadStateKind | undefined): void;
  rejected(r: Rejection): void;
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
