// Where a request for a bucket's key goes: virtual-host or path style, decided as the SDK's S3 endpoint rules decide
// for a client of the same profile, with the key encoded as S3 expects. object-url.test.ts compares every case with
// the URL the SDK itself sends to.
import type { Endpoint } from '../../../shared/target';

export interface ObjectUrl {
  protocol: 'http:' | 'https:';
  hostname: string;
  port?: number;
  /** The encoded path, starting with '/'. */
  path: string;
  /** The Host header: the host name, and the port when the URL names one. */
  host: string;
}

const HOST_LABEL = /^(?!-)[a-zA-Z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)){3}$/;

function isIp(host: string): boolean {
  return IPV4.test(host) || (host.startsWith('[') && host.endsWith(']'));
}

/** The SDK's test for a bucket that can be a host label (no dots: a dotted name breaks the TLS wildcard). */
export function virtualHostable(bucket: string, allowDots = false): boolean {
  if (allowDots) return bucket.split('.').every((label) => virtualHostable(label));
  return (
    HOST_LABEL.test(bucket) &&
    bucket.length >= 3 &&
    bucket.length <= 63 &&
    bucket === bucket.toLowerCase() &&
    !isIp(bucket)
  );
}

/**
 * RFC 3986 encoding of one path segment: everything but A-Z a-z 0-9 - . _ ~ is percent-encoded as UTF-8, including
 * ! * ' ( ), which encodeURIComponent leaves as they are.
 */
export function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Keys made only of characters that RFC 3986 leaves as they are, and '/': most keys, which need no encoding. */
const PLAIN_KEY = /^[A-Za-z0-9\-._~/]*$/;

/** A key as a URL path: each segment encoded, '/' kept (so "a//b" and "/lead" keep their empty segments). */
export function encodeKey(key: string): string {
  return PLAIN_KEY.test(key) ? key : key.split('/').map(encodeSegment).join('/');
}

interface EndpointBase {
  protocol: 'http:' | 'https:';
  hostname: string;
  port: string;
  pathname: string;
  isIp: boolean;
}

/** Parsed endpoint URLs: an endpoint's files ask for one each request, and parsing cost ~20 µs each time. */
const bases = new Map<string, EndpointBase>();
const BASES_MAX = 64;

function endpointBase(url: string): EndpointBase {
  let base = bases.get(url);
  if (!base) {
    const parsed = new URL(url);
    base = {
      protocol: parsed.protocol === 'http:' ? 'http:' : 'https:',
      hostname: parsed.hostname,
      port: parsed.port,
      pathname: parsed.pathname,
      isIp: isIp(parsed.hostname),
    };
    if (bases.size >= BASES_MAX) bases.clear();
    bases.set(url, base);
  }
  return base;
}

/**
 * The scheme the endpoint's requests use, as objectUrl() parses it (so "HTTPS://" is https too); https for an
 * endpoint URL that does not parse, which objectUrl() would refuse anyway.
 */
export function endpointProtocol(endpointUrl: string | undefined): 'http:' | 'https:' {
  if (!endpointUrl) return 'https:';
  try {
    return endpointBase(endpointUrl).protocol;
  } catch {
    return 'https:';
  }
}

/** The URL of bucket/key on the endpoint (AWS S3 for the region when it has no URL). */
export function objectUrl(
  ep: Pick<Endpoint, 'endpointUrl' | 'region' | 'forcePathStyle'>,
  bucket: string,
  key: string,
): ObjectUrl {
  // AWS's own endpoint for the region; China's regions are in a partition of their own, with another DNS suffix.
  const awsSuffix = ep.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  const base = endpointBase(ep.endpointUrl || `https://s3.${ep.region}.${awsSuffix}`);
  const protocol = base.protocol;
  // The endpoint's own path (a gateway under /s3/, say) comes before the bucket or the key, as the SDK's rules put it:
  // as written before a key, and with one trailing '/' before a bucket.
  const basePath = base.pathname === '/' ? '' : base.pathname;
  const bucketBase = basePath.endsWith('/') ? basePath : `${basePath}/`;
  const keyPath = `/${encodeKey(key)}`;
  // As the SDK: virtual-host unless path style is forced, the endpoint is an IP address, or the bucket cannot be a
  // host label; over plain http a dotted bucket can still be one (no certificate to match).
  const vhost =
    !ep.forcePathStyle &&
    !base.isIp &&
    (virtualHostable(bucket) || (protocol === 'http:' && virtualHostable(bucket, true)));
  const hostname = vhost ? `${bucket}.${base.hostname}` : base.hostname;
  const path = vhost ? `${basePath}${keyPath}` : `${bucketBase}${encodeSegment(bucket)}${keyPath}`;
  const port = base.port ? Number(base.port) : undefined;
  return { protocol, hostname, port, path, host: base.port ? `${hostname}:${base.port}` : hostname };
}
