// Which server an endpoint URL names, for deciding whether a saved secret may follow an edit of the profile. A secret
// was typed for one server: sending it to another (even one the user means to use) hands the key to whoever runs
// that server, so main drops it unless the user types it again. Main and the settings form use the same rule.

/**
 * "scheme://host:port" with the default port filled in and the host lowercased; '' (AWS) is its own server.
 * Paths do not count: they name buckets or a prefix on the same server. An unparsable URL names only itself.
 */
export function endpointServer(endpointUrl: string): string {
  const trimmed = endpointUrl.trim();
  if (trimmed === '') return 'aws';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return `unparsable:${trimmed}`;
  }
  const port = url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '';
  return `${url.protocol}//${url.hostname.toLowerCase()}:${port}`;
}

/** True when both URLs name the same server (scheme, host and port), so a secret saved for one may serve the other. */
export function sameEndpointServer(a: string, b: string): boolean {
  return endpointServer(a) === endpointServer(b);
}
