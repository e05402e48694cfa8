// The local history of finished uploads: one JSON file in the state folder, newest first, at most HISTORY_LIMIT
// entries. Writes are batched (a thousand small files finishing together make one or two writes, not a thousand)
// and each replaces the file atomically (temp file, fsync, rename), so a kill never leaves half a history. Each write
// reads the file again and merges, so that the app and a CLI sharing a state folder do not drop each other's entries.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from '../fs/atomic-write';
import { isHistoryEntry, matchesWords, searchWords, type HistoryEntry, type HistoryQuery } from './history-entry';

export const HISTORY_LIMIT = 10_000;
const FILE_NAME = 'history.json';

interface HistoryFile {
  version: 1;
  /** Newest first. */
  entries: HistoryEntry[];
}

export interface HistoryStoreOptions {
  /** Entries kept; the oldest go first. Default HISTORY_LIMIT. */
  limit?: number;
  /** How long new entries wait to be written with the ones that follow. Default 500 ms. */
  flushDelayMs?: number;
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

  constructor(
    private readonly stateDir: string,
    options: HistoryStoreOptions = {},
  ) {
    this.file = join(stateDir, FILE_NAME);
    this.limit = options.limit ?? HISTORY_LIMIT;
    this.flushDelayMs = options.flushDelayMs ?? 500;
  }

  /** How many times the file has been written by this store (a thousand records must not mean a thousand writes). */
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
    const all = this.merged(await this.read(), this.pending);
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
      const entries = this.merged(await this.read(), this.pending.slice(0, batch));
      await this.writeAtomically(JSON.stringify({ version: 1, entries } satisfies HistoryFile));
      this.pending = this.pending.slice(batch);
    };
    this.writing = this.writing.then(step, step);
    return this.writing;
  }

  close(): Promise<void> {
    return this.flush();
  }

  /** Newest first, one entry per id, at most `limit`. */
  private merged(stored: HistoryEntry[], added: HistoryEntry[]): HistoryEntry[] {
    const byId = new Map<string, HistoryEntry>();
    for (const e of [...stored, ...added]) byId.set(e.id, e);
    return [...byId.values()].sort((a, b) => b.finishedAt - a.finishedAt).slice(0, this.limit);
  }

  /** The file's entries; a missing or unreadable file is an empty history, and a malformed entry is skipped. */
  private async read(): Promise<HistoryEntry[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return [];
    }
    try {
      const parsed = JSON.parse(text) as Partial<HistoryFile>;
      return Array.isArray(parsed.entries) ? parsed.entries.filter(isHistoryEntry) : [];
    } catch {
      return [];
    }
  }

  private async writeAtomically(body: string): Promise<void> {
    await writeFileAtomically(this.stateDir, FILE_NAME, body);
    this.writes++;
  }
}
