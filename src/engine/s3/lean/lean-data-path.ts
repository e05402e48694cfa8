// The lean data path: PutObject and UploadPart signed with the SDK's signer (sign.ts) and sent over node:http(s)
// (send.ts) through a keep-alive agent of the endpoint's own, skipping the SDK's command pipeline (about 2.7 ms of CPU
// per request in the profile of 1,000 small uploads, against about 1 ms for the request itself); a small file's PUT
// goes straight onto a connection of the endpoint's own pool (raw-put.ts), skipping node:http's too.
import type { Endpoint } from '../../../shared/target';
import { FileRangeBody } from '../../job/counting-stream';
import type { BodyDigest } from '../../job/integrity';
import { objectHeaders } from '../../job/object-fields';
import { TrackingHttpAgent, TrackingHttpsAgent, requestGroupOf } from '../request-group';
import type { ClientTimeouts } from '../sdk-client';
import { isClockSkew, markClockFixed, type EndpointClock } from './clock';
import type { DataAnswer, DataPath, DataSendOptions, PutObjectInput, UploadPartInput } from './data-path';
import { serviceError } from './error-xml';
import { encodeSegment, endpointProtocol, objectUrl } from './object-url';
import { sendRequest } from './send';
import { SocketPool } from './socket-pool';
import { LeanSigner, type CredentialsSource } from './sign';
import { Crc32Framer, CRC32_NAME, trailerHeaders } from './aws-chunked';
import type { TrailerSupport } from './trailer-support';

export interface LeanEndpoint {
  endpoint: Pick<Endpoint, 'endpointUrl' | 'region' | 'forcePathStyle'>;
  /** The SDK client's credentials (or its provider), so that both paths sign as the same user. */
  credentials: CredentialsSource;
  /** The endpoint's clock: what a skew refusal taught it serves every later request (and the SDK client's offset). */
  clock: EndpointClock;
  timeouts: ClientTimeouts;
  /** The PEM certificates to trust for https instead of the system's (the profile's CA bundle, or AWS_CA_BUNDLE). */
  ca?: string;
  /** Hears every offset learned from a server's Date header (the SDK client takes it as systemClockOffset). */
  onClockOffset?: (offsetMs: number) => void;
  /** Whether the endpoint takes a part's CRC32 as a trailer (shared with the paths to its buckets' other regions). */
  trailer: TrailerSupport;
}

const AGENT_OPTIONS = { keepAlive: true, maxSockets: 256, keepAliveMsecs: 1000 };

export class LeanDataPath implements DataPath {
  readonly kind = 'lean';
  private readonly signer: LeanSigner;
  private readonly agent: TrackingHttpAgent | TrackingHttpsAgent;
  /** The connections a small file's PUT is written onto directly (raw-put.ts); the agent carries everything else. */
  private readonly pool: SocketPool;

  constructor(private readonly ep: LeanEndpoint) {
    this.signer = new LeanSigner(ep.credentials, ep.endpoint.region, ep.clock);
    const https = endpointProtocol(ep.endpoint.endpointUrl) === 'https:';
    this.agent = https
      ? new TrackingHttpsAgent(ep.ca ? { ...AGENT_OPTIONS, ca: ep.ca } : AGENT_OPTIONS)
      : new TrackingHttpAgent(AGENT_OPTIONS);
    this.pool = new SocketPool(https ? (ep.ca ? { ca: ep.ca } : {}) : undefined);
  }

  putObject(input: PutObjectInput, options: DataSendOptions): Promise<DataAnswer> {
    // Signed like every header: a proxy cannot change the object's type, metadata or tags on the way.
    return this.put(
      input,
      {},
      { ...digestHeaders(input.digest, false), ...objectHeaders(input.fields ?? {}) },
      options,
    );
  }

  uploadPart(input: UploadPartInput, options: DataSendOptions): Promise<DataAnswer> {
    const query = { partNumber: String(input.partNumber), uploadId: input.uploadId };
    if (input.crc32Trailer) return this.putTrailed(input, query, options);
    return this.put(input, query, digestHeaders(input.digest, true), options);
  }

  /** Whether a part may go with its CRC32 as a trailer, computed while it is sent (aws-chunked.ts). */
  sendsCrc32Trailer(): boolean {
    return this.ep.trailer.usable;
  }

  /**
   * A part framed with its CRC32 as a trailer. Kept only when the server's answer names that CRC32; otherwise the
   * endpoint turns to the header (trailer-support.ts) and the error says to send the part again at once.
   */
  private async putTrailed(
    input: UploadPartInput,
    query: Record<string, string>,
    options: DataSendOptions,
  ): Promise<DataAnswer> {
    if (!(input.body instanceof FileRangeBody)) throw new Error('A trailer is sent only with a file range body.');
    // Another part's answer may have shown meanwhile that the endpoint does not take it (a clock fix's resend, say).
    if (!this.ep.trailer.usable) throw this.ep.trailer.refusal();
    const framer = new Crc32Framer(input.contentLength);
    input.body.frameWith(framer);
    let answer: DataAnswer;
    try {
      answer = await this.put(input, query, trailerHeaders(input.contentLength), options);
    } catch (err) {
      throw this.ep.trailer.failed(err);
    }
    if (answer.ChecksumCRC32 !== framer.checksum) throw this.ep.trailer.failed();
    this.ep.trailer.taken();
    return answer;
  }

  /** Closes the idle connections. */
  destroy(): void {
    this.agent.destroy();
    this.pool.destroy();
  }

  private async put(
    input: PutObjectInput | UploadPartInput,
    query: Record<string, string>,
    extra: Record<string, string>,
    options: DataSendOptions,
  ): Promise<DataAnswer> {
    try {
      return await this.attempt(input, query, extra, options);
    } catch (err) {
      // A refused clock: the server's Date header says by how much ours is off. The request is marked so that its
      // sender sends it again at once with a fresh body (clock.ts, resendOnClockFix), signed with the corrected time.
      if (isClockSkew(err) && this.ep.clock.learn(dateOf(err))) {
        this.ep.onClockOffset?.(this.ep.clock.offsetMs);
        markClockFixed(err);
      }
      throw err;
    }
  }

  private async attempt(
    input: PutObjectInput | UploadPartInput,
    query: Record<string, string>,
    extra: Record<string, string>,
    options: DataSendOptions,
  ): Promise<DataAnswer> {
    const url = objectUrl(this.ep.endpoint, input.bucket, input.key);
    const headers = await this.signer.sign(url, query, {
      'content-length': String(input.contentLength),
      // As the SDK sends for a file body without a type of its own: the object's Content-Type is the same on both
      // paths. A PutObject's own type (extra) replaces it. A trailer's encoded length replaces the content length.
      'content-type': 'application/octet-stream',
      ...extra,
    });
    const answer = await sendRequest(url, queryString(query), headers, input.body, {
      agent: this.agent,
      pool: this.pool,
      timeouts: this.ep.timeouts,
      signal: options.abortSignal,
      group: requestGroupOf(options.abortSignal),
    });
    const header = (name: string): string | undefined => {
      const v = answer.headers[name];
      return Array.isArray(v) ? v.join(',') : v;
    };
    if (answer.status < 200 || answer.status >= 300) {
      const err = serviceError(answer.status, answer.body, { requestId: header('x-amz-request-id') });
      Object.defineProperty(err, '$serverDate', { value: header('date'), enumerable: false });
      throw err;
    }
    return {
      ETag: header('etag'),
      VersionId: header('x-amz-version-id'),
      ChecksumCRC32: header(CRC32_NAME),
    };
  }
}

/** The integrity headers as the SDK sends them: UploadPart names its algorithm, as the SDK does with ChecksumAlgorithm. */
function digestHeaders(digest: BodyDigest, part: boolean): Record<string, string> {
  if (digest.ChecksumCRC32) {
    return part
      ? { 'x-amz-checksum-crc32': digest.ChecksumCRC32, 'x-amz-sdk-checksum-algorithm': 'CRC32' }
      : { 'x-amz-checksum-crc32': digest.ChecksumCRC32 };
  }
  if (digest.ContentMD5) return { 'content-md5': digest.ContentMD5 };
  return {};
}

/** The query as sent: sorted and encoded as the signer's canonical form has it. */
function queryString(query: Record<string, string>): string {
  return Object.keys(query)
    .sort()
    .map((k) => `${encodeSegment(k)}=${encodeSegment(query[k]!)}`)
    .join('&');
}

function dateOf(err: unknown): string | undefined {
  return (err as { $serverDate?: string }).$serverDate;
}
