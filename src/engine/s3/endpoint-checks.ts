// What an endpoint's settings must be before anything is sent there: an http(s) URL with a host and no user name or
// password, and a CA bundle file that can be read and holds certificates. Checked where the CLI reads its options,
// where a target is planned (plan/target-rules.ts), and again where a client is made (s3-client.ts, sdk-client.ts).
import { readFileSync } from 'node:fs';
import { hoistError } from './errors';

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
