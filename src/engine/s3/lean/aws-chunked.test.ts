// The aws-chunked frame of a part with its CRC32 trailer: whatever sizes the body is written in, the wire bytes are
// exactly encodedLength() long, decode into the body, and end with the body's CRC32.
import { describe, expect, it } from 'vitest';
import { makeBytes, crc32Base64 } from '../../../../test/harness/fixtures';
import { Crc32Framer, encodedLength, trailerHeaders } from './aws-chunked';

const MiB = 1024 * 1024;

/** Decodes an aws-chunked body as a server does: its chunks' sizes, its bytes and its trailer lines. */
function decode(wire: Buffer): { sizes: number[]; body: Buffer; trailer: string[] } {
  const sizes: number[] = [];
  const parts: Buffer[] = [];
  let at = 0;
  const line = (): string => {
    const end = wire.indexOf('\r\n', at, 'latin1');
    if (end < 0) throw new Error(`no line end after byte ${at}`);
    const text = wire.subarray(at, end).toString('latin1');
    at = end + 2;
    return text;
  };
  for (;;) {
    const size = parseInt(line(), 16);
    if (size === 0) break;
    sizes.push(size);
    parts.push(wire.subarray(at, at + size));
    at += size;
    expect(wire.subarray(at, at + 2).toString('latin1')).toBe('\r\n');
    at += 2;
  }
  const trailer: string[] = [];
  for (let l = line(); l !== ''; l = line()) trailer.push(l);
  expect(at).toBe(wire.length);
  return { sizes, body: Buffer.concat(parts), trailer };
}

describe('Crc32Framer', () => {
  const sizes = [1, 1000, MiB - 1, MiB, MiB + 1, 3 * MiB + 17];
  const writes = [Number.MAX_SAFE_INTEGER, 128 * 1024, 512 * 1024, 100_003, 16 * 1024];
  for (const size of sizes) {
    it(`frames ${size} bytes written in any sizes into the same wire bytes, encodedLength long`, () => {
      const body = makeBytes(size, size % 251);
      let first: Buffer | undefined;
      for (const step of writes) {
        const framer = new Crc32Framer(size);
        const pieces: Buffer[] = [];
        for (let at = 0; at < size; at += step) pieces.push(...framer.frame(body.subarray(at, at + step)));
        pieces.push(framer.end());
        const wire = Buffer.concat(pieces);
        expect(wire.length).toBe(encodedLength(size));
        first ??= wire;
        expect(wire.equals(first), `written ${step} at a time`).toBe(true);
        const decoded = decode(wire);
        expect(decoded.body.equals(body)).toBe(true);
        // Every chunk 1 MiB but the last.
        expect(decoded.sizes.slice(0, -1).every((n) => n === MiB)).toBe(true);
        expect(decoded.trailer).toEqual([`x-amz-checksum-crc32:${crc32Base64(body)}`]);
        expect(framer.checksum).toBe(crc32Base64(body));
      }
    });
  }

  it('refuses to end short of its size, and bytes past it', () => {
    const short = new Crc32Framer(10);
    short.frame(Buffer.alloc(9));
    expect(() => short.end()).toThrow('The body ended after 9 of 10 bytes.');
    const long = new Crc32Framer(10);
    expect(() => long.frame(Buffer.alloc(11))).toThrow('More bytes were written than the frame was made for.');
  });

  it('announces the frame: the encoded Content-Length, the decoded length, the trailer and its payload marker', () => {
    expect(trailerHeaders(5 * MiB)).toEqual({
      'content-length': String(encodedLength(5 * MiB)),
      'content-encoding': 'aws-chunked',
      'x-amz-decoded-content-length': String(5 * MiB),
      'x-amz-trailer': 'x-amz-checksum-crc32',
      'x-amz-sdk-checksum-algorithm': 'CRC32',
      'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
    });
  });
});
