// Signing a data request with the SDK's own Signature V4 signer: the same credentials provider and region as the
// endpoint's SDK client, service s3, the path as sent (S3 does not encode it twice), and UNSIGNED-PAYLOAD, since the
// body's integrity header (CRC32 or Content-MD5, signed like every header) is what vouches for the bytes; a part whose
// CRC32 follows it as a trailer is STREAMING-UNSIGNED-PAYLOAD-TRAILER.
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, SourceData } from '@smithy/types';
import type { EndpointClock } from './clock';
import type { ObjectUrl } from './object-url';

/** SHA-256 (and its HMAC, given a secret) in the shape the signer takes, over node:crypto. */
class NodeSha256 {
  private hash: Hash | Hmac;
  private readonly secret: string | Uint8Array | undefined;

  constructor(secret?: SourceData) {
    this.secret = secret === undefined ? undefined : bytesOf(secret);
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
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
