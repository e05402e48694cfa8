// The system's proxy for the profiles that have no proxy URL of their own. Electron answers as a PAC script would
// ("PROXY host:port; DIRECT"), asynchronously; the settings store builds endpoints synchronously, so the answers are
// looked up ahead (at start and whenever the settings change) and kept here by endpoint. A lookup that finds nothing
// yet starts one and returns undefined: that request goes direct, or through HTTPS_PROXY / HTTP_PROXY (the engine's
// fallback), and the next uses the answer. Plain Node: the resolver is injected (session.resolveProxy in the app).
import type { SystemProxyLookup } from '../settings/profile-endpoint';

/**
 * A PAC answer's first proxy the engine can use, as a URL: "PROXY h:p" (or "HTTP h:p") → http://h:p, "HTTPS h:p" →
 * https://h:p. DIRECT first means no proxy; SOCKS entries are skipped (the engine speaks HTTP CONNECT only).
 */
export function proxyUrlFromPac(answer: string): string | undefined {
  for (const entry of answer.split(';')) {
    const [kind = '', hostPort = ''] = entry.trim().split(/\s+/);
    const word = kind.toUpperCase();
    if (word === 'DIRECT') return undefined;
    if (!/^[^\s/?#@]+:\d{1,5}$/.test(hostPort) && !/^\[[0-9a-f:.]+\]:\d{1,5}$/i.test(hostPort)) continue;
    if (word === 'PROXY' || word === 'HTTP') return `http://${hostPort}`;
    if (word === 'HTTPS') return `https://${hostPort}`;
  }
  return undefined;
}

/** The URL whose proxy is asked for: the endpoint's, or S3's own for an AWS profile (blank endpoint) in its region. */
export function proxyQueryUrl(endpointUrl: string, region: string): string {
  if (endpointUrl !== '') return endpointUrl;
  return `https://s3.${region || 'us-east-1'}.amazonaws.com/`;
}

export interface SystemProxy {
  lookup: SystemProxyLookup;
  /** Asks again for every endpoint of these profiles that has no proxy URL of its own (settles when all answered). */
  refresh(profiles: readonly { endpointUrl: string; region: string; proxyUrl?: string }[]): Promise<void>;
}

export function createSystemProxy(resolve: (url: string) => Promise<string>): SystemProxy {
  const known = new Map<string, string | undefined>();
  const asking = new Map<string, Promise<void>>();

  const ask = (url: string): Promise<void> => {
    let pending = asking.get(url);
    if (!pending) {
      pending = resolve(url)
        .then(
          (answer) => void known.set(url, proxyUrlFromPac(answer)),
          // A resolver that fails says nothing about a proxy: no proxy, as before the system was asked.
          () => void known.set(url, undefined),
        )
        .finally(() => asking.delete(url));
      asking.set(url, pending);
    }
    return pending;
  };

  return {
    lookup(endpointUrl, region) {
      const url = proxyQueryUrl(endpointUrl, region);
      if (!known.has(url)) void ask(url);
      return known.get(url);
    },
    async refresh(profiles) {
      const urls = new Set(profiles.filter((p) => !p.proxyUrl).map((p) => proxyQueryUrl(p.endpointUrl, p.region)));
      await Promise.all([...urls].map(ask));
    },
  };
}
