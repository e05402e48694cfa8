// Lines for logs, pipes and scripts, written one turn of the event loop at a time. Without a terminal the CLI says a
// line or two per file (plain-reporter.ts, or --json's objects on stdout), and a write() of its own for each line cost
// about 3% of the CPU of 1,000 small files. Both streams share one queue, so lines keep their order across stdout and
// stderr too (for a reader of 2>&1); a turn's lines go out at the start of the next, so a log lags the uploads by one
// turn at most. flush() sends what is left (the command calls it before it returns, and at the process's exit).
import type { Output } from './report';

export class OutputBatch {
  private pending: { out: Output; text: string }[] = [];

  /** out, written through this batch. */
  wrap(out: Output): Output {
    return { write: (text: string) => this.add(out, text), isTTY: out.isTTY, columns: out.columns, rows: out.rows };
  }

  flush(): void {
    const pending = this.pending;
    if (pending.length === 0) return;
    this.pending = [];
    // One write per run of lines to the same stream.
    let from = 0;
    for (let i = 1; i <= pending.length; i++) {
      if (i < pending.length && pending[i]!.out === pending[from]!.out) continue;
      pending[from]!.out.write(
        pending
          .slice(from, i)
          .map((p) => p.text)
          .join(''),
      );
      from = i;
    }
  }

  private add(out: Output, text: string): boolean {
    if (this.pending.length === 0) setImmediate(() => this.flush());
    this.pending.push({ out, text });
    return true;
  }
}
