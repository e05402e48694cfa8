import type { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { listIncomplete, UnverifiedEmptyListing } from './incomplete-uploads';

interface Upload {
  Key: string;
  UploadId: string;
}

/**
 * A server that lists its uploads `pageSize` at a time and, like MinIO, answers a Prefix only when it is a whole key.
 * `markers: false` leaves NextKeyMarker/NextUploadIdMarker out of truncated pages, as some servers do.
 */
function fakeServer(uploads: Upload[], opts: { pageSize?: number; markers?: boolean; wholeBucket?: Error } = {}) {
  const asked: { Prefix?: string; KeyMarker?: string; UploadIdMarker?: string }[] = [];
  const sorted = [...uploads].sort((a, b) =>
    a.Key === b.Key ? a.UploadId.localeCompare(b.UploadId) : a.Key.localeCompare(b.Key),
  );
  const client = {
    async send(cmd: { constructor: { name: string }; input: Record<string, string | undefined> }) {
      if (cmd.constructor.name === 'ListPartsCommand')
        return { Parts: [{ PartNumber: 1, ETag: '"e"', Size: 5 }], IsTruncated: false };
      const { Prefix, KeyMarker, UploadIdMarker } = cmd.input;
      asked.push({ Prefix, KeyMarker, UploadIdMarker });
      if (!Prefix && opts.wholeBucket) throw opts.wholeBucket;
      const after = sorted.filter(
        (u) => !KeyMarker || u.Key > KeyMarker || (u.Key === KeyMarker && u.UploadId > (UploadIdMarker ?? '')),
      );
      const matching = Prefix ? after.filter((u) => u.Key === Prefix) : after;
      const page = matching.slice(0, opts.pageSize ?? 1000);
      const truncated = page.length < matching.length;
      const last = page.at(-1);
      return {
        Uploads: page.map((u) => ({ ...u, Initiated: new Date(0) })),
        IsTruncated: truncated,
        ...(truncated && opts.markers !== false
          ? { NextKeyMarker: last!.Key, NextUploadIdMarker: last!.UploadId }
          : {}),
      };
    },
  };
  return { client: client as unknown as S3Client, asked };
}

const uploads: Upload[] = [
  { Key: 'a/1', UploadId: 'u1' },
  { Key: 'folder/x', UploadId: 'u2' },
  { Key: 'folder/x', UploadId: 'u3' },
  { Key: 'folder/y/z', UploadId: 'u4' },
  { Key: 'g', UploadId: 'u5' },
  { Key: 'folder/w', UploadId: 'u6' },
];

describe('listIncomplete', () => {
  it('lists the whole bucket, page by page, and filters by the prefix when the prefix listed none', async () => {
    const s = fakeServer(uploads, { pageSize: 2 });
    const found = await listIncomplete(s.client, 'b', 'folder/', new Set(['u3']));
    expect(found.map((u) => [u.key, u.uploadId])).toEqual([
      ['folder/w', 'u6'],
      ['folder/x', 'u2'],
      ['folder/x', 'u3'],
      ['folder/y/z', 'u4'],
    ]);
    expect(found.find((u) => u.uploadId === 'u3')).toMatchObject({ startedByHoist: true, parts: 1, bytes: 5 });
    expect(s.asked[0]).toEqual({ Prefix: 'folder/', KeyMarker: undefined, UploadIdMarker: undefined });
    expect(s.asked.slice(1).map((a) => a.KeyMarker)).toEqual([undefined, 'folder/w', 'folder/x']);
  });

  it('pages on from the last upload when a truncated page names no next markers', async () => {
    const s = fakeServer(uploads, { pageSize: 4, markers: false });
    expect(await listIncomplete(s.client, 'b', '', new Set())).toHaveLength(6);
    expect(s.asked.map((a) => [a.KeyMarker, a.UploadIdMarker])).toEqual([
      [undefined, undefined],
      ['folder/x', 'u3'],
    ]);
  });

  it('asks only once when the prefix is a whole key the server answers for', async () => {
    const s = fakeServer(uploads);
    expect((await listIncomplete(s.client, 'b', 'g', new Set())).map((u) => u.uploadId)).toEqual(['u5']);
    expect(s.asked).toHaveLength(1);
  });

  it('says it cannot tell, rather than "none", when the whole bucket cannot be listed', async () => {
    const denied = Object.assign(new Error('Access Denied.'), {
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
    const s = fakeServer(uploads, { wholeBucket: denied });
    const err = await listIncomplete(s.client, 'b', 'folder/', new Set()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnverifiedEmptyListing);
    expect(err).toMatchObject({
      code: 'ListingUnverified',
      prefix: 'folder/',
      reason: 'AccessDenied, HTTP 403: Access Denied',
    });
    expect((err as Error).message).toContain('cannot tell whether there are any');
  });
});
