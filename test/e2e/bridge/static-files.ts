// The bridge's HTTP side: the built renderer served as plain files (index.html byte for byte, so the production CSP
// applies), never anything outside the renderer folder.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const reply = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8') => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(body);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return reply(405, 'method not allowed');
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://bridge').pathname);
  } catch {
    return reply(400, 'bad path');
  }
  if (pathname.endsWith('/')) pathname += 'index.html';
  const file = resolve(root, `.${pathname}`);
  if (!file.startsWith(root + sep) || pathname.includes('\0')) return reply(404, 'not found');
  try {
    const body = await readFile(file);
    reply(200, body, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
  } catch {
    reply(404, 'not found');
  }
}
