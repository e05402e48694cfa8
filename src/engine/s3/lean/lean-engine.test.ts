// The engine on each data path, where the lean one has to keep what the SDK path gives: the 'auto' check falling back
// to Content-MD5 for a server that refuses the CRC32 header, byte-level progress within one request, and the speed
// limit.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../index';
import { cleanupTempDirs, makeFile, makeTempDir, sha256File } from '../../../../test/harness/fixtures';
import { objectSha256 } from '../../../../test/harness/s3-check';
import { freshBucket, s3, target } from '../../../../test/engine/helpers';
import { DATA_PATH_KINDS } from './data-path';
import { startSinkS3, type SinkS3 } from '../../../../test/bench/sink-s3';

afterAll(cleanupTempDirs);

const MiB = 1024 * 1024;

/** A server that stores nothing, answers PUTs with the body's MD5 as ETag, and refuses the CRC32 header as R2 does. */
async function crc32Refuser(): Promise<{ endpoint: string; seen: string[]; close(): void }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    const hash = createHash('md5');
    req.on('data', (chunk: Buffer) => hash.update(chunk));
    req.on('end', () => {
      if (req.headers['x-amz-checksum-crc32']) {
        seen.push('crc32');
        res.writeHead(501, { 'content-type': 'application/xml' });
        res.end(
          '<Error><Code>NotImplemented</Code><Message>Header x-amz-checksum-crc32 is not implemented</Message></Error>',
        );
        return;
      }
      seen.push(req.headers['content-md5'] ? 'md5' : 'none');
      res.writeHead(200, { etag: `"${hash.digest('hex')}"` }).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => server.close(),
  };
}

/** What each part request of the run carried: 'trailer' or 'header'. */
const partChecks = (sink: SinkS3, bucket: string): string[] =>
  sink
    .seen(bucket)
    .filter((r) => r.op === 'UploadPart')
    .map((r) =>
      r.checks.join() === 'CRC32 (trailer)'
        ? 'trailer'
        : r.checks.join() === 'CRC32 (header)'
          ? 'header'
          : r.checks.join(),
    );

describe('the lean path and the CRC32 trailer', () => {
  for (const echo of [true, false]) {
    it(
      echo
        ? 'sends every part with its CRC32 as a trailer where the server names it back'
        : 'sends the parts again with the CRC32 header where the server does not name it back, and the next file so',
      async () => {
        const sink = await startSinkS3({ echoChecksums: echo });
        const dir = await makeTempDir();
        const files = [await makeFile(dir, 'one.bin', 12 * MiB, 5), await makeFile(dir, 'two.bin', 11 * MiB, 6)];
        const eng = createEngine({
          dataPath: 'lean',
          partSize: 5 * MiB,
          multipartThreshold: 5 * MiB,
          filesInParallel: 1,
        });
        try {
          const first = await eng.add([files[0]!], target('b1', '', { checksum: 'auto' }, sink.endpoint));
          await eng.idle();
          const second = await eng.add([files[1]!], target('b2', '', { checksum: 'auto' }, sink.endpoint));
          await eng.idle();
          expect([...first.items, ...second.items].map((i) => eng.get(i.id)?.state.kind)).toEqual(['done', 'done']);
          const one = partChecks(sink, 'b1');
          const two = partChecks(sink, 'b2');
          if (echo) {
            expect(one).toEqual(['trailer', 'trailer', 'trailer']);
            expect(two).toEqual(['trailer', 'trailer', 'trailer']);
          } else {
            // The parts in flight when the first answer came went with the trailer, then every part with the header.
            expect(one.filter((c) => c === 'header')).toHaveLength(3);
            expect(one.slice(0, one.indexOf('header')).every((c) => c === 'trailer')).toBe(true);
            expect(one.indexOf('header')).toBeGreaterThan(0);
            expect(two).toEqual(['header', 'header', 'header']);
          }
        } finally {
          await eng.close();
          await sink.close();
        }
      },
    );
  }
});

describe('a server that fails every trailer', () => {
  const refusals = [
    { status: 400, code: 'InvalidRequest', how: 'refused, all parts in flight at once' },
    { status: 500, code: 'InternalError', how: 'with a server error, which may be its way of refusing it' },
  ];
  for (const refusal of refusals) {
    it(`${refusal.status} ${refusal.code}: ${refusal.how}; every part lands with the header`, async () => {
      const sink = await startSinkS3({ refuseTrailers: refusal });
      const dir = await makeTempDir();
      const file = await makeFile(dir, 'big.bin', 17 * MiB, 7);
      const eng = createEngine({
        dataPath: 'lean',
        partSize: 5 * MiB,
        multipartThreshold: 5 * MiB,
        filesInParallel: 1,
        retryBaseDelayMs: 10,
      });
      try {
        const { items } = await eng.add([file], target('b', '', { checksum: 'auto' }, sink.endpoint));
        await eng.idle();
        expect(items.map((i) => eng.get(i.id)?.state.kind)).toEqual(['done']);
        const checks = partChecks(sink, 'b');
        // Four parts, four in flight: each went with the trailer once, and then with the header.
        expect(checks.filter((c) => c === 'header')).toHaveLength(4);
        expect(checks.filter((c) => c === 'trailer').length).toBeGreaterThanOrEqual(1);
        expect(checks.filter((c) => c === 'trailer').length).toBeLessThanOrEqual(4);
        expect(sink.objects('b')).toBe(1);
      } finally {
        await eng.close();
        await sink.close();
      }
    });
  }
});

describe('EngineOptions.dataPath', () => {
  it('refuses a value that is neither lean nor sdk, naming it', () => {
    expect(() => createEngine({ dataPath: 'fast' as never })).toThrow('dataPath "fast" is not one of lean, sdk.');
  });
});

for (const dataPath of DATA_PATH_KINDS) {
  describe(`engine on the ${dataPath} data path`, () => {
    it("'auto' falls back to Content-MD5 at a server that refuses the CRC32 header, and keeps it for the next file", async () => {
      const server = await crc32Refuser();
      const dir = await makeTempDir();
      const files = [await makeFile(dir, 'one.bin', 70_000, 1), await makeFile(dir, 'two.bin', 70_000, 2)];
      const eng = createEngine({ dataPath, filesInParallel: 1, retryBaseDelayMs: 10 });
      try {
        const { items } = await eng.add(files, target('bucket', '', { checksum: 'auto' }, server.endpoint));
        await eng.idle();
        expect(items.map((i) => eng.get(i.id)?.state.kind)).toEqual(['done', 'done']);
        expect(server.seen).toEqual(['crc32', 'md5', 'md5']);
      } finally {
        await eng.close();
        server.close();
      }
    });

    it('counts a single PUT and a part byte by byte as they go out, at the speed limit', async () => {
      const dir = await makeTempDir();
      const single = await makeFile(dir, 'single.bin', 3 * MiB, 3);
      const multi = await makeFile(dir, 'multi.bin', 6 * MiB, 4);
      const bucket = await freshBucket(`lean-progress-${dataPath}`);
      const eng = createEngine({
        dataPath,
        bytesPerSecond: 3 * MiB,
        partSize: 5 * MiB,
        multipartThreshold: 5 * MiB,
        filesInParallel: 1,
      });
      try {
        const started = performance.now();
        const { items } = await eng.add([single, multi], target(bucket));
        const partial = new Map<string, Set<number>>(items.map((i) => [i.id, new Set<number>()]));
        const poll = setInterval(() => {
          for (const i of items) {
            const now = eng.get(i.id);
            if (now && now.loaded > 0 && now.loaded < now.total) partial.get(i.id)!.add(now.loaded);
          }
        }, 40);
        await eng.idle();
        clearInterval(poll);
        const seconds = (performance.now() - started) / 1000;
        expect(items.map((i) => eng.get(i.id)?.state.kind)).toEqual(['done', 'done']);
        // 9 MiB at 3 MiB/s: three seconds, less the limiter's first burst.
        expect(seconds).toBeGreaterThan(2.2);
        // Many distinct partial counts for each file (the 5 MiB first part of multi.bin among them).
        for (const i of items) expect(partial.get(i.id)!.size, i.name).toBeGreaterThan(5);
        expect(await objectSha256(s3(), bucket, 'multi.bin')).toBe(await sha256File(multi));
      } finally {
        await eng.close();
      }
    });
  });
}
