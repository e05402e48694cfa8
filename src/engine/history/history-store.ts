// The local history of finished uploads: an append log in the state folder, `history.jsonl`, one entry per line,
// oldest first, bounded to about HISTORY_LIMIT entries. It used to be one JSON document rewritten whole on every
// batched write; with a full history (10,000 entries, ~3 MB) that was tens of ms of CPU per write, several writes a
// second during a run of small files (~0.1 s of CPU per 1,000 uploaded files, 7% of the upload's CPU, even on a fresh
// state folder). Now a write appends only the new lines, so it costs O(new entries).
//
// Writes are batched (a thousand small files finishing together make one append, not a thousand) and each batch goes
// in ONE write() on a file opened with O_APPEND, so the app and a CLI sharing a state folder can both append without
// merging: the kernel puts each write whole at the end of the file, and readers keep one entry per id. A kill can
// leave a torn last line; readers skip any line that is not a valid entry, and the next append starts on a fresh
// line. Appends are not fsynced: a power cut may cost the last batch of history lines, never an upload.
//
// Compaction keeps the file bounded: when it has grown past a threshold, it is read and, if it holds more than
// `limit` lines, replaced atomically (temp file, fsync, rename) by the newest `limit` entries.
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from '../fs/atomic-write';
import { isHistoryEntry, matchesWords, searchWords, type HistoryEntry, type HistoryQuery } from './history-entry';

export const HISTORY_LIMIT = 10_000;
const LOG_NAME = 'history.jsonl';
/** The old format ({version: 1, entries: newest first}); imported into the log once, then removed. */
const OLD_NAME = 'history.json';
/** Below this the file is never compacted: reading it is cheap, and a small limit must not mean frequent rewrites. */
const MIN_COMPACT_BYTES = 1024 * 1024;
/**
 * The file may grow to this times its size after a compaction (or this times `limit` lines) before the next one: about
 * once per limit/2 entries.
 */
const COMPACT_GROWTH = 1.5;
const NEWLINE = 0x0a;

export interface HistoryStoreOptions {
  /** Entries kept; the oldest go first. Default HISTORY_LIMIT. */
  limit?: number;
  /** How long new entries wait to be written with the ones that follow. Default 500 ms. */
  flushDelayMs?: number;
}

interface LogContents {
  /** Newest first, one per id (the later line wins). */
  entries: HistoryEntry[];
  /** Non-blank lines, valid or not: what compaction would drop duplicates and damage from. */
  lines: number;
}

export class HistoryStore {
  private readonly file: string;
  private readonly limit: number;
  private readonly flushDelayMs: number;
  private pending: HistoryEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Writes run one after another, so that an older one can never land after a newer one. */
  private writing: Promise<void> = Promise.resolve();
  private writes = 0;
  /** The old history.json import, run once per store before the first read or write. */
  private migration: Promise<void> | undefined;
  /**
   * The size past which the next append checks for compaction. Unset until the first append, which estimates it from
   * its own lines' mean length: the size of COMPACT_GROWTH x limit such lines. Neither a fixed size (every run of the
   * CLI would then read and rewrite a full history at its first write: about 0.1 s of CPU per run with 10,000 entries,
   * 7% of a run of 1,000 small files) nor the size at first sight (a series of short runs, each appending less than half
   * the file, would grow it without bound) would do.
   */
  private compactAt: number | undefined;

  constructor(
    private readonly stateDir: string,
    options: HistoryStoreOptions = {},
  ) {
    this.file = join(stateDir, LOG_NAME);
    this.limit = options.limit ?? HISTORY_LIMIT;
    this.flushDelayMs = options.flushDelayMs ?? 500;
  }

  /** How many times the file has been written (appends and rewrites): a thousand records must not mean a thousand. */
  get fileWrites(): number {
    return this.writes;
  }

  /** Adds an entry; it is written with the others that arrive within flushDelayMs, or at flush() / close(). */
  record(entry: HistoryEntry): void {
    this.pending.push(entry);
    this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), this.flushDelayMs);
  }

  /** Entries matching the query, newest first: what the file holds plus what is still waiting to be written. */
  async list(query: HistoryQuery = {}): Promise<HistoryEntry[]> {
    // A failed import is retried by the next write; meanwhile the log alone is listed.
    await this.migrate().catch(() => undefined);
    const all = this.merged((await this.read()).entries, this.pending);
    const words = searchWords(query.words);
    const found = words.length ? all.filter((e) => matchesWords(e, words, query.profileName)) : all;
    return query.limit !== undefined ? found.slice(0, query.limit) : found;
  }

  async get(id: string): Promise<HistoryEntry | undefined> {
    return (await this.list()).find((e) => e.id === id);
  }

  /** Writes whatever is waiting. Rejects if the file cannot be written (the entries stay waiting for the next try). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const step = async () => {
      // Kept in `pending` until written, so that a list() during the write still sees them.
      const batch = this.pending.length;
      if (batch === 0) return;
      await this.migrate();
      const { size, bytes } = await this.append(this.pending.slice(0, batch));
      this.pending = this.pending.slice(batch);
      // A failed compaction rejects too, but the batch is on disk already (not appended again); the next flush retries.
      this.compactAt ??= Math.max(MIN_COMPACT_BYTES, (COMPACT_GROWTH * this.limit * bytes) / batch);
      if (size > this.compactAt) await this.compact();
    };
    this.writing = this.writing.then(step, step);
    return this.writing;
  }

  close(): Promise<void> {
    return this.flush();
  }

  /** Newest first, one entry per id (the later wins), at most `limit`. */
  private merged(stored: HistoryEntry[], added: HistoryEntry[]): HistoryEntry[] {
    const byId = new Map<string, HistoryEntry>();
    for (const e of [...stored, ...added]) byId.set(e.id, e);
    return [...byId.values()].sort((a, b) => b.finishedAt - a.finishedAt).slice(0, this.limit);
  }

  /** The log's entries; a missing or unreadable file is an empty history, and a blank or malformed line is skipped. */
  private async read(): Promise<LogContents> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return { entries: [], lines: 0 };
    }
    const entries: HistoryEntry[] = [];
    let lines = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      lines++;
      try {
        const parsed: unknown = JSON.parse(line);
        if (isHistoryEntry(parsed)) entries.push(parsed);
      } catch {
        // A torn line (a kill in the middle of an append) or damage: the rest of the history still counts.
      }
    }
    return { entries: this.merged(entries, []), lines };
  }

  /** Appends the entries in one write; returns the file's size after it, and the bytes of the entries' lines. */
  private async append(entries: HistoryEntry[]): Promise<{ size: number; bytes: number }> {
    await mkdir(this.stateDir, { recursive: true });
    // 'a+' (O_APPEND, readable) rather than 'a': the last byte tells whether a kill left a torn line.
    const fh = await open(this.file, 'a+', 0o600);
    try {
      const { size } = await fh.stat();
      let torn = false;
      if (size > 0) {
        const { buffer, bytesRead } = await fh.read(Buffer.alloc(1), 0, 1, size - 1);
        torn = bytesRead === 1 && buffer[0] !== NEWLINE;
      }
      const text = entries.map((e) => `${JSON.stringify(e)}\n`).join('');
      const body = Buffer.from(torn ? `\n${text}` : text, 'utf8');
      // One write() call (not fh.appendFile, which writes in chunks that another appender could interleave with); the
      // loop only matters for a short write, which regular files do not do short of a full disk.
      let done = 0;
      while (done < body.length) done += (await fh.write(body, done)).bytesWritten;
      this.writes++;
      return { size: (await fh.stat()).size, bytes: body.length - (torn ? 1 : 0) };
    } finally {
      await fh.close();
    }
  }

  /**
   * Replaces the log by its newest `limit` entries if it holds more lines than that. Race: an entry another process
   * appends between this read and the rename is lost. That is rare (a window of a few ms once per ~limit/2 entries)
   * and costs a history line, never an upload.
   */
  private async compact(): Promise<void> {
    const { entries, lines } = await this.read();
    if (lines > this.limit) await this.rewrite(entries);
    // Measured again rather than computed: another writer may have appended meanwhile.
    const size = await stat(this.file).then(
      (s) => s.size,
      () => 0,
    );
    this.compactAt = Math.max(MIN_COMPACT_BYTES, COMPACT_GROWTH * size);
  }

  /** Writes `newestFirst` (at most `limit` of them) as the whole log, oldest first, atomically. */
  private async rewrite(newestFirst: HistoryEntry[]): Promise<void> {
    const lines = newestFirst.slice(0, this.limit).reverse();
    await writeFileAtomically(this.stateDir, LOG_NAME, lines.map((e) => `${JSON.stringify(e)}\n`).join(''));
    this.writes++;
  }

  /** Runs the history.json import once; a failure lets the next call try again. */
  private migrate(): Promise<void> {
    this.migration ??= this.importOldFile().catch((err: unknown) => {
      this.migration = undefined;
      throw err;
    });
    return this.migration;
  }

  /**
   * Moves the entries of an old history.json into the log (merged with what the log already holds), then removes it.
   * A kill between the two steps only means importing it again, which the one-entry-per-id merge makes harmless.
   */
  private async importOldFile(): Promise<void> {
    const oldFile = join(this.stateDir, OLD_NAME);
    let text: string;
    try {
      text = await readFile(oldFile, 'utf8');
    } catch {
      return; // None (the usual case), or another process has just imported it.
    }
    let imported: HistoryEntry[] = [];
    try {
      const parsed = JSON.parse(text) as { entries?: unknown };
      if (Array.isArray(parsed.entries)) imported = parsed.entries.filter(isHistoryEntry);
    } catch {
      // A damaged old file holds nothing to import; it is removed all the same.
    }
    // The log's lines are the newer ones, so they win over the old file's for the same id.
    const entries = this.merged(imported, (await this.read()).entries);
    if (entries.length > 0) await this.rewrite(entries);
    await rm(oldFile, { force: true });
  }
}
