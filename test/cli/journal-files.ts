// The CLI tests' view of a journal folder (--state-dir): the entries the engine would read, and every file left in it.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Journal, type JournalEntry } from '../../src/engine/journal/journal-store';

export function journalEntries(stateDir: string): Promise<JournalEntry[]> {
  return new Journal(stateDir).list();
}

/** Every file name in <stateDir>/uploads (entries and any stray temp file), or [] when there is no such folder. */
export async function journalFiles(stateDir: string): Promise<string[]> {
  return readdir(join(stateDir, 'uploads')).catch(() => []);
}
