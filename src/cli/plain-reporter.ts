// Without --json and without a terminal (logs, CI): one line on stderr per file state change, then a summary.
// Every line goes out through say(), which escapes what a file name or a server message could slip into a log.
import { safeText } from './format';
import { interruptLine, outageLine, stateLine } from './messages';
import {
  finalLines,
  newAttempt,
  selectionLines,
  waitsForEndpoint,
  type FileView,
  type InterruptAction,
  type Output,
  type Rejection,
  type Reporter,
  type Selection,
  type Summary,
} from './report';
import { RepeatFolder } from './repeats';
import type { UploadStateKind } from '../shared/upload-state';

/**
 * How long a file waits for an unreachable endpoint before a line says so. Longer than cp's deadline for an endpoint
 * that never answered (UNREACHABLE_AT_START_MS), so that a wrong URL gets one line, the failure's, and a network lost
 * mid-run gets one line while it lasts, not one per attempt.
 */
export const OUTAGE_NOTICE_MS = 5000;

/**
 * How long a file may stay 'completing' before a line says so. A single PUT is 'completing' from its last byte to the
 * server's answer, milliseconds, and its 'done' line follows at once: a 'completing' line for each of a thousand small
 * files said nothing. A multipart upload's CompleteMultipartUpload can take S3 seconds (minutes, for thousands of
 * parts), and a log that shows the last byte sent and then nothing for that long should say what it waits for.
 */
export const COMPLETING_NOTICE_MS = 1000;

export class PlainReporter implements Reporter {
  private active = 0;
  private readonly retries = new Map<string, number>();
  private readonly repeats = new RepeatFolder();
  /** Per file waiting for an unreachable endpoint: since when, and whether its line is out. */
  private readonly outages = new Map<string, { since: number; told: boolean }>();
  /** Per file 'completing' and not yet told: the timer that tells it. */
  private readonly completing = new Map<string, NodeJS.Timeout>();

  constructor(private readonly err: Output) {}

  update(v: FileView, previous: UploadStateKind | undefined): void {
    if (waitsForEndpoint(v.state)) {
      // A Complete whose retry waits for the endpoint is no longer 'completing': its line would be stale.
      this.settleCompleting(v.id);
      this.count(previous, v.state.kind);
      this.noteOutage(v);
      return;
    }
    this.outages.delete(v.id);
    const retriedAgain = newAttempt(this.retries, v);
    if (previous === v.state.kind && !retriedAgain) return;
    this.count(previous, v.state.kind);
    this.settleCompleting(v.id);
    // An upload restored from the journal starts out paused: only a pause that happens now is worth a line.
    if (v.state.kind === 'paused' && previous === undefined) return;
    if (v.state.kind === 'completing') return this.noteCompleting(v);
    this.say(this.repeats.pass(v, stateLine(v)));
  }

  rejected(r: Rejection): void {
    this.say(this.repeats.passRejection(r, `hoist: ${r.message}`));
  }

  selection(s: Selection): void {
    for (const l of selectionLines(s)) this.say(l);
  }

  interrupting(signal: string, action?: InterruptAction): void {
    this.say(interruptLine(signal, this.active, action));
  }

  abandoning(lines: string[]): void {
    for (const l of lines) this.say(l);
  }

  finish(s: Summary): void {
    for (const id of [...this.completing.keys()]) this.settleCompleting(id);
    for (const l of [...this.repeats.closing(), ...finalLines(s)]) this.say(l);
  }

  private noteCompleting(v: FileView): void {
    const line = stateLine(v);
    const timer = setTimeout(() => {
      this.completing.delete(v.id);
      this.say(line);
    }, COMPLETING_NOTICE_MS);
    // The line is news only while the process still runs for something else.
    timer.unref();
    this.completing.set(v.id, timer);
  }

  private settleCompleting(id: string): void {
    const timer = this.completing.get(id);
    if (!timer) return;
    clearTimeout(timer);
    this.completing.delete(id);
  }

  private noteOutage(v: FileView): void {
    const now = Date.now();
    const outage = this.outages.get(v.id) ?? { since: now, told: false };
    this.outages.set(v.id, outage);
    if (outage.told || now - outage.since < OUTAGE_NOTICE_MS) return;
    outage.told = true;
    this.say(outageLine(v, now - outage.since));
  }

  private say(line: string | undefined): void {
    if (line) this.err.write(`${safeText(line)}\n`);
  }

  /** Files not yet final, for the "cancelling N uploads" line. */
  private count(previous: UploadStateKind | undefined, next: UploadStateKind): void {
    const open = (k: UploadStateKind | undefined): boolean =>
      k !== undefined && !['done', 'failed', 'cancelled', 'cleanup-failed'].includes(k);
    this.active += (open(next) ? 1 : 0) - (open(previous) ? 1 : 0);
  }
}
