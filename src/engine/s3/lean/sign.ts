// Signing a data request with the SDK's own Signature V4 signer: the same credentials provider and region as the
// endpoint's SDK client, service s3, the path as sent (S3 does not encode it twice), and UNSIGNED-PAYLOAD, since the
// body's integrity header (CRC32 or Content-MD5, signed like every header) is what vouches for the bytes; a part whose
// CRC32 follows it as a trailer is STREAMING-UNSIGNED-PAYLOAD-TRAILER.
import { createHash, createHmac, type Hash } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, SourceData } from '@smithy/types';
import type { EndpointClock } from './clock';
import type { ObjectUrl } from './object-url';

/** SHA-256 before any byte, copied for each hash: createHash looks its digest up anew on every call. */
const EMPTY_SHA256 = createHash('sha256');
const BLOCK = 64;

/** A hash in progress: Node's Hash, or an HMAC made of two of them (hmacOf). */
interface Digester {
  update(data: string | Uint8Array): unknown;
  digest(): Buffer;
}

/**
 * HMAC-SHA256 (RFC 2104) of a byte key, from two SHA-256 states that have taken in the key's padded blocks, kept per
 * key object and copied for each use. The signer's one HMAC per request is keyed by the day's signing key, the same
 * object every time (keepSigningKey); in a run of 1,000 small files createHmac cost about 75 µs a call (it sets the
 * key up again each time) where the two copies cost a few.
 */
const padded = new WeakMap<Uint8Array, { inner: Hash; outer: Hash }>();

export function hmacOf(key: Uint8Array): Digester {
  let states = padded.get(key);
  if (!states) {
    const k = Buffer.alloc(BLOCK);
    (key.length > BLOCK ? createHash('sha256').update(key).digest() : Buffer.from(key)).copy(k);
    const pad = (byte: number) => Buffer.from(k.map((b) => b ^ byte));
    states = { inner: EMPTY_SHA256.copy().update(pad(0x36)), outer: EMPTY_SHA256.copy().update(pad(0x5c)) };
    padded.set(key, states);
  }
  const inner = states.inner.copy();
  const outer = states.outer;
  return {
    update: (data) => inner.update(data),
    digest: () => outer.copy().update(inner.digest()).digest(),
  };
}

/** SHA-256 (and its HMAC, given a secret) in the shape the signer takes, over node:crypto. */
class NodeSha256 {
  private hash: Digester;

  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }

  private fresh(): Digester {
    const secret = this.secret;
    if (secret === undefined) return EMPTY_SHA256.copy();
    // The key derivation's first HMACs are keyed by text (the secret): those are made the usual way, once a day.
    if (secret instanceof Uint8Array) return hmacOf(secret);
    return createHmac('sha256', bytesOf(secret));
  }

  update(data: SourceData): void {
    this.hash.update(bytesOf(data));
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.hash.digest());
  }

  reset(): void {
    this.hash = this.fresh();
  }
}

function bytesOf(data: SourceData): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

export type CredentialsSource = AwsCredentialIdentity | AwsCredentialIdentityProvider;

type SigningKeyOf = (
  credentials: AwsCredentialIdentity,
  region: string,
  shortDate: string,
  service?: string,
) => Promise<Uint8Array>;

/**
 * The signer's signing key, kept for the credentials and the day it was derived for. The SDK keeps one too, but finds
 * it by an HMAC of the secret that it computes for every request: about a third of the signer's CPU on 1,000 small
 * files. Set on the instance, since the SDK's types call the method private; signing-key-cache.test.ts fails if the
 * SDK stops deriving its key through it.
 */
function keepSigningKey(signer: SignatureV4): void {
  const target = signer as unknown as { getSigningKey: SigningKeyOf };
  const derive = target.getSigningKey.bind(signer);
  let kept: { credentials: AwsCredentialIdentity; secret: string; scope: string; key: Promise<Uint8Array> } | undefined;
  target.getSigningKey = (credentials, region, shortDate, service) => {
    const scope = `${shortDate}/${region}/${service ?? ''}`;
    // The same object still holding the same secret: a provider hands out a new object when it refreshes them.
    const secret = credentials.secretAccessKey;
    if (kept && kept.credentials === credentials && kept.secret === secret && kept.scope === scope) return kept.key;
    const key = derive(credentials, region, shortDate, service);
    const entry = { credentials, secret, scope, key };
    kept = entry;
    key.catch(() => {
      if (kept === entry) kept = undefined;
    });
    return key;
  };
}

export class LeanSigner {
  private readonly signer: SignatureV4;

  constructor(
    credentials: CredentialsSource,
    region: string,
    readonly clock: EndpointClock,
  ) {
    this.signer = new SignatureV4({
      credentials,
      region,
      service: 's3',
      sha256: NodeSha256,
      uriEscapePath: false,
      applyChecksum: false,
    });
    keepSigningKey(this.signer);
  }

  /** The headers to send: `headers` with the date, the payload marker and the Authorization (and a session token). */
  async sign(
    url: ObjectUrl,
    query: Record<string, string>,
    headers: Record<string, string>,
  ): Promise<Record<string, string>> {
    const signed = await this.signer.sign(
      {
        method: 'PUT',
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port,
        path: url.path,
        query,
        // A framed body's own marker (aws-chunked.ts) stands; any other body is UNSIGNED-PAYLOAD.
        headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', ...headers, host: url.host },
      },
      { signingDate: this.clock.now() },
    );
    return signed.headers;
  }
}
