// Signing a data request with the SDK's own Signature V4 signer: the same credentials provider and region as the
// endpoint's SDK client, service s3, the path as sent (S3 does not encode it twice), and UNSIGNED-PAYLOAD, since the
// body's integrity header (CRC32 or Content-MD5, signed like every header) is what vouches for the bytes.
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
        headers: { ...headers, host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      },
      { signingDate: this.clock.now() },
    );
    return signed.headers;
  }
}
