// The lean signer's HMAC-SHA256 (sign.ts hmacOf, made of copied SHA-256 states) against node:crypto's createHmac: keys
// shorter than, as long as and longer than SHA-256's 64-byte block, several updates, and the same key used again.
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacOf } from './sign';

describe('hmacOf', () => {
  it.each([0, 1, 32, 63, 64, 65, 200])('matches createHmac for a %i-byte key, every time the key is used', (len) => {
    const key = new Uint8Array(randomBytes(len));
    for (const parts of [['AWS4-HMAC-SHA256\n20261203T000000Z\n', 'scope\n', 'abc'], [''], ['x'.repeat(1000)]]) {
      for (let use = 0; use < 3; use++) {
        const ours = hmacOf(key);
        const theirs = createHmac('sha256', key);
        for (const p of parts) {
          ours.update(p);
          theirs.update(p);
        }
        expect(ours.digest().toString('hex')).toBe(theirs.digest('hex'));
      }
    }
  });

  it('takes bytes as well as text', () => {
    const key = new Uint8Array(randomBytes(32));
    const data = randomBytes(300);
    const ours = hmacOf(key);
    ours.update(new Uint8Array(data.buffer, data.byteOffset, 100));
    ours.update(new Uint8Array(data.buffer, data.byteOffset + 100, 200));
    expect(ours.digest().toString('hex')).toBe(createHmac('sha256', key).update(data).digest('hex'));
  });
});
