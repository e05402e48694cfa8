// --json: one JSON object per line on stdout (progress, then one final line per file); errors also go to stderr as
// one line each, so a script can log them as they are. Neither stream carries a control character raw: stdout is
// jsonLine() (escaped, the same JSON), stderr goes through say() (escaped for people).
import { jsonLine, safeText } from './format';
import { errorLine, summaryLines } from './messages';
import {
  isFinal,
  isMoving,
  type FileView,
  type Output,
  type Rejection,
  type Reporter,
  type Selection,
  type Summary,
} from './report';
import { RepeatFolder } from './repeats';
import type { UploadStateKind } from '../shared/upload-state';

export class JsonReporter implements Reporter {
  private readonly lastLoaded = new Map<string, number>();
  /** Folds stderr only: stdout keeps one final object per file, which scripts rely on. */
  private readonly repeats = new RepeatFolder();

  constructor(
    private readonly out: Output,
    private readonly err: Output,
  ) {}

  update(v: FileView, previous: UploadStateKind | undefined): void {
    const kind = v.state.kind;
    if (isFinal(kind)) {
      this.line(finalRecord(v));
      this.say(this.repeats.pass(v, errorLine(v)));
      return;
    }
    // Paused by a Ctrl-C during `hoist resume` (an upload restored from the journal starts paused: no line for that).
    if (kind === 'paused' && previous !== undefined && previous !== 'paused') {
      this.line({ type: 'paused', key: v.key, loaded: v.confirmed, total: v.total });
      return;
    }
    if (isMoving(kind) && this.lastLoaded.get(v.id) !== v.loaded) {
      this.lastLoaded.set(v.id, v.loaded);
      this.line({
        type: 'progress',
        key: v.key,
        file: v.file,
        loaded: v.loaded,
        total: v.total,
        bytesPerSecond: Math.round(v.bytesPerSecond),
      });
    }
  }

  rejected(r: Rejection): void {
    this.line({ type: 'failed', key: r.key ?? r.file, error: { code: r.code, message: r.message } });
    this.say(this.repeats.passRejection(r, `hoist: ${r.message}`));
  }

  /** One line per file not sent: "up-to-date" (its object is the same) and "excluded" (with the pattern). */
  selection(s: Selection): void {
    for (const u of s.upToDate) this.line({ type: 'up-to-date', key: u.key, file: u.file });
    for (const e of s.excluded)
      this.line({ type: 'excluded', file: e.file, pattern: e.pattern, ...(e.named ? { named: true } : {}) });
  }

  interrupting(): void {
    // The cancelled lines say it all on stdout; stderr hears about it once the cleanup is known.
  }

  abandoning(lines: string[]): void {
    for (const l of lines) this.say(l);
  }

  finish(s: Summary): void {
    for (const l of this.repeats.closing()) this.say(l);
    if (s.interrupted) for (const l of summaryLines(s)) this.say(l);
  }

  private line(record: Record<string, unknown>): void {
    this.out.write(jsonLine(record));
  }

  private say(line: string | undefined): void {
    if (line) this.err.write(`${safeText(line)}\n`);
  }
}

/** The one final line for a file, in the shape the README documents. */
export function finalRecord(v: FileView): Record<string, unknown> {
  const s = v.state;
  switch (s.kind) {
    case 'done':
      return { type: 'done', key: v.key, etag: s.etag, bytesSent: s.bytesSent };
    case 'failed': {
      const rec: Record<string, unknown> = {
        type: 'failed',
        key: v.key,
        error: { code: s.error.code, message: s.error.message },
      };
      if (s.cleanup === 'failed') Object.assign(rec, { cleanup: 'failed', uploadId: s.uploadId });
      return rec;
    }
    case 'cancelled':
      return s.cleanup === 'object-kept'
        ? { type: 'cancelled', key: v.key, cleanup: 'verified', objectKept: true }
        : { type: 'cancelled', key: v.key, cleanup: 'verified' };
    case 'cleanup-failed':
      return {
        type: 'cancelled',
        key: v.key,
        cleanup: 'failed',
        uploadId: s.uploadId,
        error: { code: s.error.code, message: s.error.message },
      };
    default:
      throw new Error(`finalRecord called for a ${s.kind} item`);
  }
}
