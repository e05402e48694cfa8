// The built renderer is served as app://hoist/…, from out/renderer only, instead of being loaded as a file:// page.
// Why: every file on the disk shares the file:// scheme (and, with Electron's file privileges, much of its reach), so
// a page the user downloaded would look like ours to a check on the scheme; and a file:// page may read other
// files. A custom scheme gives our page an origin of its own that no other content can have.
//
// Plain Node: the Electron side (index.ts) only registers the scheme and hands requests to the handler below.
import { readFile as fsReadFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'hoist';
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * standard: relative URLs and a real origin (so CSP 'self' means app://hoist); secure: treated like https (no mixed
 * content warnings, secure-context APIs). No corsEnabled and no bypassCSP: other origins cannot read our files, and
 * our CSP applies.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

/**
 * The CSP sent as a header with every page: the same policy as index.html's meta tag (a test keeps them in step),
 * plus what only a header can say (frame-ancestors: no one may frame the page).
 */
export const APP_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export type AppRequest =
  { kind: 'file'; path: string; contentType: string } | { kind: 'refused'; status: 400 | 404; reason: string };

/**
 * Maps an app:// URL to a file under rootDir, or says why not. Refused: another host, user info or port; encoded
 * slashes, backslashes or NUL (ways to smuggle a separator past the URL parser); any "." or ".." segment, even
 * percent-encoded; and anything that would resolve outside rootDir.
 */
export function resolveAppRequest(requestUrl: string, rootDir: string): AppRequest {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { kind: 'refused', status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username !== '' || url.password !== '') {
    return { kind: 'refused', status: 404, reason: `only ${APP_SCHEME}://${APP_HOST}/ is served` };
  }
  // Checked on the raw text too: the URL parser already folded plain "..", but not every encoded form of it.
  const raw = requestUrl.replace(/^[^:]*:\/\/[^/?#]*/, '').split(/[?#]/)[0] ?? '';
  if (/%2f|%5c|%00|\\/i.test(raw))
    return { kind: 'refused', status: 400, reason: 'encoded separators are not allowed' };
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'refused', status: 400, reason: 'bad percent-encoding' };
  }
  const segments = path.split('/').filter((s, i, all) => !(s === '' && (i === 0 || i === all.length - 1)));
  if (
    raw.split('/').some((s) => /^(\.|%2e){1,2}$/i.test(s)) ||
    segments.some((s) => s === '.' || s === '..' || s === '' || s.includes('\0'))
  ) {
    return { kind: 'refused', status: 400, reason: 'dot segments are not allowed' };
  }
  if (segments.length === 0) segments.push('index.html');
  const root = resolve(rootDir);
  const file = resolve(root, ...segments);
  if (!file.startsWith(root + sep)) return { kind: 'refused', status: 400, reason: 'outside the renderer folder' };
  return { kind: 'file', path: file, contentType: TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' };
}

export interface AppProtocolOptions {
  /** out/renderer: the only folder served. */
  rootDir: string;
  /** fs.readFile; tests pass their own. Works inside app.asar under Electron. */
  readFile?: (path: string) => Promise<Uint8Array>;
}

/** The handler for protocol.handle(APP_SCHEME, …): GET and HEAD of files under rootDir, nothing else. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const read = options.readFile ?? ((path: string) => fsReadFile(path));
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('method not allowed', { status: 405, headers: { allow: 'GET, HEAD' } });
    }
    const found = resolveAppRequest(request.url, options.rootDir);
    if (found.kind === 'refused') return new Response(found.reason, { status: found.status });
    let body: Uint8Array;
    try {
      body = await read(found.path);
    } catch {
      return new Response('not found', { status: 404 });
    }
    const headers: Record<string, string> = { 'content-type': found.contentType, 'x-content-type-options': 'nosniff' };
    if (found.contentType.startsWith('text/html')) headers['content-security-policy'] = APP_CSP;
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}
