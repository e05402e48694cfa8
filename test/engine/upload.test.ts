// Uploads that must arrive whole: checked by downloading through boto3, not through the SDK under test.
import { afterAll, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanupTempDirs, makeFile, makeTempDir, sha256File } from '../harness/fixtures';
import { startFaultProxy } from '../harness/fault-proxy';
import { listMultipartUploads, listObjects, objectSha256, headObject } from '../harness/s3-check';
import { engine, freshBucket, recordStates, s3, target } from './helpers';
import { WHOLE_READ_MAX } from '../../src/engine/job/small-file';

const MiB = 1024 * 1024;
afterAll(cleanupTempDirs);

describe('engine uploads to a real S3 server', () => {
  it.each(['auto', 'crc32', 'off'] as const)(
    'sends 0 B, 1 MiB and 41 MiB files byte-identical (checksum %s)',
    async (checksum) => {
      const dir = await makeTempDir();
      const files = [
        await makeFile(dir, 'empty.bin', 0),
        await makeFile(dir, 'one.bin', MiB, 2),
        await makeFile(dir, 'big file 41.bin', 41 * MiB, 3),
      ];
      const bucket = await freshBucket('up');
      const eng = engine();
      const states = recordStates(eng);
      const { items, rejected } = await eng.add(files, target(bucket, 'in/', { checksum }));
      expect(rejected).toEqual([]);
      await eng.idle();
      for (const item of eng.snapshot()) {
        expect(item.state.kind, JSON.stringify(item.state)).toBe('done');
        expect(item.loaded).toBe(item.total);
      }
      for (const [i, file] of files.entries()) {
        expect(await objectSha256(s3(), bucket, items[i]!.key)).toBe(await sha256File(file));
      }
      // 41 MiB at the default 8 MiB part size is six parts; S3's multipart ETag says how many.
      expect((await headObject(s3(), bucket, 'in/big file 41.bin'))?.etag).toMatch(/-6"?$/);
      expect(states.get(items[2]!.id)).toEqual(['queued', 'starting', 'uploading', 'completing', 'done']);
      expect(await listMultipartUploads(s3(), bucket)).toEqual([]);
      await eng.close();
    },
  );

  it('reads a file of WHOLE_READ_MAX bytes whole and streams one a byte larger (a checksum pass, then its body)', async () => {
    const dir = await makeTempDir();
    const whole = await makeFile(dir, 'whole.bin', WHOLE_READ_MAX, 7);
    const streamed = await makeFile(dir, 'streamed.bin', WHOLE_READ_MAX + 1, 8);
    const opens = new Map<string, number>();
    const realOpen = fs.open.bind(fs) as (...args: unknown[]) => void;
    const spy = vi.spyOn(fs, 'open').mockImplementation(((path: string, ...rest: unknown[]) => {
      opens.set(path, (opens.get(path) ?? 0) + 1);
      realOpen(path, ...rest);
    }) as typeof fs.open);
    try {
      const bucket = await freshBucket('whole');
      const eng = engine();
      const { items } = await eng.add([whole, streamed], target(bucket, 'w/'));
      await eng.idle();
      for (const item of eng.snapshot()) expect(item.state.kind, JSON.stringify(item.state)).toBe('done');
      for (const [i, file] of [whole, streamed].entries())
        expect(await objectSha256(s3(), bucket, items[i]!.key)).toBe(await sha256File(file));
      // Both are opened alike when added and looked at (read permission, the first look); the streamed one twice
      // more: its checksum pass and its body.
      expect(opens.get(streamed)! - opens.get(whole)!).toBe(2);
      await eng.close();
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps folder structure, Unicode and spaces in keys', async () => {
    const dir = await makeTempDir();
    const root = join(dir, 'Fotos 2024');
    await mkdir(join(root, '夏', 'sub dir'), { recursive: true });
    await makeFile(root, '夏/海 の 写真.jpg', 1000, 4);
    await makeFile(root, '夏/sub dir/a b.txt', 10, 5);
    await makeFile(root, 'top.txt', 20, 6);
    const bucket = await freshBucket('tree');
    const eng = engine();
    await eng.add([root], target(bucket, 'backup/'));
    await eng.idle();
    const keys = (await listObjects(s3(), bucket)).map((o) => o.key).sort();
    expect(keys).toEqual([
      'backup/Fotos 2024/top.txt',
      'backup/Fotos 2024/夏/sub dir/a b.txt',
      'backup/Fotos 2024/夏/海 の 写真.jpg',
    ]);
    await eng.close();
  });

  it('puts a folder holding one file under a prefix without a trailing slash, as a folder', async () => {
    const dir = await makeTempDir();
    await makeFile(join(dir, 'album'), 'only.jpg', 10, 9);
    const bucket = await freshBucket('onefile');
    const eng = engine();
    await eng.add([join(dir, 'album')], target(bucket, 'backup'));
    await eng.idle();
    expect((await listObjects(s3(), bucket)).map((o) => o.key)).toEqual(['backup/album/only.jpg']);
    await eng.close();
  });

  it('uses a prefix without a trailing slash as the exact key of a single file', async () => {
    const dir = await makeTempDir();
    const file = await makeFile(dir, 'local.bin', 100, 7);
    const bucket = await freshBucket('exact');
    const eng = engine();
    await eng.add([file], target(bucket, 'renamed/remote.bin'));
    await eng.idle();
    expect((await listObjects(s3(), bucket)).map((o) => o.key)).toEqual(['renamed/remote.bin']);
    await eng.close();
  });

  it('reports byte progress while parts are still going out, at most ~10 events a second', async () => {
    const dir = await makeTempDir();
    const file = await makeFile(dir, 'p.bin', 24 * MiB, 8);
    const bucket = await freshBucket('progress');
    // One part in flight and 8 MiB parts: a per-part counter could only ever show 0, 8, 16 and 24 MiB. The proxy
    // slows the link so that a part takes ~0.4 s to go out; on bare loopback it would vanish into socket buffers.
    const proxy = await startFaultProxy(Number(new URL(s3()).port));
    proxy.throttle(20 * MiB);
    const eng = engine({ partsPerFile: 1 });
    const loaded: number[] = [];
    const times: number[] = [];
    eng.subscribe((e) => {
      if (e.type === 'items')
        for (const i of e.items)
          if (i.state.kind === 'uploading') {
            loaded.push(i.loaded);
            times.push(Date.now());
          }
    });
    await eng.add([file], target(bucket, '', {}, proxy.endpoint));
    await eng.idle();
    await proxy.close();
    expect(eng.snapshot()[0]?.state.kind).toBe('done');
    const partBoundaries = new Set([0, 8 * MiB, 16 * MiB, 24 * MiB]);
    expect(loaded.some((n) => !partBoundaries.has(n))).toBe(true);
    const span = (times[times.length - 1]! - times[0]!) / 1000;
    expect(loaded.length).toBeLessThanOrEqual(Math.ceil(span * 10) + 5);
    await eng.close();
  });
});
