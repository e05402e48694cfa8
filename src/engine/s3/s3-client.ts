// ClientPool: what the files sent to one endpoint with the same credentials share: one SDK client (made at its first
// control call, sdk-client.ts), the data paths, the integrity check, the clock, and the regions learned per bucket.
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Endpoint } from '../../shared/target';
import { integrityChoice, type IntegrityChoice } from '../job/integrity';
import type { Target } from '../../shared/target';
import type { MessageText } from '../../shared/upload-state';
import { EndpointClock, markClockFixed } from './lean/clock';
import { TrailerSupport } from './lean/trailer-support';
import { sdkDataPath, type DataAnswer, type DataPath, type DataPathKind } from './lean/data-path';
import { correctRegions, findBucketRegion, isWrongRegion, regionCorrected, regionInError } from './region';
import { LeanDataPath } from './lean/lean-data-path';
import { LazyClient, type ControlClient } from './s3-sdk';
import { validateProxy } from './proxy/endpoint-agents';
import { readCaBundle, validateEndpointUrl } from './endpoint-checks';
import { createS3Client, DEFAULT_REGION, type ClientTimeouts } from './sdk-client';

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
