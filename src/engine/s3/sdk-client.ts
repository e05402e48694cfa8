// The SDK's S3Client as Hoist makes it: keep-alive sockets, no SDK-level retries (the engine retries parts itself so
// that it can rewind the file stream and take back progress honestly), no checksums of the SDK's own, no console
// output. ClientPool (s3-client.ts) makes one per endpoint and credentials; browse.ts one for a listing.
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { Endpoint } from '../../shared/target';
import { readCaBundle, validateEndpointUrl } from './endpoint-checks';
import { profileCredentials } from './credentials/profile-provider';
import type { S3Sdk } from './s3-sdk';
import { httpAgentFor, httpsAgentFor, validateProxy } from './proxy/endpoint-agents';

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

/** Where requests go while a blank region is being found: S3 answers there for every bucket, naming its region. */
export const DEFAULT_REGION = 'us-east-1';

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
          httpsAgent: httpsAgentFor(
            ca ? { ...agentOptions, ca } : agentOptions,
            ep.proxyUrl,
            timeouts.connectTimeoutMs,
          ),
          connectionTimeout: timeouts.connectTimeoutMs,
          // A socket with no traffic for this long counts as stalled; the part is retried.
          socketTimeout: timeouts.requestTimeoutMs,
        }),
      }),
  );
}
