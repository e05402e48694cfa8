import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import type { ControlClient } from '../s3/s3-sdk';
import { completedObjectEtag, journalledEtag, keepListedParts, multipartEtag, newerObjectSince } from './resume-parts';

// A 20-byte file in parts of 8, 8 and 4 bytes: the rule does not care how big parts are.
const bytes = Buffer.from('abcdefghijklmnopqrst');
const size = bytes.length;
const partSize = 8;
const etagOf = (b: Buffer) => `"${createHash('md5').update(b).digest('hex')}"`;
const crcOf = (b: Buffer) => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE((zlib as unknown as { crc32(d: Buffer): number }).crc32(b) >>> 0);
  return out.toString('base64');
};
const signal = new AbortController().signal;
let dir: string;
let path: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoist-resume-parts-'));
  path = join(dir, 'f.bin');
  await writeFile(path, bytes);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const keep = (listed: Parameters<typeof keepListedParts>[0], accepted = new Map()) =>
  keepListedParts(listed, { path, size, partSize, accepted }, signal);

describe('keepListedParts', () => {
  it('keeps the parts this client saw accepted, with the same ETag, and counts their bytes', async () => {
    const accepted = new Map([
      [1, { PartNumber: 1, ETag: '"a"' }],
      [3, { PartNumber: 3, ETag: '"C"' }],
    ]);
    const kept = await keep(
      [
        { PartNumber: 1, Size: 8, ETag: '"a"' },
        { PartNumber: 3, Size: 4, ETag: '"c"', ChecksumCRC32: 'AAAAAA==' },
      ],
      accepted,
    );
    expect(kept.plan).toEqual({ partSize: 8, partCount: 3 });
    expect([...kept.done.keys()]).toEqual([1, 3]);
    expect(kept.done.get(3)).toEqual({ PartNumber: 3, ETag: '"c"', ChecksumCRC32: 'AAAAAA==' });
    expect(kept.bytes).toBe(12);
  });

  it('keeps a part it never saw accepted only when its ETag is the MD5 of the local range', async () => {
    const kept = await keep([
      { PartNumber: 1, Size: 8, ETag: etagOf(bytes.subarray(0, 8)) },
      // What versitygw kept of a part whose sender died mid-body: full length, zero-filled at the end.
      { PartNumber: 2, Size: 8, ETag: etagOf(Buffer.concat([bytes.subarray(8, 12), Buffer.alloc(4)])) },
    ]);
    expect([...kept.done.keys()]).toEqual([1]);
    expect(kept.bytes).toBe(8);
  });

  it('checks a part whose ETag is not an MD5 by its CRC32, and sends it again without one', async () => {
    const kept = await keep([
      { PartNumber: 1, Size: 8, ETag: '"kms-etag-1"', ChecksumCRC32: crcOf(bytes.subarray(0, 8)) },
      { PartNumber: 2, Size: 8, ETag: '"kms-etag-2"', ChecksumCRC32: crcOf(Buffer.alloc(8)) },
      { PartNumber: 3, Size: 4, ETag: '"kms-etag-3"' },
    ]);
    expect([...kept.done.keys()]).toEqual([1]);
  });

  it('checks a known part again when the server lists another ETag for it', async () => {
    const accepted = new Map([[1, { PartNumber: 1, ETag: '"old"' }]]);
    expect((await keep([{ PartNumber: 1, Size: 8, ETag: '"new"' }], accepted)).done.size).toBe(0);
  });

  it('sends again a part of the wrong size, and ignores part numbers beyond the plan', async () => {
    const kept = await keep([
      { PartNumber: 2, Size: 5, ETag: '"stray"' },
      { PartNumber: 4, Size: 8, ETag: '"beyond"' },
      { Size: 8, ETag: '"no number"' },
    ]);
    expect(kept.done.size).toBe(0);
    expect(kept.bytes).toBe(0);
  });

  it('plans one part for an empty listing of a small file', async () => {
    expect((await keepListedParts([], { path, size: 0, partSize: 8, accepted: new Map() }, signal)).plan).toEqual({
      partSize: 8,
      partCount: 1,
    });
  });
});

describe('the object a Complete makes', () => {
  // md5("hello"), md5("world"): the object's ETag is the MD5 of their 32 bytes, then the count.
  const parts = [{ ETag: '"5d41402abc4b2a76b9719d911017c592"' }, { ETag: '"7d793037a0760186574b0282f2f435e7"' }];
  const joined = '"065947336a2f2a95ba8899f3675c3be6-2"';

  it("has the ETag S3 gives it, from its parts' MD5s; none where a part's ETag is not an MD5", () => {
    expect(multipartEtag(parts)).toBe(joined);
    expect(multipartEtag([...parts, { ETag: '"kms-encrypted-etag"' }])).toBeUndefined();
    expect(multipartEtag([])).toBeUndefined();
    // From a journal: only where it names every part of the file, in order of their numbers.
    const journal = [
      { partNumber: 2, etag: parts[1]!.ETag },
      { partNumber: 1, etag: parts[0]!.ETag },
    ];
    expect(journalledEtag(journal, 5, 10)).toBe(joined);
    expect(journalledEtag(journal, 5, 11)).toBeUndefined();
  });

  it("is known by that ETag on a server whose clock is behind this machine's, where the time alone missed it", async () => {
    const startedAt = Date.now();
    // The server dates the object 10 s before the upload started, by this machine's clock.
    const client = {
      send: async (command: unknown) => {
        if (!(command instanceof HeadObjectCommand)) throw new Error('unexpected');
        return { ContentLength: 10, LastModified: new Date(startedAt - 10_000), ETag: joined };
      },
    } as unknown as ControlClient;
    expect(await completedObjectEtag(client, 'b', 'k', 10, startedAt)).toBeUndefined();
    expect(await completedObjectEtag(client, 'b', 'k', 10, startedAt, joined)).toBe(joined);
    // Another object of the key (another ETag), dated before the start: not this upload's.
    expect(
      await completedObjectEtag(client, 'b', 'k', 10, startedAt, '"0123456789abcdef0123456789abcdef-2"'),
    ).toBeUndefined();
  });

  it('tells a key with no object (404) from one that could not be looked at (403)', async () => {
    const refusing = (name: string, status: number) =>
      ({
        send: async () => {
          throw Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
        },
      }) as unknown as ControlClient;
    expect(await completedObjectEtag(refusing('NotFound', 404), 'b', 'k', 10, Date.now(), joined)).toBeUndefined();
    await expect(completedObjectEtag(refusing('AccessDenied', 403), 'b', 'k', 10, Date.now(), joined)).rejects.toThrow(
      'HeadObject: AccessDenied, HTTP 403',
    );
    // A resume may take a failed look for no newer object (credentials that write but do not read): it goes on.
    expect(await newerObjectSince(refusing('AccessDenied', 403), 'b', 'k', Date.now())).toBeUndefined();
  });
});
