// Uploads on every server: every size class with every integrity mode, odd keys, pause and resume, the incomplete
// uploads tools, and wrong credentials. What counts is what the server holds, checked with boto3.
import { afterAll, expect, it } from 'vitest';
import { createEngine, type EngineOptions } from '../../src/engine';
import type { ChecksumMode } from '../../src/shared/target';
import { freshBucketOn, targetFor, type S3Backend } from '../harness/backends';
import { cleanupTempDirs, makeFile, makeTempDir, sha256File } from '../harness/fixtures';
import {
  createMultipartUpload,
  listMultipartUploads,
  listObjects,
  objectSha256,
  uploadPart,
} from '../harness/s3-check';
import { inState, waitFor } from '../engine/helpers';
import { describeEachBackendAndPath, MiB, proxyable, useProxyTo } from './helpers';

afterAll(cleanupTempDirs);

describeEachBackendAndPath('upload', (backend: S3Backend, dataPath) => {
  const engine = (opts: EngineOptions = {}) => createEngine({ retryBaseDelayMs: 20, dataPath, ...opts });
  for (const checksum of ['auto', 'crc32', 'md5', 'off'] as ChecksumMode[]) {
    it(`--checksum ${checksum}: 0 B, 1 byte, 1 MiB, exactly one part and 2.5 parts arrive byte-identical`, async () => {
      const dir = await makeTempDir();
      const sizes = {
        'empty.bin': 0,
        'one.bin': 1,
        'small.bin': MiB,
        'one-part.bin': 5 * MiB,
        'multi.bin': 12.5 * MiB,
      };
      const files = await Promise.all(
        Object.entries(sizes).map(([name, size], i) => makeFile(dir, name, size, 10 + i)),
      );
      const bucket = await freshBucketOn(backend, `up-${checksum}`);
      const eng = engine({ partSize: 5 * MiB, multipartThreshold: 5 * MiB });
      const { items } = await eng.add(files, targetFor(backend, bucket, '', { checksum }));
      await eng.idle();
      for (const item of items)
        expect(eng.get(item.id)?.state.kind, JSON.stringify(eng.get(item.id)?.state)).toBe('done');
      for (const [name, file] of Object.keys(sizes).map((n, i) => [n, files[i]!] as const)) {
        expect(await objectSha256(backend.endpoint, bucket, name), name).toBe(await sha256File(file));
      }
      expect(await listMultipartUploads(backend.endpoint, bucket)).toEqual([]);
      await eng.close();
    });
  }

  it('keys with spaces, + % # ? & = and Japanese, single and multipart, land under exactly those keys', async () => {
    const dir = await makeTempDir();
    const names = [
      'a b.txt',
      'plus+sign.txt',
      '100%.txt',
      'hash#tag.txt',
      'what?.txt',
      'a&b=c.txt',
      '写真 2024.jpg',
      'big file +#?.bin',
    ];
    const files = await Promise.all(
      names.map((n, i) => makeFile(dir, n, n.startsWith('big') ? 11 * MiB : 1000 + i, 30 + i)),
    );
    const bucket = await freshBucketOn(backend, 'keys');
    const eng = engine({ partSize: 5 * MiB, multipartThreshold: 5 * MiB });
    const { items } = await eng.add(files, targetFor(backend, bucket, 'in/'));
    await eng.idle();
    for (const item of items) expect(eng.get(item.id)?.state.kind).toBe('done');
    expect((await listObjects(backend.endpoint, bucket)).map((o) => o.key).sort()).toEqual(
      names.map((n) => `in/${n}`).sort(),
    );
    expect(await objectSha256(backend.endpoint, bucket, 'in/big file +#?.bin')).toBe(await sha256File(files.at(-1)!));
  });

  it('pause mid-upload, then resume: only what the server lacks is sent, and the object is byte-identical', async () => {
    const dir = await makeTempDir();
    const file = await makeFile(dir, 'paused.bin', 40 * MiB, 40);
    const bucket = await freshBucketOn(backend, 'pause');
    const eng = engine({ partSize: 5 * MiB, bytesPerSecond: 20 * MiB });
    // One part at a time, so that parts have landed by the time of the pause (the one in flight is lost).
    const { items } = await eng.add([file], targetFor(backend, bucket, '', { partsPerFile: 1 }));
    const id = items[0]!.id;
    await waitFor(eng, id, (i) => i.loaded > 16 * MiB);
    const confirmedBefore = eng.get(id)!.confirmed;
    await eng.pause(id);
    expect(eng.get(id)?.state.kind).toBe('paused');
    const kept = eng.get(id)!.loaded;
    expect(kept).toBeGreaterThanOrEqual(15 * MiB);
    // The pause took back the part in flight, not what the server had confirmed: the bar does not run backwards.
    expect(eng.get(id)!.confirmed).toBe(kept);
    expect(kept).toBeGreaterThanOrEqual(confirmedBefore);
    expect(await listMultipartUploads(backend.endpoint, bucket)).toHaveLength(1);
    // From resume to done, confirmed never falls (the listing of the server's parts recounts the same bytes).
    const seen: number[] = [];
    const off = eng.subscribe((e) => {
      if (e.type === 'items') for (const item of e.items) if (item.id === id) seen.push(item.confirmed);
    });
    eng.resume(id);
    const done = await waitFor(eng, id, inState('done', 'failed'), 60_000);
    expect(done.state.kind).toBe('done');
    off();
    expect(
      seen.every((c, i) => c >= (seen[i - 1] ?? kept)),
      `confirmed after resume: ${seen.join(', ')}`,
    ).toBe(true);
    expect((done.state as { bytesSent: number }).bytesSent).toBeLessThanOrEqual(40 * MiB - kept);
    expect(await objectSha256(backend.endpoint, bucket, 'paused.bin')).toBe(await sha256File(file));
    expect(await listMultipartUploads(backend.endpoint, bucket)).toEqual([]);
    await eng.close();
  }, 90_000);

  it('lists the incomplete uploads under a folder with their sizes, and aborts them verified', async () => {
    const bucket = await freshBucketOn(backend, 'incomplete');
    const a = await createMultipartUpload(backend.endpoint, bucket, 'folder/a.bin');
    await uploadPart(backend.endpoint, bucket, 'folder/a.bin', a, 1, 'x'.repeat(1000));
    await createMultipartUpload(backend.endpoint, bucket, 'folder/sub/b.bin');
    await createMultipartUpload(backend.endpoint, bucket, 'other/c.bin');
    const eng = engine();
    const endpoint = targetFor(backend, bucket);
    const listed = await eng.listIncomplete(endpoint, bucket, 'folder/');
    expect(listed.map((u) => [u.key, u.parts, u.bytes]).sort()).toEqual([
      ['folder/a.bin', 1, 1000],
      ['folder/sub/b.bin', 0, 0],
    ]);
    const results = await eng.abortIncomplete(endpoint, bucket, listed);
    expect(results.every((r) => r.verified)).toBe(true);
    expect((await listMultipartUploads(backend.endpoint, bucket)).map((u) => u.key)).toEqual(['other/c.bin']);
    await eng.close();
  });
});

describeEachBackendAndPath(
  'wrong credentials',
  (backend: S3Backend, dataPath) => {
    const engine = (opts: EngineOptions = {}) => createEngine({ retryBaseDelayMs: 20, dataPath, ...opts });
    const proxy = useProxyTo(backend);

    it('a wrong secret on a folder of 30 files: every file fails with SignatureDoesNotMatch, and only the first few are tried', async () => {
      const dir = await makeTempDir();
      const files = await Promise.all(Array.from({ length: 30 }, (_, i) => makeFile(dir, `f${i}.txt`, 100, i)));
      const bucket = await freshBucketOn(backend, 'badsecret');
      const eng = engine({ filesInParallel: 3 });
      const wrong = {
        endpointUrl: proxy().endpoint,
        credentials: { accessKeyId: backend.own?.accessKeyId ?? 'test', secretAccessKey: 'wrong' },
      };
      const { items } = await eng.add(files, targetFor(backend, bucket, '', wrong));
      await eng.idle();
      const states = items.map((i) => eng.get(i.id)!.state);
      expect(new Set(states.map((s) => (s.kind === 'failed' ? s.error.code : s.kind)))).toEqual(
        new Set(['SignatureDoesNotMatch']),
      );
      // One message for all: the files not tried carry the first failure's own words.
      expect(new Set(states.map((s) => (s as { error: { message: string } }).error.message)).size).toBe(1);
      // The files that were running when the first failure came back, and no more.
      expect(proxy().requests.filter((r) => r.method === 'PUT').length).toBeLessThanOrEqual(3);
      expect(await listObjects(backend.endpoint, bucket)).toEqual([]);
      await eng.close();
    });

    it('an access key the server does not know: the message says so and quotes the server, not "check the bucket"', async () => {
      const dir = await makeTempDir();
      const file = await makeFile(dir, 'k.txt', 100, 1);
      const bucket = await freshBucketOn(backend, 'badkey');
      const eng = engine();
      const { items } = await eng.add(
        [file],
        targetFor(backend, bucket, '', { credentials: { accessKeyId: 'nobody-knows-me', secretAccessKey: 'x' } }),
      );
      await eng.idle();
      const state = eng.get(items[0]!.id)!.state;
      expect(state.kind).toBe('failed');
      const message = (state as { error: { message: string } }).error.message;
      expect(message).toMatch(/access key/i);
      expect(message).not.toMatch(/bucket name/i);
      await eng.close();
    });
  },
  (b) => b.checksSignatures && proxyable(b),
);
