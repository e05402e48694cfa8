// The lean signer keeps the day's signing key for the credentials it was derived from (sign.ts, keepSigningKey). These
// check that it still signs exactly as the SDK's own signer does, that it derives the key again when the credentials
// or the day change, and that the SDK still gets its key through the method the cache is set on: if a later SDK
// stopped calling it, the cache would silently do nothing, and the count below would be 0.
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, SourceData } from '@smithy/types';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EndpointClock } from './clock';
import { objectUrl } from './object-url';
import { LeanSigner } from './sign';

const endpoint = { endpointUrl: 'http://127.0.0.1:9000', region: 'eu-west-1', forcePathStyle: true };
const url = objectUrl(endpoint, 'bucket', 'photos/a b.jpg');
const headers = { 'content-length': '5', 'content-type': 'application/octet-stream' };

const bytes = (d: SourceData): string | Buffer =>
  typeof d === 'string'
    ? d
    : ArrayBuffer.isView(d)
      ? Buffer.from(d.buffer, d.byteOffset, d.byteLength)
      : Buffer.from(d);

/** SHA-256 and its HMAC for the SDK's signer, written apart from sign.ts's so that the two are compared. */
class PlainSha256 {
  private readonly h: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(d: SourceData): void {
    this.h.update(bytes(d));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.h.digest());
  }
}

/** What the SDK's own signer, with no cache of ours, signs for the same request at the same time. */
async function sdkAuthorization(credentials: AwsCredentialIdentity, at: Date): Promise<string> {
  const signer = new SignatureV4({
    credentials,
    region: endpoint.region,
    service: 's3',
    sha256: PlainSha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: 'PUT',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port,
      path: url.path,
      query: {},
      headers: { ...headers, host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    },
    { signingDate: at },
  );
  return signed.headers['authorization']!;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the lean signer keeps its signing key', () => {
  it('derives the key once per credentials and day, and signs as the SDK does', async () => {
    const derive = vi.spyOn(SignatureV4.prototype as unknown as { getSigningKey: () => unknown }, 'getSigningKey');
    let now = Date.parse('2026-12-03T10:00:00Z');
    let credentials: AwsCredentialIdentity = { accessKeyId: 'AKIDONE', secretAccessKey: 'secret-one' };
    const signer = new LeanSigner(() => Promise.resolve(credentials), endpoint.region, new EndpointClock(() => now));

    // Each lean signature with its time and credentials, checked against the SDK's only after the counting (the SDK's
    // own signer below derives its keys through the same method).
    const made: { authorization: string; at: number; credentials: AwsCredentialIdentity }[] = [];
    const sign = async (): Promise<Record<string, string>> => {
      const signed = await signer.sign(url, {}, headers);
      made.push({ authorization: signed['authorization']!, at: now, credentials });
      return signed;
    };

    await sign();
    now += 60_000;
    await sign();
    expect(derive).toHaveBeenCalledTimes(1);

    // Refreshed credentials (a new object, a new secret): a new key.
    credentials = { accessKeyId: 'AKIDTWO', secretAccessKey: 'secret-two', sessionToken: 'token' };
    expect((await sign())['x-amz-security-token']).toBe('token');
    expect(derive).toHaveBeenCalledTimes(2);

    // The next day: the key's scope names the day, so it is derived again.
    now += 24 * 3600_000;
    await sign();
    expect(derive).toHaveBeenCalledTimes(3);

    for (const m of made) expect(m.authorization).toBe(await sdkAuthorization(m.credentials, new Date(m.at)));
  });

  it('derives again when the same credentials object is given another secret', async () => {
    const derive = vi.spyOn(SignatureV4.prototype as unknown as { getSigningKey: () => unknown }, 'getSigningKey');
    const at = Date.parse('2026-12-03T10:00:00Z');
    const credentials = { accessKeyId: 'AKIDONE', secretAccessKey: 'secret-one' };
    const signer = new LeanSigner(credentials, endpoint.region, new EndpointClock(() => at));
    await signer.sign(url, {}, headers);
    await signer.sign(url, {}, headers);
    expect(derive).toHaveBeenCalledTimes(1);
    credentials.secretAccessKey = 'secret-changed';
    const signed = await signer.sign(url, {}, headers);
    expect(derive).toHaveBeenCalledTimes(2);
    expect(signed['authorization']).toBe(await sdkAuthorization(credentials, new Date(at)));
  });
});
