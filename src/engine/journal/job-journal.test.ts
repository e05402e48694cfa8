import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal, type JournalEntry } from './journal-store';
import { jobJournal, type EntryBase } from './job-journal';
import { resumableRun } from '../queue/interrupted-uploads';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const base: EntryBase = {
  path: '/f',
  region: 'us-east-1',
  forcePathStyle: true,
  checksum: 'auto',
  bucket: 'b',
  key: 'k',
};
const part = (n: number) => ({ partNumber: n, etag: `"e${n}"` });

/** A real journal in a temp folder that counts its writes. */
async function countingJournal(): Promise<{ journal: Journal; writes: JournalEntry[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'hoist-jobjournal-'));
  dirs.push(dir);
  const journal = new Journal(dir);
  const writes: JournalEntry[] = [];
  const write = journal.write.bind(journal);
  journal.write = (e) => {
    writes.push(structuredClone(e));
    return write(e);
  };
  return { journal, writes };
}

describe('jobJournal', () => {
  it('records each attempt of a create before it goes out, and drops the record once the entry names the upload', async () => {
    const { journal } = await countingJournal();
    const jj = jobJournal(journal, { ...base, endpointUrl: 'http://127.0.0.1:9000', profileId: 'p1' });
    await jj.createSending(1_700_000_000_000);
    await jj.createSending(1_700_000_030_000);
    expect(await journal.creates()).toEqual([
      expect.objectContaining({
        bucket: 'b',
        key: 'k',
        path: '/f',
        endpointUrl: 'http://127.0.0.1:9000',
        profileId: 'p1',
        sentAt: 1_700_000_000_000,
        lastSentAt: 1_700_000_030_000,
        attempts: 2,
        owner: expect.objectContaining({ pid: process.pid }),
      }),
    ]);
    await jj.started('u1', 5, [], { size: 10, mtimeMs: 1 });
    expect(await journal.creates()).toEqual([]);
    expect((await journal.list()).map((e) => e.uploadId)).toEqual(['u1']);
  });

  it('keeps the record when an earlier attempt went unanswered: that attempt may have made a second upload', async () => {
    const { journal } = await countingJournal();
    const jj = jobJournal(journal, base);
    await jj.createSending(1_000);
    await jj.createSending(2_000);
    await jj.started('u1', 5, [], { size: 10, mtimeMs: 1 }, 1_000);
    // The answered attempt's upload is the entry's: one attempt left that may have made an upload nobody knows of.
    expect((await journal.creates()).map((r) => r.attempts)).toEqual([1]);
    await jj.createCleared();
    expect(await journal.creates()).toEqual([]);
  });

  it('an attempt refused with an answer is taken off the count', async () => {
    const { journal } = await countingJournal();
    const jj = jobJournal(journal, base);
    await jj.createSending(1_000);
    await jj.createMadeNothing();
    await jj.createSending(2_000);
    expect(await journal.creates()).toEqual([
      expect.objectContaining({ sentAt: 1_000, lastSentAt: 2_000, attempts: 1 }),
    ]);
  });

  it('a create record that cannot be written fails the attempt before it is sent', async () => {
    const { journal } = await countingJournal();
    journal.writeCreate = () => Promise.reject(new Error('ENOSPC: no space left on device'));
    await expect(jobJournal(journal, base).createSending(1_000)).rejects.toMatchObject({ code: 'JournalWrite' });
  });

  it("keeps an unanswered create's time with the upload, and a restored run carries it on", async () => {
    const { journal } = await countingJournal();
    const jj = jobJournal(journal, base);
    await jj.started('u1', 5, [], { size: 10, mtimeMs: 1 }, 1_700_000_000_000);
    await jj.partDone(part(1));
    await jj.flush();
    const [entry] = await journal.list();
    expect(entry).toMatchObject({ uploadId: 'u1', unnamedSince: 1_700_000_000_000 });
    const run = resumableRun(entry!);
    expect(run.kind === 'resumable' && run.from.unnamedSince).toBe(1_700_000_000_000);
  });

  it('writes part records at most once per interval, all of them in the end', async () => {
    const { journal, writes } = await countingJournal();
    const jj = jobJournal(journal, base, undefined, 300);
    await jj.started('u1', 5, [], { size: 100, mtimeMs: 1 });
    for (let n = 1; n <= 20; n++) await jj.partDone(part(n)); // all within one interval
    expect(writes).toHaveLength(1); // only the start so far
    // The interval passes: one write with all twenty. Waited for rather than slept on, since a loaded machine may run
    // the timer late; what is asserted is that the twenty came as one write.
    await vi.waitFor(() => expect(writes).toHaveLength(2), { timeout: 5000, interval: 20 });
    expect(writes.map((w) => w.parts.length)).toEqual([0, 20]);
    await jj.partDone(part(21));
    await jj.flush();
    expect(writes.map((w) => w.parts.length)).toEqual([0, 20, 21]);
    expect((await journal.list())[0]?.parts).toHaveLength(21);
    await jj.forget();
    expect(await journal.list()).toEqual([]);
  });

  it("marks the upload's entry cancelled for a job that resumed it and had not written one of its own", async () => {
    const { journal } = await countingJournal();
    // The first job (paused after some parts) wrote the entry; the job that resumed the upload has none yet.
    const first = jobJournal(journal, base, undefined, 0);
    await first.started('u1', 5, [part(1)], { size: 100, mtimeMs: 1 });
    await first.flush();
    const resumed = jobJournal(journal, base, undefined, 0);
    await resumed.cancelled('u1');
    expect((await journal.list()).map((e) => [e.uploadId, e.cancelled])).toEqual([['u1', true]]);
    // Another upload of the same key is not this one.
    await jobJournal(journal, base, undefined, 0).cancelled('u2');
    expect(await journal.list()).toHaveLength(1);
  });

  it('a failed write fails the next part record and the flush', async () => {
    const { journal } = await countingJournal();
    const jj = jobJournal(journal, base, undefined, 0);
    await jj.started('u1', 5, [], { size: 100, mtimeMs: 1 });
    journal.write = () => Promise.reject(new Error('disk full'));
    await expect(jj.partDone(part(1))).rejects.toThrow('disk full');
    await expect(jj.partDone(part(2))).rejects.toThrow('disk full');
    await expect(jj.flush()).rejects.toThrow('disk full');
  });
});
