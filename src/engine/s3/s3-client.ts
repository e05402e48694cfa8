// One S3Client per endpoint and credentials, with keep-alive sockets and no SDK-level retries: the engine retries
// parts itself so that it can rewind the file stream and take back progress honestly.
import { readFileSync } from 'node:fs';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { Endpoint } from '../../shared/target';
import { hoistError } from './errors';
import { integrityChoice, type IntegrityChoice } from '../job/integrity';
import type { Target } from '../../shared/target';
import type { MessageText } from '../../shared/upload-state';
import { EndpointClock, markClockFixed } from './lean/clock';
import { TrailerSupport } from './lean/trailer-support';
import { sdkDataPath, type DataAnswer, type DataPath, type DataPathKind } from './lean/data-path';
import { correctRegions, findBucketRegion, isWrongRegion, regionCorrected, regionInError } from './region';
import { LeanDataPath } from './lean/lean-data-path';
import { profileCredentials } from './credentials/profile-provider';
import { LazyClient, type ControlClient, type S3Sdk } from './s3-sdk';
import { httpAgentFor, httpsAgentFor, validateProxy } from './proxy/endpoint-agents';

export { validateProxy };

export interface ClientTimeouts {
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  /**
   * The endpoint's proxy URL (Endpoint.proxyUrl), for the lean data path's send.ts, which gets these options through
   * lean-data-path.ts as they are. Undefined: HTTPS_PROXY / HTTP_PROXY / NO_PROXY, or none.
   */
  proxyUrl?: string;
}

/**
 * The credentials the client signs with: the endpoint's keys, else its named AWS profile through the SDK's provider
 * (profile-provider.ts), else undefined for the SDK's default chain (environment, AWS_PROFILE, files, roles).
 */
function credentialsOf(ep: Endpoint): S3ClientConfig['credentials'] {
  if (ep.credentials) return ep.credentials;
  if (ep.awsProfile) return profileCredentials(ep.awsProfile, ep.proxyUrl);
  return undefined;
}

/**
 * Throws a HoistError naming the URL when it is not an http(s) URL with a host, or when it holds a user name or
 * password ("http://alice:secret@host"). S3 requests are signed with an access key and its secret; a password in the
 * endpoint is never used for that, it would only be echoed in messages and stored in the upload journal. So it is
 * refused, and no message repeats it (a URL that does not parse is shown without anything before its last '@').
 */
export function validateEndpointUrl(url: string | undefined): void {
  if (!url) return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw hoistError('InvalidEndpoint', 'engineError.endpoint.invalid', { url: withoutUserinfo(url) });
  }
  if (parsed.username || parsed.password) {
    throw hoistError('InvalidEndpoint', 'engineError.endpoint.userinfo', { url: `${parsed.protocol}//${parsed.host}` });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw hoistError('InvalidEndpoint', 'engineError.endpoint.scheme', { url: withoutUserinfo(url) });
  }
  if (!parsed.hostname)
    throw hoistError('InvalidEndpoint', 'engineError.endpoint.noHost', { url: withoutUserinfo(url) });
}

/** `url` for a message: anything up to its last '@' (where a user name and password would be) becomes '…'. */
function withoutUserinfo(url: string): string {
  const at = url.lastIndexOf('@');
  if (at < 0) return url;
  const scheme = /^https?:\/\//i.exec(url)?.[0] ?? '';
  return `${scheme}…@${url.slice(at + 1)}`;
}

/**
 * The SDK adds checksums of its own only where an operation requires one. Every body Hoist sends already carries the
 * check the profile's checksum mode chose (integrity.ts), computed beforehand; left to itself the SDK would add a
 * second one as an aws-chunked trailer, which R2, B2, OVH and Ceph RGW are reported to reject.
 */
const SDK_CHECKSUMS = 'WHEN_REQUIRED';

/**
 * The engine reports every failure itself, with the file and endpoint named. Without a logger of its own the SDK
 * writes "An error was encountered in a non-retryable streaming request." to the console for each aborted part.
 *
 * No info() and no error(): the SDK's logger middleware calls them as logger.info?.({ input: filter(input), ... }),
 * so with the methods absent it skips building the redacted copies of every request's input and output, which with
 * no-op methods it built and threw away (about 0.1 ms per request; in the CPU profile of 1,000 small uploads).
 * warn() stays: the SDK calls it without checking.
 */
const quietLogger = { trace() {}, debug() {}, warn() {} } as unknown as NonNullable<S3ClientConfig['logger']>;

/**
 * The certificates of a CA bundle file, which replace the system's for https (as the AWS CLI's --ca-bundle does).
 * Read once per client; a file that cannot be read or holds no certificate is named in the error.
 */
export function readCaBundle(path: string): string {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw hoistError('CaBundleUnreadable', 'engineError.caBundle.unreadable', { path, code });
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw hoistError('CaBundleUnreadable', 'engineError.caBundle.noPem', { path });
  }
  return pem;
}

/** Where requests go while a blank region is being found: S3 answers there for every bucket, naming its region. */
const DEFAULT_REGION = 'us-east-1';

/** The SDK's switch for its notice that future versions will need a newer Node (read when a client is created). */
const NODE_NOTICE_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

/**
 * Runs `create` with the SDK's Node version notice switched off. The notice ("versions published after ... will
 * require node >=22") is for the developers who choose the SDK, not for the people running Hoist, who cannot act on
 * it; it went to their terminal (and to every test run). The switch is set only while the client is created, so
 * nothing else in the process sees a changed environment, and a value the user set is left as it is. Every other
 * warning still goes out.
 */
export function withoutNodeVersionNotice<T>(create: () => T): T {
  if (process.env[NODE_NOTICE_SWITCH] !== undefined) return create();
  process.env[NODE_NOTICE_SWITCH] = 'true';
  try {
    return create();
  } finally {
    delete process.env[NODE_NOTICE_SWITCH];
  }
}

/** The endpoint's SDK client, made from the loaded SDK (s3-sdk.ts). */
export function createS3Client(
  sdk: S3Sdk,
  ep: Endpoint,
  timeouts: ClientTimeouts,
  ca = ep.caBundle ? readCaBundle(ep.caBundle) : undefined,
  systemClockOffset = 0,
): S3Client {
  validateEndpointUrl(ep.endpointUrl);
  validateProxy(ep.proxyUrl);
  const agentOptions = { keepAlive: true, maxSockets: 256, keepAliveMsecs: 1000 };
  return withoutNodeVersionNotice(
    () =>
      new sdk.S3Client({
        // A blank region (AWS, left for Hoist to find): S3's global one, whose refusal names the bucket's (region.ts).
        region: ep.region || DEFAULT_REGION,
        endpoint: ep.endpointUrl || undefined,
        forcePathStyle: ep.forcePathStyle,
        credentials: credentialsOf(ep),
        maxAttempts: 1,
        systemClockOffset,
        logger: quietLogger,
        requestChecksumCalculation: SDK_CHECKSUMS,
        responseChecksumValidation: SDK_CHECKSUMS,
        requestHandler: new sdk.GroupingHttpHandler({
          httpAgent: httpAgentFor(agentOptions, ep.proxyUrl),
          httpsAgent: httpsAgentFor(ca ? { ...agentOptions, ca } : agentOptions, ep.proxyUrl),
          connectionTimeout: timeouts.connectTimeoutMs,
          // A socket with no traffic for this long counts as stalled; the part is retried.
          socketTimeout: timeouts.requestTimeoutMs,
        }),
      }),
  );
}

/** What one endpoint's files share: the SDK client (made at its first control call), the check, the clock. */
interface PooledEndpoint {
  ep: Endpoint;
  lazy?: LazyClient;
  /** The SDK client, once made. */
  client?: S3Client;
  integrity: IntegrityChoice;
  /** Corrected from a server's Date header after a skew refusal; shared by the lean signer and the SDK client. */
  clock: EndpointClock;
  /** The profile's CA certificates, read once for both data paths. */
  ca: string | undefined;
  lean?: LeanDataPath;
  sdk?: DataPath;
  /** The data paths as jobs get them: each request sent to the bucket's region once it was learned. */
  routed: Partial<Record<DataPathKind, DataPath>>;
  /** Buckets found to be in another region than the endpoint's (region.ts), by name. */
  regions: Map<string, string>;
}

/** A bucket's region, corrected from S3's answer: what the user is told, and what later requests use. */
export interface RegionNotice {
  bucket: string;
  asked: string;
  region: string;
  message: string;
  text: MessageText;
}

export interface PoolHooks {
  /** Told once per bucket whose region was corrected (the CLI prints it; the app may remember it in the profile). */
  onRegionCorrected?(notice: RegionNotice): void;
}

/**
 * The keys in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, from the SDK's own provider for them, where the standard
 * chain answers with them: the endpoint names no profile and AWS_PROFILE is not set (the chain then skips them).
 * The lean data path signs with these without making the SDK client, which would load the SDK only to answer the
 * same keys. Undefined: the client's chain decides.
 */
function envCredentials(ep: Endpoint): AwsCredentialIdentityProvider | undefined {
  const env = process.env;
  if (ep.awsProfile || env.AWS_PROFILE || !env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) return undefined;
  let keys: ReturnType<AwsCredentialIdentityProvider> | undefined;
  // Read once: the variables do not change during a run, and asking the chain again would read the same ones.
  // Loaded here, not at start: the provider's module brings part of the SDK's core with it.
  return () => (keys ??= import('@aws-sdk/credential-provider-env').then(({ fromEnv }) => fromEnv()()));
}

/** Caches clients by everything that shapes them, so that files to the same endpoint share sockets. */
export class ClientPool {
  private readonly endpoints = new Map<string, PooledEndpoint>();
  /** Whether a server takes a part's CRC32 as a trailer, by endpoint URL: a property of the server, whatever the
   *  region, keys or checksum setting a file is sent with. */
  private readonly trailers = new Map<string, TrailerSupport>();

  constructor(
    private readonly timeouts: ClientTimeouts,
    private readonly hooks: PoolHooks = {},
  ) {}

  /** The endpoint's SDK client, for the control calls (and the SDK data path); made at its first call. */
  get(ep: Endpoint): ControlClient {
    return this.lazyClient(ep);
  }

  /** The client itself, for what needs more than its calls (a presigned URL). */
  real(ep: Endpoint): Promise<S3Client> {
    return this.lazyClient(ep).real();
  }

  private lazyClient(ep: Endpoint): LazyClient {
    const pooled = this.pooled(ep);
    const corrected = this.corrected(pooled, ep);
    return corrected ? this.lazyClient(corrected) : this.ownClient(pooled);
  }

  /** The pooled endpoint's client, in its own region (pooled.ep may be a target of any of its buckets). */
  private ownClient(pooled: PooledEndpoint): LazyClient {
    return (pooled.lazy ??= new LazyClient(
      (sdk) =>
        (pooled.client = this.correctingRegions(
          createS3Client(sdk, pooled.ep, this.timeouts, pooled.ca, pooled.clock.offsetMs),
          pooled,
        )),
    ));
  }

  /** The endpoint's integrity check, shared by its files so that what one learns (a fallback) serves the rest. */
  integrity(ep: Endpoint): IntegrityChoice {
    return this.pooled(ep).integrity;
  }

  /** The requests that carry the endpoint's bytes, sent the given way (lean/data-path.ts), to the bucket's region. */
  dataPath(ep: Endpoint, kind: DataPathKind): DataPath {
    const pooled = this.pooled(ep);
    const base = this.unroutedDataPath(pooled, kind);
    const send = (input: { bucket: string }, call: (path: DataPath) => Promise<DataAnswer>): Promise<DataAnswer> =>
      this.sendToBucketRegion(pooled, ep, kind, base, input.bucket, call);
    return (pooled.routed[kind] ??= {
      kind,
      putObject: (input, options) => send(input, (path) => path.putObject(input, options)),
      uploadPart: (input, options) => send(input, (path) => path.uploadPart(input, options)),
      ...(base.sendsCrc32Trailer ? { sendsCrc32Trailer: () => base.sendsCrc32Trailer!() } : {}),
    });
  }

  private unroutedDataPath(pooled: PooledEndpoint, kind: DataPathKind): DataPath {
    // The endpoint's own client (not a bucket's corrected one): sendToBucketRegion picks the bucket's region per call.
    if (kind === 'sdk') return (pooled.sdk ??= sdkDataPath(() => this.ownClient(pooled)));
    return (pooled.lean ??= new LeanDataPath({
      endpoint: { ...pooled.ep, region: pooled.ep.region || DEFAULT_REGION },
      // Explicit keys sign as they are; otherwise the SDK client's own provider (the standard AWS chain) is asked,
      // except for keys in the environment, which that chain would answer with (envCredentials).
      credentials:
        pooled.ep.credentials ??
        envCredentials(pooled.ep) ??
        (async () => (await this.ownClient(pooled).real()).config.credentials()),
      clock: pooled.clock,
      timeouts: pooled.ep.proxyUrl ? { ...this.timeouts, proxyUrl: pooled.ep.proxyUrl } : this.timeouts,
      ca: pooled.ca,
      onClockOffset: (offset) => {
        if (pooled.client) pooled.client.config.systemClockOffset = offset;
      },
      trailer: this.trailerSupport(pooled.ep),
    }));
  }

  private trailerSupport(ep: Endpoint): TrailerSupport {
    const url = ep.endpointUrl ?? '';
    let support = this.trailers.get(url);
    if (!support) this.trailers.set(url, (support = new TrailerSupport()));
    return support;
  }

  /**
   * Sends through the bucket's region's data path once it is known; a refusal that names another region (or leads
   * HeadBucket to it) teaches it, and is marked so that its sender sends the request again at once, there.
   */
  private async sendToBucketRegion(
    pooled: PooledEndpoint,
    ep: Endpoint,
    kind: DataPathKind,
    base: DataPath,
    bucket: string,
    call: (path: DataPath) => Promise<DataAnswer>,
  ): Promise<DataAnswer> {
    const corrected = this.corrected(pooled, { ...ep, bucket } as Target);
    if (corrected) return call(this.dataPath(corrected, kind));
    try {
      return await call(base);
    } catch (err) {
      if (isWrongRegion(err)) {
        const region = regionInError(err) ?? (await findBucketRegion(this.ownClient(pooled), bucket));
        // Learned now or by a call that was refused at the same time: either way this one may go again, there.
        this.learnRegion(pooled, bucket, region);
        if (this.corrected(pooled, { ...ep, bucket } as Target)) markClockFixed(err);
      }
      throw err;
    }
  }

  /** The endpoint with the bucket's learned region, when it differs from the endpoint's own. */
  private corrected(pooled: PooledEndpoint, ep: Endpoint): Endpoint | undefined {
    const bucket = (ep as Partial<Target>).bucket;
    const region = bucket ? pooled.regions.get(bucket) : undefined;
    return region && region !== pooled.ep.region ? { ...ep, region } : undefined;
  }

  /** Keeps a bucket's region; true when it is new (the refused request may go again at once, there). */
  private learnRegion(pooled: PooledEndpoint, bucket: string, region: string | undefined): boolean {
    const asked = pooled.ep.region || DEFAULT_REGION;
    if (!region || region === asked || pooled.regions.get(bucket) === region) return false;
    pooled.regions.set(bucket, region);
    this.hooks.onRegionCorrected?.({
      bucket,
      asked: pooled.ep.region,
      region,
      ...regionCorrected(bucket, asked, region),
    });
    return true;
  }

  /** The client's control calls corrected the same way (region.ts, correctRegions). */
  private correctingRegions(client: S3Client, pooled: PooledEndpoint): S3Client {
    return correctRegions(client, pooled.ep.region || DEFAULT_REGION, (bucket, region) =>
      this.learnRegion(pooled, bucket, region),
    );
  }

  destroy(): void {
    for (const p of this.endpoints.values()) {
      p.client?.destroy();
      p.lean?.destroy();
    }
    this.endpoints.clear();
  }

  private pooled(ep: Endpoint): PooledEndpoint {
    const id = JSON.stringify([
      ep.endpointUrl ?? '',
      ep.region,
      ep.forcePathStyle,
      ep.checksum,
      // The keys themselves, not the object: the SDK adds fields of its own to a credentials object it was given
      // ($source, for its user agent), which made the next file's key differ and gave it a client, sockets and
      // integrity choice of its own (a CRC32 fallback learned by one file was forgotten by the next).
      ep.credentials
        ? [ep.credentials.accessKeyId, ep.credentials.secretAccessKey, ep.credentials.sessionToken ?? '']
        : null,
      ep.caBundle ?? '',
      ep.awsProfile ?? '',
      ep.proxyUrl ?? '',
    ]);
    let pooled = this.endpoints.get(id);
    if (!pooled) {
      validateEndpointUrl(ep.endpointUrl);
      validateProxy(ep.proxyUrl);
      pooled = {
        ep,
        routed: {},
        regions: new Map(),
        integrity: integrityChoice(ep.checksum),
        clock: new EndpointClock(),
        ca: ep.caBundle ? readCaBundle(ep.caBundle) : undefined,
      };
      this.endpoints.set(id, pooled);
    }
    return pooled;
  }
}
