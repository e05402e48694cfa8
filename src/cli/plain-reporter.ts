// Without --json and without a terminal (logs, CI): one line on stderr per file state change, then a summary.
// Every line goes out through say(), which escapes what a file name or a server message could slip into a log.
import { safeText } from './format';
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
    this.say(this.repeats.pass(v, stateLine(v)));
  }

  rejected(r: Rejection): void {
    this.say(this.repeats.passRejection(r, `hoist: ${r.message}`));
  }

  interrupting(signal: string, action?: InterruptAction): void {
    this.say(interruptLine(signal, this.active, action));
  }

  abandoning(line = abandonLine()): void {
    this.say(line);
  }

  finish(s: Summary): void {
    for (const l of [...this.repeats.closing(), ...summaryLines(s)]) this.say(l);
  }

  private say(line: string | undefined): void {
    if (line) this.err.write(`${safeText(line)}\n`);
  }

  /** Files not yet final, for the "cancelling N uploads" line. */
  private count(previous: UploadStateKind | undefined, next: UploadStateKind): void {
    const open = (k: UploadStateKind | undefined): boolean => k !== undefined && !['done', 'failed', 'cancelled', 'cleanup-failed'].includes(k);
    this.active += (open(next) ? 1 : 0) - (open(previous) ? 1 : 0);
  }
}
