// The lean floors must send what they claim to, on every plain-HTTP server of the run: lean-floor.ts, PUTs that a
// server checking SigV4 takes (and refuses with a wrong secret), each with the file's bytes and its CRC32 header;
// lean-floor-parts.ts, a big file as a multipart upload whose parts carry their CRC32s, completed whole.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cleanupTempDirs, MiB, randomFile, sha256File, tempDir } from '../cli/files';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { backends, describeEachBackend, freshBucketOn, s3ClientFor } from '../harness/backends';
import { crc32Base64 } from '../harness/fixtures';
import { startFaultProxy } from '../harness/fault-proxy';
import { listMultipartUploads, listObjects, objectSha256 } from '../harness/s3-check';
import { buildLeanFloorScripts, type LeanFloorScripts } from './lean-floor-build';

let scripts: LeanFloorScripts;
let folder: string;
/** Three parts of the floor's 8 MiB: two whole, and one of 1 MiB and 3 bytes (a read shorter than the floor's 1 MiB). */
let bigFile: string;

beforeAll(async () => {
  scripts = await buildLeanFloorScripts();
  const dir = await tempDir('lean-floor');
  folder = join(dir, 'files');
  for (let i = 0; i < 3; i++) await randomFile(join(folder, `f${i}.bin`), 64 * 1024 + i);
  bigFile = join(dir, 'big.bin');
  await randomFile(bigFile, 17 * MiB + 3);
});

afterAll(cleanupTempDirs);

const run = (endpoint: string, bucket: string, secret: string, script = scripts.folder, src = folder, target = 'up/') =>
  promisify(execFile)('node', [script, src, `s3://${bucket}/${target}`, '--endpoint-url', endpoint], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: secret, AWS_REGION: 'us-east-1' },
  });

it('runs on at least one server', () => expect(backends().some((b) => !b.caFile)).toBe(true));

describeEachBackend(
  'lean floor',
  (backend) => {
    it('uploads every file whole, with its CRC32', async () => {
      const bucket = await freshBucketOn(backend, 'lean-floor');
      await run(backend.endpoint, bucket, 'test');
      const keys = (await listObjects(backend.endpoint, bucket)).map((o) => o.key).sort();
      expect(keys).toEqual(['up/f0.bin', 'up/f1.bin', 'up/f2.bin']);
      const client = s3ClientFor(backend);
      for (const name of ['f0.bin', 'f1.bin', 'f2.bin']) {
        const path = join(folder, name);
        expect(await objectSha256(backend.endpoint, bucket, `up/${name}`)).toBe(await sha256File(path));
        // versitygw checks the checksum against the bytes and keeps it; moto keeps none to ask for.
        if (backend.name === 'moto') continue;
        const head = await client.send(
          new HeadObjectCommand({ Bucket: bucket, Key: `up/${name}`, ChecksumMode: 'ENABLED' }),
        );
        expect(head.ChecksumCRC32).toBe(crc32Base64(await readFile(path)));
      }
      client.destroy();
    });

    it('uploads a big file in parts, each with its CRC32, completed whole (lean-floor-parts)', async () => {
      const bucket = await freshBucketOn(backend, 'lean-floor');
      await run(backend.endpoint, bucket, 'test', scripts.file, bigFile, 'big.bin');
      expect(await objectSha256(backend.endpoint, bucket, 'big.bin')).toBe(await sha256File(bigFile));
      expect(await listMultipartUploads(backend.endpoint, bucket)).toEqual([]);
      if (backend.name === 'moto') return;
      // versitygw checked each part's CRC32 trailer against its bytes, and keeps the CRC32 of the parts' CRC32s: three
      // parts of 8 MiB, 8 MiB and the rest, or this is not what it holds.
      const bytes = await readFile(bigFile);
      const partCrcs = [0, 1, 2].map((i) =>
        Buffer.from(crc32Base64(bytes.subarray(i * 8 * MiB, (i + 1) * 8 * MiB)), 'base64'),
      );
      const client = s3ClientFor(backend);
      const head = await client.send(
        new HeadObjectCommand({ Bucket: bucket, Key: 'big.bin', ChecksumMode: 'ENABLED' }),
      );
      expect(head.ChecksumCRC32).toBe(`${crc32Base64(Buffer.concat(partCrcs))}-3`);
      client.destroy();
    });

    it('fails with exit 1 when a part is cut, and leaves no upload behind (lean-floor-parts)', async () => {
      const bucket = await freshBucketOn(backend, 'lean-floor');
      const proxy = await startFaultProxy(backend.endpoint);
      try {
        proxy.resetNext(1, { match: /partNumber=2&/ });
        await expect(run(proxy.endpoint, bucket, 'test', scripts.file, bigFile, 'big.bin')).rejects.toThrow(
          /UploadPart 2/,
        );
        expect(proxy.faultsInjected).toBe(1);
      } finally {
        await proxy.close();
      }
      expect(await listMultipartUploads(backend.endpoint, bucket)).toEqual([]);
      expect(await listObjects(backend.endpoint, bucket)).toEqual([]);
    });

    if (backend.checksSignatures)
      it('is refused with a wrong secret: it signs as the server checks', async () => {
        const bucket = await freshBucketOn(backend, 'lean-floor');
        await expect(run(backend.endpoint, bucket, 'wrong')).rejects.toThrow(/HTTP 403/);
      });
  },
  (b) => !b.caFile && !b.own,
);
