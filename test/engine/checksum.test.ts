// CRC32 checksums that Hoist computes itself (zlib) must be the values S3 would compute: checked against Python's zlib
// over the same byte ranges, as the headers arrive at a proxy(). moto does not reject a wrong x-amz-checksum-crc32 (it
// recomputes the object's checksum from the data), so the headers are checked here. On the lean path a part's CRC32
// goes after its bytes (an aws-chunked trailer).
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeFile, makeTempDir, sha256File } from '../harness/fixtures';
import { motoPython, run } from '../harness/python';
import { objectSha256 } from '../harness/s3-check';
import { engine, freshBucket, s3, target, useFaultProxy } from './helpers';

const MiB = 1024 * 1024;
const proxy = useFaultProxy();
afterAll(cleanupTempDirs);

/** Base64 CRC32 of each partSize range of the file, by Python's zlib. */
async function pythonCrc32s(file: string, partSize: number): Promise<string[]> {
  const script =
    'import base64, sys, zlib\nf = open(sys.argv[1], "rb")\nwhile True:\n    b = f.read(int(sys.argv[2]))\n    if not b: break\n    print(base64.b64encode(zlib.crc32(b).to_bytes(4, "big")).decode())';
  const res = await run(await motoPython(), ['-c', script, file, String(partSize)]);
  expect(res.code, res.stderr).toBe(0);
  return res.stdout.trim().split('\n');
}

function header(head: string, name: string): string | undefined {
  return new RegExp(`\\r\\n${name}:[ \\t]*([^\\r]*)`, 'i').exec(head)?.[1];
}

/**
 * Uploads a 3-part file and a single-PUT file with checksum crc32 on the given data path through the proxy; checks that
 * both arrived whole and the single PUT's CRC32 header; answers the part requests' heads by part number.
 */
async function uploadThroughProxy(dataPath: 'sdk' | 'lean', seed: number) {
  const dir = await makeTempDir();
  const file = await makeFile(dir, 'crc.bin', 21 * MiB + 123, seed);
  const small = await makeFile(dir, 'small.bin', 300_000, seed + 1);
  const bucket = await freshBucket(`crc-${dataPath}`);
  const eng = engine({ dataPath });
  try {
    await eng.add([file, small], target(bucket, '', { checksum: 'crc32' }, proxy().endpoint));
    await eng.idle();
    expect(eng.snapshot().map((i) => i.state.kind)).toEqual(['done', 'done']);
  } finally {
    await eng.close();
  }
  // A single PUT carries its CRC32 in a header on either path.
  const put = proxy().requests.find((r) => r.method === 'PUT' && /\/small\.bin(\?|$)/.test(r.target));
  expect(header(put!.head, 'x-amz-checksum-crc32')).toBe((await pythonCrc32s(small, MiB))[0]);
  expect(await objectSha256(s3(), bucket, 'crc.bin')).toBe(await sha256File(file));
  const parts = proxy().requests.filter((r) => r.method === 'PUT' && /partNumber=/.test(r.target));
  return {
    file,
    parts: parts.map((r) => ({ partNumber: Number(/partNumber=(\d+)/.exec(r.target)![1]), head: r.head })),
  };
}

describe('CRC32 checksums', () => {
  it('SDK path: sends each part with its own CRC32 in a header and a plain body, not an aws-chunked stream', async () => {
    const { file, parts } = await uploadThroughProxy('sdk', 41);
    const sent = new Map(parts.map((p) => [p.partNumber, p.head]));
    const expected = await pythonCrc32s(file, 8 * MiB);
    expect(expected).toHaveLength(3);
    expect([...sent.keys()].sort()).toEqual([1, 2, 3]);
    for (const [i, crc] of expected.entries()) {
      const head = sent.get(i + 1)!;
      expect(header(head, 'x-amz-checksum-crc32')).toBe(crc);
      expect(header(head, 'content-encoding') ?? '').not.toContain('aws-chunked');
    }
  });

  // The proxy reads only each request's head, so here the lean path's parts are checked for their frame; the CRC32
  // values in their trailers are checked in src/engine/s3/lean/crc32-trailer.test.ts, where versitygw refuses a wrong
  // one (moto names back whatever trailer it was sent).
  it('lean path: sends each part once, framed with its CRC32 as a trailer and no CRC32 header', async () => {
    const { parts } = await uploadThroughProxy('lean', 43);
    expect(parts.map((p) => p.partNumber).sort()).toEqual([1, 2, 3]);
    for (const { head } of parts) {
      expect(header(head, 'content-encoding')).toBe('aws-chunked');
      expect(header(head, 'x-amz-trailer')).toBe('x-amz-checksum-crc32');
      expect(header(head, 'x-amz-content-sha256')).toBe('STREAMING-UNSIGNED-PAYLOAD-TRAILER');
      expect(header(head, 'x-amz-checksum-crc32')).toBeUndefined();
    }
  });
});
