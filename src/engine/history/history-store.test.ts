// The history file: bounded to its limit (newest kept), batched writes, atomic replacement, merging with another
// writer, and search by key, bucket and profile name.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryEntry } from './history-entry';
import { HISTORY_LIMIT, HistoryStore } from './history-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoist-history-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function entry(n: number, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: `id-${n}`,
    bucket: 'photos',
    key: `trip/img-${n}.jpg`,
    size: n,
    etag: `"etag-${n}"`,
    finishedAt: 1_700_000_000_000 + n,
    region: 'us-east-1',
    forcePathStyle: true,
    ...extra,
  };
}

describe('HistoryStore', () => {
  it('keeps the newest HISTORY_LIMIT (10,000) entries, newest first, across reopenings', async () => {
    const store = new HistoryStore(dir);
    for (let n = 0; n < HISTORY_LIMIT + 250; n++) store.record(entry(n));
    await store.close();
    const again = new HistoryStore(dir);
    const all = await again.list();
    expect(all).toHaveLength(HISTORY_LIMIT);
    expect(all[0]!.id).toBe(`id-${HISTORY_LIMIT + 249}`);
    expect(all.at(-1)!.id).toBe('id-250');
    again.record(entry(HISTORY_LIMIT + 250));
    await again.close();
    const file = JSON.parse(await readFile(join(dir, 'history.json'), 'utf8')) as { entries: HistoryEntry[] };
    expect(file.entries).toHaveLength(HISTORY_LIMIT);
    expect(file.entries.map((e) => e.id)).not.toContain('id-250');
  });

  it('writes a thousand entries recorded together in one write, and leaves no temp file', async () => {
    const store = new HistoryStore(dir, { flushDelayMs: 50 });
    for (let n = 0; n < 1000; n++) store.record(entry(n));
    // Listed before the write: what is waiting counts too.
    expect(await store.list({ limit: 3 })).toHaveLength(3);
    await new Promise((r) => setTimeout(r, 200));
    expect(store.fileWrites).toBe(1);
    expect(await new HistoryStore(dir).list()).toHaveLength(1000);
    await store.close();
    expect(store.fileWrites).toBe(1);
    expect(await readdir(dir)).toEqual(['history.json']);
  });

  it('merges with entries another process wrote meanwhile', async () => {
    const app = new HistoryStore(dir);
    const cli = new HistoryStore(dir);
    app.record(entry(1));
    cli.record(entry(2));
    await cli.close();
    await app.close();
    expect((await new HistoryStore(dir).list()).map((e) => e.id)).toEqual(['id-2', 'id-1']);
  });

  it('searches words in the key, the bucket and the profile name, in any case', async () => {
    const store = new HistoryStore(dir);
    store.record(entry(1, { key: 'Reports/Q3.pdf', bucket: 'finance', profileId: 'p-work' }));
    store.record(entry(2, { key: 'trip/beach.jpg', bucket: 'photos', profileId: 'p-home' }));
    store.record(entry(3, { key: 'trip/q3-notes.txt', bucket: 'photos' }));
    const names: Record<string, string> = { 'p-work': 'Work R2', 'p-home': 'Home MinIO' };
    const ids = async (words: string) =>
      (await store.list({ words, profileName: (id) => names[id] })).map((e) => e.id).sort();
    expect(await ids('q3')).toEqual(['id-1', 'id-3']);
    expect(await ids('photos trip')).toEqual(['id-2', 'id-3']);
    expect(await ids('minio')).toEqual(['id-2']);
    expect(await ids('FINANCE q3')).toEqual(['id-1']);
    expect(await ids('nothing-like-this')).toEqual([]);
    expect(await ids('  ')).toEqual(['id-1', 'id-2', 'id-3']);
    expect((await store.get('id-2'))?.key).toBe('trip/beach.jpg');
  });

  it('reads a damaged file as an empty history and skips malformed entries', async () => {
    await writeFile(join(dir, 'history.json'), '{"version":1,"entries":[{"id":"x"},');
    expect(await new HistoryStore(dir).list()).toEqual([]);
    await writeFile(join(dir, 'history.json'), JSON.stringify({ version: 1, entries: [{ id: 'x' }, entry(7)] }));
    expect((await new HistoryStore(dir).list()).map((e) => e.id)).toEqual(['id-7']);
  });
});
