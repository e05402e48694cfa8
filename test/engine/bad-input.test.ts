// Bad input at the engine level: each fails with a message naming the culprit and leaves nothing on the server.
import { afterAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { appendFile, truncate } from 'node:fs/promises';
import { startFaultProxy } from '../harness/fault-proxy';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { listMultipartUploads, listObjects } from '../harness/s3-check';
import { engine, freshBucket, recordStates, s3, target, waitFor } from './helpers';

const MiB = 1024 * 1024;
afterAll(cleanupTempDirs);

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('bad input', () => {
  it('a missing file is rejected by name; the rest still goes', async () => {
    const dir = await makeTempDir();
    const ok = await makeFile(dir, 'ok.bin', 10, 1);
    const bucket = await freshBucket('missing');
    const eng = engine();
    const { items, rejected } = await eng.add([`${dir}/nope.bin`, ok], target(bucket));
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ code: 'FileMissing' });
    expect(rejected[0]!.message).toContain('nope.bin');
    await eng.idle();
    expect(items.map((i) => eng.get(i.id)?.state.kind)).toEqual(['done']);
    await eng.close();
  });

  it('a missing bucket fails the file with a message naming the bucket and endpoint', async () => {
    const dir = await makeTempDir();
    const small = await makeFile(dir, 'small.bin', 100, 2);
    const big = await makeFile(dir, 'big.bin', 9 * MiB, 3);
    const eng = engine();
    const { items } = await eng.add([small, big], target('no-such-bucket-hoist'));
    await eng.idle();
    for (const item of items) {
      const state = eng.get(item.id)!.state;
      expect(state.kind).toBe('failed');
      if (state.kind !== 'failed') continue;
      expect(state.error.code).toBe('NoSuchBucket');
      expect(state.error.message).toContain('"no-such-bucket-hoist"');
      expect(state.error.message).toContain(s3());
    }
    await eng.close();
  });

  it('a closed port fails within 30 s, naming the endpoint', async () => {
    const dir = await makeTempDir();
    const file = await makeFile(dir, 'f.bin', 100, 4);
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const eng = engine({ retryBaseDelayMs: 250 });
    const started = Date.now();
    const { items } = await eng.add([file], target('any-bucket', '', {}, endpoint));
    await eng.idle();
    expect(Date.now() - started).toBeLessThan(30_000);
    const state = eng.get(items[0]!.id)!.state;
    expect(state).toMatchObject({ kind: 'failed', error: { code: 'EndpointUnreachable' } });
    if (state.kind === 'failed') expect(state.error.message).toContain(endpoint);
    await eng.close();
  });

  it('a malformed endpoint URL is refused before anything starts', async () => {
    const eng = engine();
    await expect(eng.add(['/tmp'], target('b', '', {}, 'htp:/nowhere'))).rejects.toThrowError(
      /Endpoint URL "htp:\/nowhere"/,
    );
    await eng.close();
  });

  it('a file that changes during the upload fails, and its multipart upload is aborted', async () => {
    const dir = await makeTempDir();
    const file = await makeFile(dir, 'growing.log', 40 * MiB, 5);
    const bucket = await freshBucket('changing');
    const proxy = await startFaultProxy(Number(new URL(s3()).port));
    proxy.throttle(16 * MiB);
    const eng = engine({ partsPerFile: 2 });
    const states = recordStates(eng);
    const { items } = await eng.add([file], target(bucket, '', {}, proxy.endpoint));
    await waitFor(eng, items[0]!.id, (i) => i.loaded > 4 * MiB);
    await appendFile(file, 'one more line\n');
    await eng.idle();
    await proxy.close();
    const state = eng.get(items[0]!.id)!.state;
    expect(state).toMatchObject({ kind: 'failed', cleanup: 'verified', error: { code: 'FileChanged' } });
    // While its parts were being removed, the row said so (not its last upload or retry state).
    expect(states.get(items[0]!.id)!.slice(-2)).toEqual(['failing', 'failed']);
    if (state.kind === 'failed') expect(state.error.message).toContain('growing.log');
    expect(await listMultipartUploads(s3(), bucket)).toEqual([]);
    expect(await listObjects(s3(), bucket)).toEqual([]);
    await eng.close();
  });

  it('a file cut short while its parts are going out fails as changed, naming it, and its upload is aborted', async () => {
    const dir = await makeTempDir();
    const file = await makeFile(dir, 'shrinking.bin', 40 * MiB, 6);
    const bucket = await freshBucket('shrinking');
    const proxy = await startFaultProxy(Number(new URL(s3()).port));
    proxy.throttle(8 * MiB);
    const eng = engine({ partsPerFile: 2 });
    const { items } = await eng.add([file], target(bucket, '', {}, proxy.endpoint));
    await waitFor(eng, items[0]!.id, (i) => i.loaded > 2 * MiB);
    // The two parts in flight still have megabytes to read: their next reads find the end of the file.
    await truncate(file, MiB);
    await eng.idle();
    await proxy.close();
    const state = eng.get(items[0]!.id)!.state;
    expect(state).toMatchObject({ kind: 'failed', cleanup: 'verified', error: { code: 'FileChanged' } });
    if (state.kind === 'failed') expect(state.error.message).toContain('shrinking.bin');
    expect(await listMultipartUploads(s3(), bucket)).toEqual([]);
    expect(await listObjects(s3(), bucket)).toEqual([]);
    await eng.close();
  });

  it('an empty file uploads as a 0-byte object', async () => {
    const dir = await makeTempDir();
    const file = await makeFile(dir, 'empty', 0);
    const bucket = await freshBucket('empty');
    const eng = engine();
    await eng.add([file], target(bucket));
    await eng.idle();
    expect(await listObjects(s3(), bucket)).toEqual([expect.objectContaining({ key: 'empty', size: 0 })]);
    await eng.close();
  });
});
