// `kill -9` of `hoist cp` while its CreateMultipartUpload is out: the server makes the upload, the proxy holds the
// answer, and the process dies before any journal entry can name it. Before the create record (journal/create-record.ts)
// nothing found that upload again: `hoist resume` said "Nothing to resume" and the upload stayed on the server for
// good. Now the record written before the create is swept by `hoist resume`: the key's upload of that time is removed,
// verified, and the record with it.
// moto reports every upload as initiated on 2010-11-10, so there the upload cannot be told from an older one of the
// key: the resume must say it could not confirm, keep the record, and exit 1, and the upload is indeed there.
import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freshBucketOn, type S3Backend } from '../harness/backends';
import { abortMultipartUpload, createMultipartUpload, listMultipartUploads, objectSha256 } from '../harness/s3-check';
import { cleanupTempDirs, randomFile, tempDir } from '../cli/files';
import { journalEntries, journalFiles } from '../cli/journal-files';
import { buildCli, hoist, spawnHoist } from '../cli/run-hoist';
import { Journal } from '../../src/engine/journal/journal-store';
import type { CreateRecord } from '../../src/engine/journal/create-record';
import { cliEnvTrusting, describeEachBackendAndPath, MiB, proxyable, sleep, useProxyTo } from './helpers';

let dir: string;
beforeAll(async () => {
  buildCli();
  dir = await tempDir('create-killed');
});
afterAll(cleanupTempDirs);

const CREATE = /^POST [^ ]*\?uploads/;
const records = async (state: string) => (await journalFiles(state)).filter((f) => f.endsWith('.create'));
/** A process that is gone (no pid is this large), on this machine. */
const DEAD = { pid: 2 ** 30, host: hostname() };
/** What a dead process left, on this machine, of a create of key to endpointUrl. */
const deadRecord = (endpointUrl: string, bucket: string, key: string, sentAt: number): CreateRecord => ({
  version: 1,
  path: join(dir, key),
  endpointUrl,
  region: 'us-east-1',
  forcePathStyle: true,
  checksum: 'auto',
  bucket,
  key,
  sentAt,
  owner: DEAD,
});

describeEachBackendAndPath(
  'kill -9 while the create is unanswered',
  (backend: S3Backend, dataPath) => {
    const proxy = useProxyTo(backend);
    // hoist cp of one file through the proxy, with its journal in `state`, on this data path.
    const cpArgs = (file: string, bucket: string, state: string) => {
      const flags = { '--endpoint-url': proxy().endpoint, '--state-dir': state, '--data-path': dataPath };
      return ['cp', file, `s3://${bucket}/`, ...Object.entries(flags).flat()];
    };

    it('hoist resume removes the upload that create made, verified, and the record with it', async () => {
      const bucket = await freshBucketOn(backend, 'ckill');
      const file = join(dir, `${backend.name}-${dataPath}.bin`);
      await randomFile(file, 12 * MiB);
      const state = join(dir, `state-${backend.name}-${dataPath}`);
      proxy().delayRequests(CREATE, 60_000, 'response');
      const child = spawnHoist(cpArgs(file, bucket, state), { env: cliEnvTrusting(backend) });
      try {
        await proxy().waitForRequest(CREATE, 30_000);
        // The server has made the upload; its answer waits in the proxy.
        for (let i = 0; i < 100 && (await listMultipartUploads(backend.endpoint, bucket)).length === 0; i++)
          await sleep(50);
        expect(await listMultipartUploads(backend.endpoint, bucket)).toHaveLength(1);
      } finally {
        child.kill('SIGKILL');
        await once(child, 'close');
        proxy().clearDelays();
      }
      expect(await journalEntries(state)).toEqual([]);
      expect(await records(state)).toHaveLength(1);

      // The proxy the create went through is gone: the resume names the server, and the endpoint it moves from.
      const moved = ['--endpoint-url', backend.endpoint, '--from-endpoint', proxy().endpoint];
      const r = await hoist(['resume', '--state-dir', state, ...moved], {
        env: cliEnvTrusting(backend),
        timeoutMs: 60_000,
      });
      const left = await listMultipartUploads(backend.endpoint, bucket);
      if (backend.name === 'moto') {
        expect(r.stderr).toMatch(/could not be confirmed/);
        expect(r.code).toBe(1);
        expect(left).toHaveLength(1);
        expect(await records(state)).toHaveLength(1);
        for (const u of left) await abortMultipartUpload(backend.endpoint, bucket, u.key, u.uploadId);
        return;
      }
      expect(r.stderr).toMatch(/a CreateMultipartUpload of [^ ]+\.bin on [^ ]+ got no answer that reached the journal/);
      expect(r.stderr).toMatch(
        /the upload it made was removed \(verified\)\. If the file is not at its key, send it again/,
      );
      expect(r.stderr).not.toMatch(/Nothing to resume/);
      expect(r.code).toBe(0);
      expect(left).toEqual([]);
      expect(await journalFiles(state)).toEqual([]);
    }, 120_000);

    it('a create refused with an answer leaves no record: nothing can have come of it', async () => {
      const bucket = await freshBucketOn(backend, 'crefused');
      const file = join(dir, `refused-${backend.name}-${dataPath}.bin`);
      await randomFile(file, 12 * MiB);
      const state = join(dir, `state-refused-${backend.name}-${dataPath}`);
      proxy().answerNext(CREATE, 403, ACCESS_DENIED);
      const r = await hoist(cpArgs(file, bucket, state), { env: cliEnvTrusting(backend) });
      expect(r.stderr).toMatch(/AccessDenied|Access Denied|denied/i);
      expect(r.code).toBe(1);
      expect(await journalFiles(state)).toEqual([]);
    });

    it('a 503 to a create may follow an upload it made: the record keeps counting it after the retry is answered', async () => {
      const bucket = await freshBucketOn(backend, 'c503');
      const file = join(dir, `c503-${backend.name}-${dataPath}.bin`);
      await randomFile(file, 12 * MiB);
      const state = join(dir, `state-503-${backend.name}-${dataPath}`);
      proxy().answerNext(CREATE, 503, SLOW_DOWN);
      const r = await hoist(cpArgs(file, bucket, state), { env: cliEnvTrusting(backend) });
      expect(r.code).toBe(0);
      expect(await listMultipartUploads(backend.endpoint, bucket)).toEqual([]);
      // Two attempts sent, the second answered: one may have made an upload, until the window has closed.
      expect((await journal(state).creates()).map((c) => c.attempts)).toEqual([1]);
      expect(await journalEntries(state)).toEqual([]);
    });

    it('a record whose create made nothing: settled once its time is past, kept while the server could still make it', async () => {
      const bucket = await freshBucketOn(backend, 'cnone');
      const state = join(dir, `state-none-${backend.name}-${dataPath}`);
      const journal = new Journal(state);
      const record = (key: string, sentAt: number) => deadRecord(backend.endpoint, bucket, key, sentAt);
      await journal.writeCreate(record('old.bin', Date.now() - 10 * 60_000));
      await journal.writeCreate(record('new.bin', Date.now()));
      const r = await hoist(['resume', '--state-dir', state], { env: cliEnvTrusting(backend), timeoutMs: 60_000 });
      expect(r.stderr).toMatch(/"[^"]*old\.bin".*; no upload it made is left on the server\./);
      expect(r.stderr).toMatch(/"[^"]*new\.bin".*; the server lists none yet, but it could still make another until/);
      expect(r.code).toBe(1);
      expect((await journal.creates()).map((c) => c.key)).toEqual(['new.bin']);
    });

    it("--endpoint-url never takes a record of another server there: an upload of the key there is someone else's", async () => {
      const bucket = await freshBucketOn(backend, 'cmoved');
      const state = join(dir, `state-moved-${backend.name}-${dataPath}`);
      const key = 'moved.bin';
      await new Journal(state).writeCreate({
        ...deadRecord('http://127.0.0.1:9', bucket, key, Date.now() - 5_000),
        attempts: 1,
      });
      const theirs = await createMultipartUpload(backend.endpoint, bucket, key);
      const r = await hoist(['resume', '--state-dir', state, '--endpoint-url', backend.endpoint], {
        env: cliEnvTrusting(backend),
        timeoutMs: 60_000,
      });
      expect(r.stderr).toMatch(
        /names another server, so it is left as it is\. Run hoist resume without --endpoint-url/,
      );
      const [file] = await records(state);
      expect(r.stderr).toContain(`remove "${join(state, 'uploads', file!)}" to forget it`);
      expect(r.code).toBe(1);
      expect((await listMultipartUploads(backend.endpoint, bucket)).map((u) => u.uploadId)).toEqual([theirs]);
      expect(await records(state)).toHaveLength(1);
      await abortMultipartUpload(backend.endpoint, bucket, key, theirs);
    });

    it('a resumed upload found gone first removes the second upload its unanswered create made', async () => {
      const bucket = await freshBucketOn(backend, 'cgone');
      const key = `gone-${dataPath}.bin`;
      const file = join(dir, `${backend.name}-${key}`);
      const hash = await randomFile(file, 12 * MiB);
      const st = await stat(file);
      // The journal's upload (aborted since: gone), and the one an earlier attempt of its create made unanswered.
      const sentAt = Date.now() - 5_000;
      const gone = await createMultipartUpload(backend.endpoint, bucket, key);
      const unnamed = await createMultipartUpload(backend.endpoint, bucket, key);
      await abortMultipartUpload(backend.endpoint, bucket, key, gone);
      const state = join(dir, `state-gone-${backend.name}-${dataPath}`);
      await new Journal(state).write({
        version: 1,
        path: file,
        size: st.size,
        mtimeMs: st.mtimeMs,
        endpointUrl: backend.endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        checksum: 'auto',
        bucket,
        key,
        uploadId: gone,
        partSize: 8 * MiB,
        parts: [],
        startedAt: sentAt,
        unnamedSince: sentAt,
        owner: DEAD,
      });
      const r = await hoist(['resume', '--state-dir', state, '--data-path', dataPath], {
        env: cliEnvTrusting(backend),
        timeoutMs: 60_000,
      });
      expect(r.code).toBe(0);
      expect(await objectSha256(backend.endpoint, bucket, key)).toBe(hash);
      const left = await listMultipartUploads(backend.endpoint, bucket);
      // How many attempts went unanswered the entry does not say, so until the create's window has closed another
      // upload may still appear: a create record keeps it known for the sweep of a later run, in both cases.
      expect((await journal(state).creates()).map((c) => c.sentAt)).toEqual([sentAt]);
      expect((await journalEntries(state)).length).toBe(0);
      if (backend.name === 'moto') {
        // Dated 2010 like every moto upload: not told apart from another's, so not removed.
        expect(left.map((u) => u.uploadId)).toEqual([unnamed]);
        await abortMultipartUpload(backend.endpoint, bucket, key, unnamed);
        return;
      }
      expect(left).toEqual([]);
    });
  },
  proxyable,
);

const journal = (state: string) => new Journal(state);

const SLOW_DOWN = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>FAULTPROXY</RequestId></Error>',
].join('');

const ACCESS_DENIED = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>FAULTPROXY</RequestId></Error>',
].join('');
