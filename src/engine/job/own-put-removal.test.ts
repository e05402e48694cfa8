// removeOwnPut against a server that answers what moto and versitygw do not: a refused If-Match, a PUT without an
// ETag. It never falls back to a plain delete; it says why the object stays. (The servers' own answers are covered in
// test/protocol/changed-put-cleanup.test.ts.)
import { DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { removeOwnPut } from './put-cleanup';

const file = { path: '/tmp/a.bin', name: 'a.bin', bucket: 'photos', key: 'in/a.bin' };

function server(answer: (input: Record<string, unknown>) => unknown) {
  const sent: Record<string, unknown>[] = [];
  const client = {
    send: async (command: unknown) => {
      expect(command).toBeInstanceOf(DeleteObjectCommand);
      const input = { ...(command as DeleteObjectCommand).input } as Record<string, unknown>;
      sent.push(input);
      const outcome = answer(input);
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
  } as unknown as S3Client;
  return { client, sent };
}

const s3Error = (name: string, status: number) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe('taking back the object of a single PUT', () => {
  it('names the version the PUT returned, without a condition', async () => {
    const { client, sent } = server(() => ({}));
    expect(await removeOwnPut(client, file, { versionId: 'v-123', etag: '"e"' })).toEqual({ removed: true });
    expect(sent).toEqual([{ Bucket: 'photos', Key: 'in/a.bin', VersionId: 'v-123' }]);
  });

  it('without a version, deletes only if the key still holds the ETag the PUT returned', async () => {
    const { client, sent } = server(() => ({}));
    expect(await removeOwnPut(client, file, { etag: '"abc"' })).toEqual({ removed: true });
    expect(sent).toEqual([{ Bucket: 'photos', Key: 'in/a.bin', IfMatch: '"abc"' }]);
  });

  it.each([
    ['NotImplemented', 501],
    ['InvalidArgument', 400],
    ['BadRequest', 400],
  ])('a server that refuses If-Match (%s, %i) is not asked again without it', async (name, status) => {
    const { client, sent } = server(() => s3Error(name, status));
    const result = await removeOwnPut(client, file, { etag: '"abc"' });
    expect(result).toEqual({
      removed: false,
      why: expect.stringMatching(
        /refused a conditional delete \(If-Match: .+\), and a plain delete could remove an object someone else wrote/,
      ),
    });
    expect(sent).toHaveLength(1);
  });

  it("a changed ETag (412) means someone else's object: left alone", async () => {
    const { client } = server(() => s3Error('PreconditionFailed', 412));
    expect(await removeOwnPut(client, file, { etag: '"abc"' })).toEqual({
      removed: false,
      why: expect.stringMatching(/another object.*left alone/),
    });
  });

  it('an object already gone counts as removed; other failures are named', async () => {
    expect(await removeOwnPut(server(() => s3Error('NoSuchKey', 404)).client, file, { etag: '"abc"' })).toEqual({
      removed: true,
    });
    expect(await removeOwnPut(server(() => s3Error('AccessDenied', 403)).client, file, { versionId: 'v' })).toEqual({
      removed: false,
      why: 'DeleteObject failed (AccessDenied, HTTP 403)',
    });
  });

  it('a PUT that named neither a version nor an ETag: nothing is deleted', async () => {
    const { client, sent } = server(() => ({}));
    expect(await removeOwnPut(client, file, {})).toEqual({
      removed: false,
      why: expect.stringMatching(/neither a version ID nor an ETag/),
    });
    expect(sent).toEqual([]);
  });
});
