// The sweep of create records against a stub server: which records it touches, and what it makes of each listing.
import { AbortMultipartUploadCommand, ListMultipartUploadsCommand, ListPartsCommand } from '@aws-sdk/client-s3';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal, thisProcess } from '../journal/journal-store';
import type { CreateRecord } from '../journal/create-record';
import type { ClientPool } from '../s3/s3-client';
import { sweepCreates } from './create-sweep';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const sentAt = Date.now() - 10 * 60_000;
const record = (key: string, owner = { pid: 2 ** 30, host: hostname() }): CreateRecord => ({
  version: 1,
  path: `/f/${key}`,
  region: 'us-east-1',
  forcePathStyle: true,
  checksum: 'auto',
  bucket: 'b',
  key,
  sentAt,
  owner,
});

/** A server whose key `key` has uploads initiated at the given times; aborts remove them. */
function pool(uploads: { Key: string; UploadId: string; Initiated: Date }[]): {
  clients: ClientPool;
  aborted: string[];
} {
  const aborted: string[] = [];
  const client = {
    send: async (command: unknown) => {
      if (command instanceof ListMultipartUploadsCommand)
        return { Uploads: uploads.filter((u) => !aborted.includes(u.UploadId) && u.Key === command.input.Prefix) };
      if (command instanceof AbortMultipartUploadCommand) return void aborted.push(command.input.UploadId!);
      if (command instanceof ListPartsCommand)
        throw Object.assign(new Error('NoSuchUpload'), { name: 'NoSuchUpload', $metadata: { httpStatusCode: 404 } });
      throw new Error(`unexpected ${String(command)}`);
    },
  };
  return { clients: { get: () => client } as unknown as ClientPool, aborted };
}

async function journalWith(...records: CreateRecord[]): Promise<Journal> {
  const dir = await mkdtemp(join(tmpdir(), 'hoist-sweep-'));
  dirs.push(dir);
  const journal = new Journal(dir);
  for (const r of records) await journal.writeCreate(r);
  return journal;
}

const endpoint = { region: 'us-east-1', forcePathStyle: true, checksum: 'auto' as const };

describe('sweepCreates', () => {
  it("removes the upload of the create's time and the record; leaves alone a running process's record and its key", async () => {
    const mine = { ...record('mine.bin'), sentAt: Date.now() - 1000, owner: thisProcess() };
    // A dead process's record of the same key as a live create, its window open: its look would take the live
    // create's upload (not in an entry yet) for its own.
    const sameKey = { ...record('mine.bin'), sentAt: Date.now() - 5000 };
    const journal = await journalWith(record('a.bin'), mine, sameKey);
    const { clients, aborted } = pool([
      { Key: 'a.bin', UploadId: 'made', Initiated: new Date(sentAt + 300) },
      { Key: 'mine.bin', UploadId: 'in-flight', Initiated: new Date() },
    ]);
    const results = await sweepCreates(journal, clients, 3, () => endpoint);
    expect(results.map((r) => [r.kind, r.record.key]).sort()).toEqual([
      ['kept', 'mine.bin'],
      ['removed', 'a.bin'],
    ]);
    expect(aborted).toEqual(['made']);
    expect((await journal.creates()).map((r) => r.key).sort()).toEqual(['mine.bin', 'mine.bin']);
  });

  it('an upload an entry names is never aborted, nor counted for the create', async () => {
    const now = Date.now();
    const entryOf = (uploadId: string) => ({
      version: 1 as const,
      path: '/f/a.bin',
      size: 1,
      mtimeMs: 1,
      region: 'us-east-1',
      forcePathStyle: true,
      checksum: 'auto' as const,
      bucket: 'b',
      key: 'a.bin',
      uploadId,
      partSize: 5,
      parts: [],
      startedAt: now - 4000,
    });
    // One attempt unanswered, the window still open: its upload found and removed settles it; the entry's is spared.
    const rec = { ...record('a.bin'), sentAt: now - 5000, lastSentAt: now - 4000, attempts: 1 };
    const journal = await journalWith(rec);
    await journal.write(entryOf('named'));
    const { clients, aborted } = pool([
      { Key: 'a.bin', UploadId: 'named', Initiated: new Date(now - 3900) },
      { Key: 'a.bin', UploadId: 'unnamed', Initiated: new Date(now - 4900) },
    ]);
    expect((await sweepCreates(journal, clients, 3, () => endpoint))[0]).toMatchObject({ kind: 'removed', count: 1 });
    expect(aborted).toEqual(['unnamed']);

    // An entry's upload of the window alone does not settle it: the create's own may still appear.
    const other = await journalWith(rec);
    await other.write(entryOf('theirs'));
    const again = pool([{ Key: 'a.bin', UploadId: 'theirs', Initiated: new Date(now - 3900) }]);
    expect((await sweepCreates(other, again.clients, 3, () => endpoint))[0]).toMatchObject({ kind: 'too-soon' });
    expect(again.aborted).toEqual([]);
  });

  it("settles while the window is open only once every attempt's upload is accounted for", async () => {
    const now = Date.now();
    const journal = await journalWith({ ...record('a.bin'), sentAt: now - 5000, lastSentAt: now - 1000, attempts: 2 });
    const { clients, aborted } = pool([{ Key: 'a.bin', UploadId: 'first', Initiated: new Date(now - 4900) }]);
    const [result] = await sweepCreates(journal, clients, 3, () => endpoint);
    // One of two attempts' uploads found: the other may still appear.
    expect(result).toMatchObject({ kind: 'too-soon' });
    expect(aborted).toEqual(['first']);
    expect(await journal.creates()).toHaveLength(1);
  });

  it('an upload of the key from another time, not named by an entry, is not taken for settled: kept, unconfirmed', async () => {
    const journal = await journalWith(record('a.bin'));
    const { clients, aborted } = pool([{ Key: 'a.bin', UploadId: 'old', Initiated: new Date('2010-11-10') }]);
    const [result] = await sweepCreates(journal, clients, 3, () => endpoint);
    expect(result).toMatchObject({ kind: 'unconfirmed', uploadIds: ['old'] });
    expect(aborted).toEqual([]);
    expect(await journal.creates()).toHaveLength(1);
  });

  it("another machine's record is not looked at while its create could still be making an upload", async () => {
    const journal = await journalWith({ ...record('a.bin', { pid: 1, host: 'elsewhere' }), sentAt: Date.now() });
    const { clients, aborted } = pool([{ Key: 'a.bin', UploadId: 'theirs', Initiated: new Date() }]);
    expect(await sweepCreates(journal, clients, 3, () => endpoint)).toEqual([]);
    expect(aborted).toEqual([]);
  });

  it('a journal with an entry it cannot read aborts nothing: the upload that entry names might be the one found', async () => {
    const journal = await journalWith(record('a.bin'));
    await writeFile(join(journal.dir, 'damaged.json'), '{"version":1,');
    const { clients, aborted } = pool([{ Key: 'a.bin', UploadId: 'maybe-named', Initiated: new Date(sentAt + 300) }]);
    const [result] = await sweepCreates(journal, clients, 3, () => endpoint);
    expect(result).toMatchObject({ kind: 'unconfirmed', detail: expect.stringContaining('cannot be read') });
    expect(aborted).toEqual([]);
    expect(await journal.creates()).toHaveLength(1);
  });

  it('a record with no attempt left that may have made an upload settles without a look', async () => {
    const journal = await journalWith({ ...record('a.bin'), attempts: 0 });
    const { clients, aborted } = pool([{ Key: 'a.bin', UploadId: 'someone-elses', Initiated: new Date(sentAt + 300) }]);
    expect((await sweepCreates(journal, clients, 3, () => endpoint))[0]).toMatchObject({ kind: 'none-made' });
    expect(aborted).toEqual([]);
    expect(await journal.creates()).toEqual([]);
  });

  it('a record the caller cannot reach is kept untouched', async () => {
    const journal = await journalWith(record('a.bin'));
    const { clients, aborted } = pool([{ Key: 'a.bin', UploadId: 'made', Initiated: new Date(sentAt) }]);
    expect((await sweepCreates(journal, clients, 3, () => undefined)).map((r) => r.kind)).toEqual(['kept']);
    expect(aborted).toEqual([]);
    expect(await journal.creates()).toHaveLength(1);
  });
});
