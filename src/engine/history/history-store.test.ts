// The history log: bounded to its limit (newest kept) by rare compactions, batched appends that never rewrite what is
// on disk, torn lines skipped, two writers appending side by side, the old history.json imported, and search by key,
// bucket and profile name.
import { appendFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isHistoryEntry, type HistoryEntry } from './history-entry';
import { HISTORY_LIMIT, HistoryStore } from './history-store';

let dir: string;
let log: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoist-history-'));
  log = join(dir, 'history.jsonl');
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

/** The log's lines as written on disk (the text after the last "\n" is not a line yet). */
async function lines(): Promise<string[]> {
  const text = await readFile(log, 'utf8');
  return text.split('\n').slice(0, -1);
}

/** The ids of the log's lines, in file order; every line must be a valid entry. */
async function idsOnDisk(): Promise<string[]> {
  return (await lines()).map((line) => {
    const parsed: unknown = JSON.parse(line);
    expect(isHistoryEntry(parsed)).toBe(true);
    return (parsed as HistoryEntry).id;
  });
}

describe('HistoryStore', () => {
  it('keeps the newest HISTORY_LIMIT (10,000) entries, newest first, across reopenings, and compacts the file', async () => {
    const store = new HistoryStore(dir);
    for (let n = 0; n < HISTORY_LIMIT + 250; n++) store.record(entry(n));
    await store.close();
    const again = new HistoryStore(dir);
    const all = await again.list();
    expect(all).toHaveLength(HISTORY_LIMIT);
    expect(all[0]!.id).toBe(`id-${HISTORY_LIMIT + 249}`);
    expect(all.at(-1)!.id).toBe('id-250');
    // Appended whole: the file is compacted only once it may hold 1.5 × the limit.
    const onDisk = await idsOnDisk();
    expect(onDisk).toHaveLength(HISTORY_LIMIT + 250);
    expect(store.fileWrites).toBe(1);

    // Many more batches: each is an append, and now and then a compaction keeps the file bounded.
    const batch = 1000;
    let n = HISTORY_LIMIT + 250;
    let maxLines = 0;
    for (let b = 0; b < 12; b++) {
      for (let i = 0; i < batch; i++) again.record(entry(n++));
      await again.flush();
      maxLines = Math.max(maxLines, (await lines()).length);
    }
    expect(maxLines).toBeLessThanOrEqual(1.5 * HISTORY_LIMIT + batch);
    // 12 appends plus at least one compaction (12,000 more entries cannot fit under 1.5 × the limit).
    expect(again.fileWrites).toBeGreaterThan(12);
    const newest = await new HistoryStore(dir).list();
    expect(newest).toHaveLength(HISTORY_LIMIT);
    expect(newest[0]!.id).toBe(`id-${n - 1}`);
    expect(newest.at(-1)!.id).toBe(`id-${n - HISTORY_LIMIT}`);
  });

  it('lets each new run append to a full history without reading or rewriting it, and still keeps it bounded', async () => {
    const first = new HistoryStore(dir);
    for (let n = 0; n < HISTORY_LIMIT; n++) first.record(entry(n));
    await first.close();
    // Runs of 1,000 files, each a process of its own (a store of its own): each appends its batch, and only the run
    // that takes the file past 1.5 × the limit compacts it (1 append + 1 rewrite), back to the newest 10,000.
    let n = HISTORY_LIMIT;
    const writes: number[] = [];
    const sizes: number[] = [];
    for (let run = 0; run < 8; run++) {
      const store = new HistoryStore(dir);
      for (let i = 0; i < 1000; i++) store.record(entry(n++));
      await store.close();
      writes.push(store.fileWrites);
      sizes.push((await lines()).length);
    }
    expect(writes).toEqual([1, 1, 1, 1, 1, 2, 1, 1]);
    expect(sizes).toEqual([11_000, 12_000, 13_000, 14_000, 15_000, 10_000, 11_000, 12_000]);
    const newest = await new HistoryStore(dir).list();
    expect(newest).toHaveLength(HISTORY_LIMIT);
    expect(newest[0]!.id).toBe(`id-${n - 1}`);
  });

  it('compacts a small limit only past 1 MiB, then keeps the newest `limit`', async () => {
    const store = new HistoryStore(dir, { limit: 100 });
    for (let n = 0; n < 3000; n++) store.record(entry(n));
    await store.flush();
    // ~0.5 MB: appended, not compacted, but listed within the limit.
    expect(await lines()).toHaveLength(3000);
    expect(await store.list()).toHaveLength(100);
    // ~1.5 MB now: this append is followed by a compaction.
    for (let n = 3000; n < 9000; n++) store.record(entry(n));
    await store.flush();
    expect(store.fileWrites).toBe(3);
    expect(await idsOnDisk()).toEqual(Array.from({ length: 100 }, (_, i) => `id-${8900 + i}`));
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
    expect(await readdir(dir)).toEqual(['history.jsonl']);
    expect(await lines()).toHaveLength(1000);
    expect((await stat(log)).mode & 0o777).toBe(0o600);
  });

  it('appends a batch without rewriting the entries already on disk', async () => {
    const first = new HistoryStore(dir);
    for (let n = 0; n < 500; n++) first.record(entry(n));
    await first.close();
    const before = await readFile(log);
    const { ino } = await stat(log);

    const store = new HistoryStore(dir);
    for (let n = 500; n < 510; n++) store.record(entry(n));
    await store.close();
    expect(store.fileWrites).toBe(1);
    const after = await readFile(log);
    expect((await stat(log)).ino).toBe(ino);
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    expect(await idsOnDisk()).toHaveLength(510);
  });

  it('skips a torn last line, and the next append still starts on a line of its own', async () => {
    const store = new HistoryStore(dir);
    store.record(entry(1));
    await store.close();
    // What a kill in the middle of an append leaves.
    await appendFile(log, JSON.stringify(entry(2)).slice(0, 40));
    expect((await new HistoryStore(dir).list()).map((e) => e.id)).toEqual(['id-1']);

    const next = new HistoryStore(dir);
    next.record(entry(3));
    await next.close();
    const onDisk = await lines();
    expect(onDisk).toHaveLength(3);
    expect(onDisk[1]).toBe(JSON.stringify(entry(2)).slice(0, 40));
    expect(JSON.parse(onDisk[2]!)).toEqual(entry(3));
    expect((await new HistoryStore(dir).list()).map((e) => e.id)).toEqual(['id-3', 'id-1']);
  });

  it('skips blank, malformed and invalid lines, and lets the later line of an id win', async () => {
    await writeFile(
      log,
      [
        JSON.stringify(entry(7)),
        '',
        '{"id":"x"}',
        'not json',
        JSON.stringify(entry(8)),
        JSON.stringify(entry(7, { key: 'later.jpg' })),
      ].join('\n') + '\n',
    );
    const all = await new HistoryStore(dir).list();
    expect(all.map((e) => [e.id, e.key])).toEqual([
      ['id-8', 'trip/img-8.jpg'],
      ['id-7', 'later.jpg'],
    ]);
  });

  it('lists every entry of two stores writing to one folder (the app and a CLI)', async () => {
    const app = new HistoryStore(dir);
    const cli = new HistoryStore(dir);
    app.record(entry(1));
    cli.record(entry(2));
    await cli.close();
    await app.close();
    expect((await new HistoryStore(dir).list()).map((e) => e.id)).toEqual(['id-2', 'id-1']);

    // Interleaved batches, flushed at the same time.
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 50; i++) {
        app.record(entry(1000 + round * 100 + i));
        cli.record(entry(1000 + round * 100 + 50 + i));
      }
      await Promise.all([app.flush(), cli.flush()]);
    }
    expect(await idsOnDisk()).toHaveLength(1002);
    const ids = (await new HistoryStore(dir).list()).map((e) => e.id);
    expect(ids).toHaveLength(1002);
    expect(new Set(ids).size).toBe(1002);
  });

  it('imports an old history.json once, merged with the log, and removes it', async () => {
    // Newest first, as the old format kept them; one malformed entry.
    const old = { version: 1, entries: [entry(12), { id: 'broken' }, entry(11), entry(10)] };
    await writeFile(join(dir, 'history.json'), JSON.stringify(old));
    await writeFile(log, `${JSON.stringify(entry(13))}\n`);
    const store = new HistoryStore(dir);
    expect((await store.list()).map((e) => e.id)).toEqual(['id-13', 'id-12', 'id-11', 'id-10']);
    expect(await readdir(dir)).toEqual(['history.jsonl']);
    expect(await idsOnDisk()).toEqual(['id-10', 'id-11', 'id-12', 'id-13']);

    store.record(entry(14));
    await store.close();
    expect((await new HistoryStore(dir).list()).map((e) => e.id)).toEqual([
      'id-14',
      'id-13',
      'id-12',
      'id-11',
      'id-10',
    ]);
  });

  it('imports an old history.json on the first write too, and drops a damaged one', async () => {
    await writeFile(join(dir, 'history.json'), JSON.stringify({ version: 1, entries: [entry(5)] }));
    const store = new HistoryStore(dir);
    store.record(entry(6));
    await store.close();
    expect(await readdir(dir)).toEqual(['history.jsonl']);
    expect(await idsOnDisk()).toEqual(['id-5', 'id-6']);

    await writeFile(join(dir, 'history.json'), '{"version":1,"entries":[{"id":"x"},');
    expect((await new HistoryStore(dir).list()).map((e) => e.id)).toEqual(['id-6', 'id-5']);
    expect(await readdir(dir)).toEqual(['history.jsonl']);
  });

  it('keeps entries waiting when the folder cannot be written, and writes them on the next try', async () => {
    const blocked = join(dir, 'state');
    await writeFile(blocked, 'a file where the folder should be');
    const store = new HistoryStore(blocked);
    store.record(entry(1));
    await expect(store.flush()).rejects.toThrow();
    expect((await store.list()).map((e) => e.id)).toEqual(['id-1']);
    await rm(blocked);
    await store.close();
    expect(store.fileWrites).toBe(1);
    expect((await new HistoryStore(blocked).list()).map((e) => e.id)).toEqual(['id-1']);
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
});
