// When a whole batch fails for one reason (a wrong secret, a missing bucket), people need that reason once, not once
// per file: the first file to fail for it gets its line, the others are counted for one line at the end. Files
// arrive one by one or all at once; either way the count is the same. Machines still get every file (--json stdout).
import { plural } from './format';
import type { FileView, Rejection } from './report';

export class RepeatFolder {
  /** Per reason (code and message, exactly): the code, and how many files failed for it after the first. */
  private readonly reasons = new Map<string, { code: string; repeats: number }>();

  /** `line` for this file's state, or undefined when the file failed for a reason whose line is already out. */
  pass(v: FileView, line: string | undefined): string | undefined {
    const s = v.state;
    // A cleanup that failed names the upload ID to abort later: that line is never folded away.
    if (s.kind !== 'failed' || s.cleanup === 'failed') return line;
    return this.once(s.error.code, s.error.message, line);
  }

  passRejection(r: Rejection, line: string): string | undefined {
    return this.once(r.code, r.message, line);
  }

  /** One line per reason that repeated: an ellipsis, then "and 299 more files failed for the same reason (...)." */
  closing(): string[] {
    return [...this.reasons.values()]
      .filter((r) => r.repeats > 0)
      .map((r) => `… and ${plural(r.repeats, 'more file')} failed for the same reason (${r.code}).`);
  }

  private once(code: string, message: string, line: string | undefined): string | undefined {
    const key = `${code}\n${message}`;
    const seen = this.reasons.get(key);
    if (!seen) {
      this.reasons.set(key, { code, repeats: 0 });
      return line;
    }
    seen.repeats++;
    return undefined;
  }
}
