// Without --json on a terminal: live bars on stderr, one per active file plus an overall one, redrawn at most ten
// times a second. Lines for finished files scroll above the bars, so the terminal keeps a log of what happened.
// Hoist's own cursor sequences are the only control characters written: every line, name and status is safeText()ed
// first (the names before they are cut to width, so that the cut is of what is shown).
import { interruptLine, stateLine } from './messages';
import { bar, fitStart, formatBytes, formatEta, formatRate, padEnd, percent, plural, safeText } from './format';
import {
  finalLines,
  isFinal,
  selectionLines,
  newAttempt,
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

const REDRAW_MS = 100;
const ESC = '\x1b[';
const HIDE_CURSOR = `${ESC}?25l`;
const SHOW_CURSOR = `${ESC}?25h`;

export class TtyReporter implements Reporter {
  private readonly files = new Map<string, FileView>();
  private readonly log: string[] = [];
  private readonly retries = new Map<string, number>();
  private readonly repeats = new RepeatFolder();
  private drawnLines = 0;
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private status = '';
  private doneBytes = 0;
  private doneCount = 0;
  private finalCount = 0;
  private readonly restoreCursor = (): void => {
    this.err.write(SHOW_CURSOR);
  };

  constructor(private readonly err: Output) {
    this.err.write(HIDE_CURSOR);
    // Whatever ends the process, the cursor comes back.
    process.once('exit', this.restoreCursor);
  }

  update(v: FileView, _previous: UploadStateKind | undefined): void {
    const kind = v.state.kind;
    if (isFinal(kind)) {
      this.files.delete(v.id);
      this.finalCount++;
      if (kind === 'done') {
        this.doneBytes += v.total;
        this.doneCount++;
      }
      const line = this.repeats.pass(v, stateLine(v));
      if (line) this.log.push(line);
      this.redrawNow();
      return;
    }
    this.files.set(v.id, v);
    // Waiting for an endpoint shows as one line under the bars, redrawn in place (waitingLine), not a line per attempt.
    if (newAttempt(this.retries, v) && !waitsForEndpoint(v.state)) {
      const line = stateLine(v);
      if (line) this.log.push(line);
    }
    this.schedule();
  }

  rejected(r: Rejection): void {
    const line = this.repeats.passRejection(r, `hoist: ${r.message}`);
    if (line) this.log.push(line);
    this.redrawNow();
  }

  selection(s: Selection): void {
    this.log.push(...selectionLines(s));
    this.redrawNow();
  }

  interrupting(signal: string, action?: InterruptAction): void {
    this.status = interruptLine(signal, this.files.size, action);
    this.redrawNow();
  }

  abandoning(lines: string[]): void {
    this.clear();
    this.err.write(`${lines.map((l) => `${safeText(l)}\n`).join('')}${SHOW_CURSOR}`);
  }

  finish(s: Summary): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.status = '';
    this.files.clear();
    this.log.push(...this.repeats.closing(), ...finalLines(s));
    this.redrawNow();
    this.err.write(SHOW_CURSOR);
    process.removeListener('exit', this.restoreCursor);
  }

  private schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.dirty) this.redrawNow();
      else {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    }, REDRAW_MS);
    this.timer.unref();
  }

  private clear(): void {
    // Back to the first bar line, then erase everything below it.
    if (this.drawnLines > 0) this.err.write(`${ESC}${this.drawnLines}F${ESC}J`);
    this.drawnLines = 0;
  }

  private redrawNow(): void {
    this.dirty = false;
    // A pseudo-terminal may report 0 × 0.
    const width = Math.max(40, (this.err.columns || 80) - 1);
    const rows = Math.max(4, (this.err.rows || 24) - 2);
    let text = '';
    for (const line of this.log.splice(0)) text += `${safeText(line)}\n`;
    const bars = this.barLines(width, rows);
    this.clear();
    this.err.write(text + bars.map((l) => `${l}\n`).join(''));
    this.drawnLines = bars.length;
  }

  private barLines(width: number, rows: number): string[] {
    const all = [...this.files.values()];
    const moving = all.filter((v) => v.state.kind !== 'queued');
    if (all.length === 0 && !this.status) return [];
    const lines: string[] = [];
    const room = Math.max(1, rows - 2);
    const shown = moving.length > room ? moving.slice(0, room - 1) : moving;
    for (const v of shown)
      lines.push(row(v.file, v.loaded, v.total, v.bytesPerSecond, v.etaSeconds, v.state.kind, width));
    if (shown.length < moving.length) lines.push(`… and ${moving.length - shown.length} more uploading`);
    let loaded = this.doneBytes;
    let total = this.doneBytes;
    let speed = 0;
    for (const v of all) {
      loaded += v.loaded;
      total += v.total;
      speed += v.bytesPerSecond;
    }
    const eta = speed > 0 ? (total - loaded) / speed : null;
    const label = `Total ${formatBytes(loaded)}/${formatBytes(total)}`;
    const files = `${this.doneCount}/${this.finalCount + all.length} done`;
    lines.push(row(label, loaded, total, speed, eta, files, width));
    const waiting = waitingLine(all);
    if (waiting) lines.push(cut(safeText(waiting), width));
    if (this.status) lines.push(cut(safeText(this.status), width));
    return lines;
  }
}

/**
 * "Waiting for 2 files (3 tries so far): Cannot reach …", while files wait for an unreachable endpoint; the count first,
 * as the line is cut to the terminal's width. Redrawn only when an event comes, so it counts the tries rather than
 * the seconds to the next one.
 */
function waitingLine(files: FileView[]): string | undefined {
  const waiting = files.map((v) => v.state).filter(waitsForEndpoint);
  if (waiting.length === 0) return undefined;
  const tries = Math.max(...waiting.map((s) => s.attempt));
  return `Waiting for ${plural(waiting.length, 'file')} (${plural(tries, 'try', 'tries')} so far): ${waiting[0]!.reason}`;
}

const STATE_WIDTH = 10;

/** name  ███░░░  45%  12.0 MiB/s  0:03  uploading */
function row(
  name: string,
  loaded: number,
  total: number,
  bps: number,
  eta: number | null,
  state: string,
  width: number,
): string {
  const pct = `${Math.floor(percent(loaded, total))}%`.padStart(4);
  const tail = `${pct}  ${formatRate(bps).padStart(12)}  ${formatEta(eta).padStart(7)}  `;
  const nameWidth = Math.max(12, Math.min(40, Math.floor(width * 0.32)));
  const barWidth = Math.max(5, width - nameWidth - tail.length - Math.max(STATE_WIDTH, state.length) - 4);
  return cut(
    `${padEnd(fitStart(safeText(name), nameWidth), nameWidth)}  ${bar(percent(loaded, total) / 100, barWidth)}  ${tail}${state}`,
    width,
  );
}

function cut(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : chars.slice(0, width).join('');
}
