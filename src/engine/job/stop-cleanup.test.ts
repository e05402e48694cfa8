// The discard of an upload taken over from the journal, against a stub server: the earlier process may have been
// killed while its Complete was joining the parts (versitygw then lists the upload no more, and answers minutes later).
import {
  AbortMultipartUploadCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { describe, expect, it, vi } from 'vitest';
import { FileJob, type JobJournal, type JobSettings, type ResumePoint } from './file-job';
import { cleanupStoppedJob } from './stop-cleanup';
import { removeUnnamedUploads } from './unnamed-uploads';
import { multipartEtag } from './resume-parts';
import type { Limiter } from '../throttle/part-slots';
import type { ProgressMeter } from '../queue/progress-meter';

const file = { path: '/nowhere/big.bin', name: 'big.bin', bucket: 'b', key: 'big.bin' };
const size = 64 * 1024 * 1024;
const startedAt = Date.now() - 3600_000;
/** What interrupted-uploads.ts makes of a journal entry (resumableRun). */
const fromJournal: ResumePoint = {
  uploadId: 'u1',
  partSize: 8 * 1024 * 1024,
  expect: { size, mtimeMs: 1 },
  startedAt,
  knownParts: [],
  fromJournal: true,
};

const s3Error = (name: string, status: number) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

/**
 * A server that lists the upload (until aborted) or not; HEAD answers `refused` (by default 404) `missing` times,
 * then the object, dated `lastModified` (by default now), its ETag `etag`.
 */
function server(
  uploadListed: boolean,
  missing: number,
  lastModified?: Date,
  refused = s3Error('NotFound', 404),
  etag = '"joined-2"',
) {
  const heads: number[] = [];
  let aborted = !uploadListed;
  const client = {
    send: async (command: unknown) => {
      if (command instanceof AbortMultipartUploadCommand) {
        if (aborted) throw s3Error('NoSuchUpload', 404);
        aborted = true;
        return {};
      }
      if (command instanceof ListPartsCommand) throw s3Error('NoSuchUpload', 404);
      if (command instanceof HeadObjectCommand) {
        heads.push(Date.now());
        if (heads.length <= missing) throw refused;
        return { ContentLength: size, LastModified: lastModified ?? new Date(), ETag: etag };
      }
      throw new Error(`unexpected ${String(command)}`);
    },
  } as unknown as S3Client;
  return { client, heads };
}

function adopted(client: S3Client, from: ResumePoint = fromJournal) {
  const journal = { forget: vi.fn(async () => undefined) } as unknown as JobJournal;
  const job = new FileJob(
    file,
    { control: () => client, data: undefined as never },
    undefined as unknown as Limiter,
    undefined as unknown as ProgressMeter,
    { cleanupAttempts: 3 } as JobSettings,
    () => undefined,
    'stub',
    journal,
  );
  // As entry-runner.ts does to discard a restored upload: taken over, never run.
  job.adoptUpload(from);
  return { job, journal };
}

describe('discarding an upload restored from the journal', () => {
  it('gone before the abort: waits for the object a Complete of the killed process may still make', async () => {
    const { client, heads } = server(false, 1);
    const { job, journal } = adopted(client);
    const outcome = await job.cleanup();
    // Not "verified": the object appeared after the first look, as for a Complete this process sent.
    expect(outcome).toEqual({ kind: 'cancelled', cleanup: 'object-kept', etag: '"joined-2"' });
    expect(heads.length).toBe(2);
    expect(journal.forget).toHaveBeenCalledWith('u1');
  });

  it('paused in this process (which sends no Complete then), gone before the abort: verified without a wait', async () => {
    const { client, heads } = server(false, Infinity);
    const { fromJournal: _journal, ...paused } = fromJournal;
    const { job } = adopted(client, paused);
    expect(await job.cleanup()).toEqual({ kind: 'cancelled', cleanup: 'verified' });
    expect(heads.length).toBe(1);
  });

  it('paused, gone before the abort, and the key cannot be looked at: not verified', async () => {
    const { client } = server(false, Infinity, undefined, s3Error('AccessDenied', 403));
    const { fromJournal: _journal, ...paused } = fromJournal;
    const { job, journal } = adopted(client, paused);
    const outcome = await job.cleanup();
    expect(outcome).toMatchObject({ kind: 'cleanup-failed', uploadId: 'u1' });
    expect(outcome.kind === 'cleanup-failed' && outcome.message).toContain('AccessDenied, HTTP 403');
    expect(journal.forget).not.toHaveBeenCalled();
  });

  it("gone before the abort, every part in the journal: its object is known by the Complete's ETag", async () => {
    const parts = [
      { partNumber: 1, etag: '"00000000000000000000000000000001"' },
      { partNumber: 2, etag: '"00000000000000000000000000000002"' },
    ];
    const joined = multipartEtag(parts.map((p) => ({ ETag: p.etag })))!;
    // A server whose clock is 10 s behind dates the object before the upload started, by this machine's clock.
    const { client } = server(false, 0, new Date(startedAt - 10_000), undefined, joined);
    const { job } = adopted(client, { ...fromJournal, partSize: size / 2, knownParts: parts });
    expect(await job.cleanup()).toEqual({ kind: 'cancelled', cleanup: 'object-kept', etag: joined });
  });

  it('still listed, aborted, and no object appears: verified', async () => {
    const { client } = server(true, Infinity);
    const { job } = adopted(client);
    expect(await job.cleanup()).toEqual({ kind: 'cancelled', cleanup: 'verified' });
  });
});

describe('a cancel that aborted an upload while its Complete was out', () => {
  it("finds the object by the Complete's ETag on a server whose clock is behind: never verified while it is there", async () => {
    const startedAt = Date.now();
    // The upload is listed until the abort goes through; the Complete's object is dated by a clock 10 s behind.
    const { client } = server(true, 0, new Date(startedAt - 10_000));
    const outcome = await cleanupStoppedJob(client, {
      file,
      left: { kind: 'multipart', uploadId: 'u1', startedAt, complete: 'sent', completedEtag: '"joined-2"' },
      size,
      cleanupAttempts: 3,
      endpoint: 'stub',
    });
    expect(outcome).toEqual({ kind: 'cancelled', cleanup: 'object-kept', etag: '"joined-2"' });
  });

  // A look that failed was taken for "no object" here, and the cancel said verified with the object perhaps there.
  const refusals = [s3Error('AccessDenied', 403), s3Error('InternalError', 500)];
  for (const refused of refusals) {
    for (const known of ['size and start known', 'nothing to tell the object by'] as const) {
      it(`HEAD refused (${refused.name}), ${known}: cleanup-failed naming the look, never verified`, async () => {
        const { client, heads } = server(true, Infinity, undefined, refused);
        const outcome = await cleanupStoppedJob(client, {
          file,
          left:
            known === 'size and start known'
              ? { kind: 'multipart', uploadId: 'u1', startedAt: Date.now(), complete: 'sent' }
              : { kind: 'multipart', uploadId: 'u1', complete: 'sent' },
          size: known === 'size and start known' ? size : undefined,
          cleanupAttempts: 3,
          endpoint: 'stub',
        });
        expect(outcome).toMatchObject({ kind: 'cleanup-failed', uploadId: 'u1' });
        const message = outcome.kind === 'cleanup-failed' ? outcome.message : '';
        expect(message).toContain(`HeadObject: ${refused.name}`);
        expect(message).toContain('big.bin');
        // Looked again before giving up (the settle), as for a missing object.
        expect(heads.length).toBeGreaterThan(1);
      });
    }
  }
});

describe('the uploads an unanswered create may have made', () => {
  it('a listing truncated without a marker is not taken for the whole list: cleanup-failed, never verified', async () => {
    const aborted: string[] = [];
    const client = {
      send: async (command: unknown) => {
        // The key's upload on this page (aborted as asked); more pages follow, the markers missing.
        if (command instanceof ListMultipartUploadsCommand)
          return { Uploads: [{ Key: 'big.bin', UploadId: 'u9', Initiated: new Date() }], IsTruncated: true };
        if (command instanceof AbortMultipartUploadCommand) return void aborted.push(command.input.UploadId!);
        if (command instanceof ListPartsCommand) throw s3Error('NoSuchUpload', 404);
        throw new Error(`unexpected ${String(command)}`);
      },
    } as unknown as S3Client;
    const outcome = await removeUnnamedUploads(client, { file, cleanupAttempts: 3, endpoint: 'stub' }, Date.now());
    expect(outcome).toMatchObject({ kind: 'cleanup-failed' });
    expect(outcome.kind === 'cleanup-failed' && outcome.message).toContain('more uploads follow, but not where');
    // What the page did list is removed all the same.
    expect(aborted).toContain('u9');
  });

  it("an old journal entry's unanswered create spares an upload of the key started days later (another cp's)", async () => {
    const sentAt = Date.now() - 3 * 24 * 3600_000;
    const aborted: string[] = [];
    const client = {
      send: async (command: unknown) => {
        if (command instanceof ListMultipartUploadsCommand)
          return {
            Uploads: [
              { Key: 'big.bin', UploadId: 'unnamed', Initiated: new Date(sentAt + 2_000) },
              { Key: 'big.bin', UploadId: 'todays-cp', Initiated: new Date() },
            ],
          };
        if (command instanceof AbortMultipartUploadCommand) return void aborted.push(command.input.UploadId!);
        if (command instanceof ListPartsCommand) throw s3Error('NoSuchUpload', 404);
        throw new Error(`unexpected ${String(command)}`);
      },
    } as unknown as S3Client;
    const outcome = await removeUnnamedUploads(client, { file, cleanupAttempts: 3, endpoint: 'stub' }, sentAt);
    expect(outcome).toEqual({ kind: 'cancelled', cleanup: 'verified' });
    expect(aborted).toEqual(['unnamed']);
  });

  it("a stop's cleanup of an unanswered create drops the create's record only once every attempt's upload is removed", async () => {
    const sentAt = Date.now() - 10_000;
    const clientListing = (ids: string[]) =>
      ({
        send: async (command: unknown) => {
          if (command instanceof ListMultipartUploadsCommand)
            return {
              Uploads: ids.map((UploadId) => ({ Key: 'big.bin', UploadId, Initiated: new Date(sentAt + 500) })),
            };
          if (command instanceof AbortMultipartUploadCommand) {
            ids = ids.filter((id) => id !== command.input.UploadId);
            return {};
          }
          if (command instanceof ListPartsCommand) throw s3Error('NoSuchUpload', 404);
          throw new Error(`unexpected ${String(command)}`);
        },
      }) as unknown as S3Client;
    // [uploads listed, attempts the record counts, verified]
    const cases: [string[], number, boolean][] = [
      [['made'], 1, true],
      // Found and removed, but the second attempt's upload may still appear: not verified, the record stays.
      [['made'], 2, false],
      // None listed yet, the window open: not verified, the record stays for the sweep at the next start.
      [[], 1, false],
    ];
    for (const [ids, attempts, verified] of cases) {
      const createCleared = vi.fn(async () => undefined);
      const journal = {
        createCleared,
        createRecordFor: async () => ({ sentAt, lastSentAt: sentAt + 100, attempts }),
        namedUploads: async () => new Set<string>(),
        otherCreateUnderWay: async () => false,
      } as unknown as JobJournal;
      const left = { kind: 'create-unanswered' as const, sentAt };
      const job = { file, left, size, cleanupAttempts: 3, endpoint: 'stub', journal };
      const outcome = await cleanupStoppedJob(clientListing(ids), job);
      expect(outcome.kind).toBe(verified ? 'cancelled' : 'cleanup-failed');
      expect(createCleared).toHaveBeenCalledTimes(verified ? 1 : 0);
    }
  });

  it("another create of the key under way keeps a stop's cleanup off the key: nothing aborted, not verified", async () => {
    const sentAt = Date.now() - 10_000;
    const aborted: string[] = [];
    const client = {
      send: async (command: unknown) => {
        if (command instanceof ListMultipartUploadsCommand)
          return { Uploads: [{ Key: 'big.bin', UploadId: 'theirs', Initiated: new Date(sentAt + 500) }] };
        if (command instanceof AbortMultipartUploadCommand) return void aborted.push(command.input.UploadId!);
        throw new Error(`unexpected ${String(command)}`);
      },
    } as unknown as S3Client;
    const journal = {
      createCleared: vi.fn(async () => undefined),
      createRecordFor: async () => ({ sentAt, lastSentAt: sentAt, attempts: 1 }),
      namedUploads: async () => new Set<string>(),
      otherCreateUnderWay: async () => true,
    } as unknown as JobJournal;
    const left = { kind: 'create-unanswered' as const, sentAt };
    const outcome = await cleanupStoppedJob(client, {
      file,
      left,
      size,
      cleanupAttempts: 3,
      endpoint: 'stub',
      journal,
    });
    expect(outcome.kind).toBe('cleanup-failed');
    expect(aborted).toEqual([]);
  });
});
