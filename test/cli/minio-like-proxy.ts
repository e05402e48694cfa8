// An HTTP proxy in front of moto that lists multipart uploads the way MinIO does: a ListMultipartUploads whose
// prefix is not the whole key of an upload answers an empty list (so a "folder/" prefix finds nothing). Everything
// else passes through unchanged. Optionally it refuses the whole-bucket listing, as a policy limited to a prefix would.
import { createServer, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MinioLikeProxy {
  /** http://127.0.0.1:PORT */
  readonly endpoint: string;
  /** Prefix listings answered with an empty list although moto had uploads under the prefix. */
  readonly emptied: string[];
  /** Listings without a prefix that were passed through (or refused). */
  readonly wholeBucketListings: number;
  /** From now on, a listing without a prefix gets 403 AccessDenied. */
  refuseWholeBucket(refuse: boolean): void;
  close(): Promise<void>;
}

export async function startMinioLikeProxy(target: string): Promise<MinioLikeProxy> {
  const to = new URL(target);
  const emptied: string[] = [];
  let wholeBucketListings = 0;
  let refuse = false;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const bucket = url.pathname.split('/').filter(Boolean);
    const listing = req.method === 'GET' && url.searchParams.has('uploads') && bucket.length === 1;
    const prefix = url.searchParams.get('prefix') ?? '';
    if (listing && !prefix) {
      wholeBucketListings++;
      if (refuse) return answer(res, 403, '<Error><Code>AccessDenied</Code><Message>Access Denied.</Message></Error>');
    }
    const upstream = request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        if (!listing || !prefix) {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          const raw = Buffer.concat(chunks);
          const keys = [...raw.toString('utf8').matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => unescapeXml(m[1]!));
          if (up.statusCode !== 200 || keys.includes(prefix)) {
            res.writeHead(up.statusCode ?? 502, up.headers);
            res.end(raw);
            return;
          }
          if (keys.length > 0) emptied.push(prefix);
          answer(res, 200, emptyListing(bucket[0]!, prefix));
        });
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    emptied,
    get wholeBucketListings() {
      return wholeBucketListings;
    },
    refuseWholeBucket(r: boolean) {
      refuse = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(res: ServerResponse, status: number, body: string): void {
  const bytes = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': String(bytes.length) });
  res.end(bytes);
}

function emptyListing(bucket: string, prefix: string): string {
  return (
    '<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
    `<Bucket>${escapeXml(bucket)}</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker>` +
    `<Prefix>${escapeXml(prefix)}</Prefix><MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated></ListMultipartUploadsResult>`
  );
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
