// Which proxy, if any, a request to a host goes through: the endpoint's own proxy URL (a profile's setting), else
// HTTPS_PROXY for https and HTTP_PROXY for http (upper or lower case, as curl and the AWS CLI read them), unless
// NO_PROXY names the host.

export type ProxyRoute = { kind: 'direct' } | { kind: 'proxy'; proxy: URL };

const DIRECT: ProxyRoute = { kind: 'direct' };

/** Thrown for a proxy URL that is not http(s) with a host; `source` names the variable or setting it came from. */
export class ProxyUrlError extends Error {
  constructor(
    readonly url: string,
    readonly source: string,
  ) {
    super(`The proxy "${url}" (from ${source}) is not an http:// or https:// URL with a host.`);
  }
}

/** The proxy URL parsed; a bare "host:port" (as many set HTTPS_PROXY) is taken as http://host:port. */
export function parseProxyUrl(value: string, source: string): URL {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ProxyUrlError(value, source);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) throw new ProxyUrlError(value, source);
  return url;
}

function envValue(env: NodeJS.ProcessEnv, name: string): { value: string; source: string } | undefined {
  const lower = name.toLowerCase();
  // The lower-case name first, as curl reads it (and as HTTP_PROXY upper case is ignored by CGI-safe tools).
  if (env[lower]) return { value: env[lower]!, source: lower };
  if (env[name]) return { value: env[name]!, source: name };
  return undefined;
}

/** Whether NO_PROXY's list names the host: "*", an exact host or IP, a domain (".example.com" or "example.com"). */
export function bypassesProxy(host: string, port: number, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const hostname = host.replace(/^\[|\]$/g, '').toLowerCase();
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const withPort = /^(.*):(\d+)$/.exec(entry);
    if (withPort && !entry.includes(']') && withPort[1]!.split(':').length === 1) {
      if (Number(withPort[2]) !== port) continue;
      entry = withPort[1]!;
    }
    entry = entry.replace(/^\[|\]$/g, '').replace(/^\*?\./, '.');
    if (entry.startsWith('.')) {
      if (hostname.endsWith(entry) || hostname === entry.slice(1)) return true;
    } else if (hostname === entry || hostname.endsWith(`.${entry}`)) {
      return true;
    }
  }
  return false;
}

/**
 * The route of a request to `protocol//host:port`. `explicit` is the endpoint's proxy setting: it applies to every
 * request of the endpoint (the app's profile chose it); otherwise the environment decides, with NO_PROXY.
 */
export function proxyRoute(
  protocol: string,
  host: string,
  port: number,
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ProxyRoute {
  if (explicit) return { kind: 'proxy', proxy: parseProxyUrl(explicit, 'the proxy setting') };
  const chosen = protocol === 'https:' ? envValue(env, 'HTTPS_PROXY') : envValue(env, 'HTTP_PROXY');
  if (!chosen) return DIRECT;
  if (bypassesProxy(host, port, envValue(env, 'NO_PROXY')?.value)) return DIRECT;
  return { kind: 'proxy', proxy: parseProxyUrl(chosen.value, chosen.source) };
}

/** Whether any proxy could apply (so that the plain agents are kept when none is set: the common case costs nothing). */
export function anyProxyConfigured(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(explicit || envValue(env, 'HTTPS_PROXY') || envValue(env, 'HTTP_PROXY'));
}

/** The Proxy-Authorization header for a proxy URL with a user name (and password), else undefined. */
export function proxyAuthorization(proxy: URL): string | undefined {
  if (!proxy.username && !proxy.password) return undefined;
  const user = decodeURIComponent(proxy.username);
  const password = decodeURIComponent(proxy.password);
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
