import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal, machineBootedAt, ownedByAnotherLiveProcess, thisProcess, type JournalEntry } from './journal-store';
import { DEFAULT_OBJECT_OPTIONS } from '../../shared/object-options';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function journal(): Promise<[Journal, string]> {
  const dir = await mkdtemp(join(tmpdir(), 'hoist-journal-'));
  dirs.push(dir);
  return [new Journal(dir), dir];
}
const entry = (uploadId: string, parts = 0): JournalEntry => ({
  version: 1,
  path: '/f',
  size: 10,
  mtimeMs: 1,
  region: 'us-east-1',
  forcePathStyle: true,
  checksum: 'auto',
  bucket: 'b',
  key: 'k',
  uploadId,
  partSize: 5,
  parts: Array.from({ length: parts }, (_, i) => ({ partNumber: i + 1, etag: `"e${i}"` })),
  startedAt: Date.now(),
});

describe('Journal', () => {
  it('keeps create records apart from the entries: list() and unreadableEntries() never see them', async () => {
    const [j, dir] = await journal();
    const record = {
      version: 1 as const,
      path: '/f',
      region: 'us-east-1',
      forcePathStyle: true,
      checksum: 'auto' as const,
      bucket: 'b',
      key: 'k',
      sentAt: 5_000,
      owner: thisProcess(),
    };
    await j.write(entry('u1'));
    await j.writeCreate(record);
    await j.writeCreate({ ...record, sentAt: 4_000 });
    await writeFile(join(dir, 'uploads', 'damaged.create'), '{"version":1,');
    await writeFile(join(dir, 'uploads', 'other.create'), JSON.stringify({ ...record, bucket: '' }));
    expect((await j.list()).map((e) => e.uploadId)).toEqual(['u1']);
    expect(await j.unreadableEntries()).toEqual([]);
    expect((await j.creates()).map((r) => r.sentAt)).toEqual([4_000, 5_000]);
    await j.removeCreate(record);
    expect((await j.creates()).map((r) => r.sentAt)).toEqual([4_000]);
  });

  it('names the entry files it cannot read, and lists the rest', async () => {
    const [j, dir] = await journal();
    await j.write(entry('u1'));
    await writeFile(join(dir, 'uploads', 'damaged.json'), '{"version":1,"uploadId":');
    await writeFile(join(dir, 'uploads', 'newer.json'), JSON.stringify({ ...entry('u2'), version: 2 }));
    expect((await j.list()).map((e) => e.uploadId)).toEqual(['u1']);
    expect(await j.unreadableEntries()).toEqual([
      join(dir, 'uploads', 'damaged.json'),
      join(dir, 'uploads', 'newer.json'),
    ]);
  });

  it('keeps one entry per upload and the latest write of each', async () => {
    const [j] = await journal();
    await Promise.all([j.write(entry('u1', 1)), j.write(entry('u1', 2)), j.write(entry('u2'))]);
    const list = await j.list();
    expect(list.map((e) => [e.uploadId, e.parts.length])).toEqual([
      ['u1', 2],
      ['u2', 0],
    ]);
  });

  it('forgets a removed entry', async () => {
    const [j] = await journal();
    await j.write(entry('u1'));
    await j.remove(entry('u1'));
    expect(await j.list()).toEqual([]);
  });

  it('keeps the object options, speed limit and parts per file; loads entries written before them', async () => {
    const [j] = await journal();
    const objectOptions = { ...DEFAULT_OBJECT_OPTIONS, tags: [{ key: 'k', value: 'v' }], acl: 'private' as const };
    await j.write({ ...entry('new'), objectOptions, bytesPerSecond: 1024, partsPerFile: 3 });
    await j.write(entry('old'));
    const [newer, older] = [...(await j.list())].sort((a, b) => a.uploadId.localeCompare(b.uploadId));
    expect(newer).toMatchObject({ uploadId: 'new', objectOptions, bytesPerSecond: 1024, partsPerFile: 3 });
    expect(older!.uploadId).toBe('old');
    expect(older!.objectOptions).toBeUndefined();
  });

  it('skips an entry whose options are not the shape Hoist writes (a resume must not guess them)', async () => {
    const [j] = await journal();
    await j.write({ ...entry('bad'), objectOptions: { contentType: 'text/plain' } as never });
    await j.write({ ...entry('slow'), bytesPerSecond: -1 });
    await j.write(entry('ok'));
    expect((await j.list()).map((e) => e.uploadId)).toEqual(['ok']);
  });

  it('skips files that are not entries instead of failing', async () => {
    const [j, dir] = await journal();
    await j.write(entry('u1'));
    await writeFile(join(dir, 'uploads', 'garbage.json'), '{"trunc');
    await writeFile(join(dir, 'uploads', '.x.json.123.tmp'), 'half');
    expect((await j.list()).map((e) => e.uploadId)).toEqual(['u1']);
  });

  it('leaves no temp files behind and writes no credentials', async () => {
    const [j, dir] = await journal();
    await j.write(entry('u1'));
    const names = await readdir(join(dir, 'uploads'));
    expect(names.every((n) => n.endsWith('.json') && !n.startsWith('.'))).toBe(true);
  });

  it('two journals on one folder can write the same entry at once', async () => {
    const [a, dir] = await journal();
    const b = new Journal(dir);
    const writes = Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).write(entry('u1', i)));
    await expect(Promise.all(writes)).resolves.toBeDefined();
    expect((await a.list()).map((e) => e.uploadId)).toEqual(['u1']);
  });

  it('removes temp files a killed write left behind, but not young ones', async () => {
    const [j, dir] = await journal();
    await j.write(entry('u1'));
    const old = join(dir, 'uploads', '.x.json.123.1.tmp');
    const young = join(dir, 'uploads', '.y.json.123.2.tmp');
    await writeFile(old, 'half');
    await writeFile(young, 'half');
    const hourAgo = new Date(Date.now() - 3600_000);
    await utimes(old, hourAgo, hourAgo);
    await j.list();
    expect((await readdir(join(dir, 'uploads'))).sort()).toEqual(
      ['.y.json.123.2.tmp', Journal.fileName(entry('u1'))].sort(),
    );
  });

  it('says why its folder cannot be listed, where list() finds it empty; a folder not made yet is no problem', async () => {
    const [j, dir] = await journal();
    expect(await j.unreadable()).toBeUndefined();
    await writeFile(join(dir, 'uploads'), 'a file where the folder goes');
    // The app lists at start whatever the folder: still empty, never a throw.
    expect(await j.list()).toEqual([]);
    expect(await j.unreadable()).toMatchObject({ code: 'ENOTDIR', path: join(dir, 'uploads') });
    // A state folder that is itself a file.
    expect(await new Journal(join(dir, 'uploads')).unreadable()).toMatchObject({ code: 'ENOTDIR' });
  });
});

describe("an entry's owner", () => {
  // The parent process runs (this test's runner): a pid that answers.
  const running = { pid: process.ppid, host: hostname() };

  it('is a live process while its pid runs on this machine since the same start', () => {
    expect(ownedByAnotherLiveProcess({ owner: { ...running, bootedAt: machineBootedAt() } })).toBe(true);
    // Entries written before the start was recorded keep the pid check alone.
    expect(ownedByAnotherLiveProcess({ owner: running })).toBe(true);
  });

  it('is no one once the machine has started again, whatever now runs under its pid', () => {
    // Written a day before this start: after a crash and a restart the pid may be any process's now.
    const before = machineBootedAt() - 24 * 3600_000;
    expect(ownedByAnotherLiveProcess({ owner: { ...running, bootedAt: before } })).toBe(false);
  });

  it('records when the machine started, the same to within a second from one call to the next', () => {
    const a = thisProcess().bootedAt!;
    expect(Math.abs(a - machineBootedAt())).toBeLessThan(1000);
  });
});
