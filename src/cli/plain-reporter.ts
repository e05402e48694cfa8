// Without --json and without a terminal (logs, CI): one line on stderr per file state change, then a summary.
import { abandonLine, interruptLine, stateLine, summaryLines } from './messages';
import { newAttempt, type FileView, type InterruptAction, type Output, type Rejection, type Reporter, type Summary } from './report';
import { RepeatFolder } from './repeats';
import type { UploadStateKind } from '../shared/upload-state';

export class PlainReporter implements Reporter {
  private active = 0;
  private readonly retries = new Map<string, number>();
  private readonly repeats = new RepeatFolder();

  constructor(private readonly err: Output) {}

  update(v: FileView, previous: UploadStateKind | undefined): void {
    const retriedAgain = newAttempt(this.retries, v);
    if (previous === v.state.kind && !retriedAgain) return;
    this.count(previous, v.state.kind);
    // An upload restored from the journal starts out paused: only a pause that happens now is worth a line.
    if (v.state.kind === 'paused' && previous === undefined) return;
    const line = this.repeats.pass(v, stateLine(v));
    if (line) this.err.write(`${line}\n`);
  }

  rejected(r: Rejection): void {
    const line = this.repeats.passRejection(r, `hoist: ${r.message}`);
    if (line) this.err.write(`${line}\n`);
  }

  interrupting(signal: string, action?: InterruptAction): void {
    this.err.write(`${interruptLine(signal, this.active, action)}\n`);
  }

  abandoning(line = abandonLine()): void {
    this.err.write(`${line}\n`);
  }

  finish(s: Summary): void {
    for (const l of [...this.repeats.closing(), ...summaryLines(s)]) this.err.write(`${l}\n`);
  }

  /** Files not yet final, for the "cancelling N uploads" line. */
  private count(previous: UploadStateKind | undefined, next: UploadStateKind): void {
    const open = (k: UploadStateKind | undefined): boolean => k !== undefined && !['done', 'failed', 'cancelled', 'cleanup-failed'].includes(k);
    this.active += (open(next) ? 1 : 0) - (open(previous) ? 1 : 0);
  }
}
