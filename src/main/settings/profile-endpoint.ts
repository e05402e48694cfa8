// The Endpoint a profile's fields describe, with the credentials its source names: the access key (and its session
// token), a named AWS profile for the SDK's providers to read, or nothing for the SDK's default chain. The proxy is the
// profile's own, else the system's for that endpoint (Electron's resolveProxy, looked up ahead; see system-proxy.ts).
import { credentialSourceOf } from '../../shared/settings-schema';
import type { Endpoint } from '../../shared/target';
import type { PlainKeys } from './profile-secrets';
import type { StoredProfile } from './settings-file';

/** The system's proxy for an endpoint URL ('' for AWS in the region), when one is known; undefined: none or unknown. */
export type SystemProxyLookup = (endpointUrl: string, region: string) => string | undefined;

/** Where a profile with a blank region starts asking AWS; any region answers with the bucket's. */
export const AWS_START_REGION = 'us-east-1';

export type EndpointFields = Omit<StoredProfile, 'id' | 'name' | 'secret' | 'sessionToken'>;

export function endpointFromProfile(p: EndpointFields, keys: PlainKeys, systemProxy?: SystemProxyLookup): Endpoint {
  const endpoint: Endpoint = {
    endpointUrl: p.endpointUrl === '' ? undefined : p.endpointUrl,
    // A blank region (AWS only) starts at us-east-1; the bucket's own is learnt from the first answer (s3/region.ts).
    region: p.region || AWS_START_REGION,
    forcePathStyle: p.forcePathStyle,
    checksum: p.checksum,
    ...(p.dataPath ? { dataPath: p.dataPath } : {}),
    ...(p.caBundle ? { caBundle: p.caBundle } : {}),
  };
  const source = credentialSourceOf(p);
  if (source.kind === 'access-key' && p.accessKeyId !== '') {
    endpoint.credentials = {
      accessKeyId: p.accessKeyId,
      secretAccessKey: keys.secret ?? '',
      ...(keys.sessionToken ? { sessionToken: keys.sessionToken } : {}),
    };
  }
  if (source.kind === 'aws-profile') endpoint.awsProfile = source.profile;
  const proxyUrl = p.proxyUrl || systemProxy?.(p.endpointUrl, p.region);
  if (proxyUrl) endpoint.proxyUrl = proxyUrl;
  return endpoint;
}
