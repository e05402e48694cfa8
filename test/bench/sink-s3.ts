// A loopback S3 stand-in that reads every request body and throws it away: for the 10 GiB memory workload, and for
// small files on a server that keeps connections open (moto closes each one after its response, as real S3 does not).
//
// moto keeps what it receives: parts go to temporary files, but CompleteMultipartUpload joins them in memory (the
// whole object, then a copy of it), so a 10 GiB upload would need some 20 GiB of RAM on the server side. This sink
// answers just enough of the S3 API for the tools in tools.ts to upload one file: it stores nothing but each object's
// size (rclone checks the object with a HEAD afterwards) and checks nothing (no signatures, no checksums: it names a
// request's CRC32 back as S3 does, unchecked), so only the clients' figures mean anything here. It also keeps, per
// bucket, the integrity headers of each request (checksum-seen.ts), so the bench can say which check each tool really
// sends, from what arrived rather than from its documentation.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { operationOf, seenRequest, type SeenRequest } from './checksum-seen';

export interface SinkS3 {
  endpoint: string;
  /** Body bytes received since start. */
  readonly bytesIn: number;
  /** Objects stored (by PUT or by a completed multipart upload) in the bucket. */
  objects(bucket: string): number;
  /** The integrity headers (and trailer) of every request that reached the bucket, oldest first. */
  seen(bucket: string): SeenRequest[];
  close(): Promise<void>;
}

const XML = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';

export interface SinkOptions {
  /** Names the CRC32 a request sent back in the answer, as S3 does (default); false: as a server that does not. */
  echoChecksums?: boolean;
  /** Answers every request that sends a trailer with this error, as a server that does not take the encoding. */
  refuseTrailers?: { status: number; code: string };
}

export async function startSinkS3(options: SinkOptions = {}): Promise<SinkS3> {
  let bytesIn = 0;
  let uploads = 0;
  const sizes = new Map<string, number>();
  /** Each multipart upload's part sizes, by part number (a part sent again replaces the one before). */
  const uploading = new Map<string, Map<string, number>>();
  const seen = new Map<string, SeenRequest[]>();
  const server = createServer((req, res) => {
    let size = 0;
    // An aws-chunked body ends with its trailer (e.g. "x-amz-checksum-crc32:..."): its last bytes say which one.
    let tail = Buffer.alloc(0);
    req.on('data', (chunk: Buffer) => {
      bytesIn += chunk.length;
      size += chunk.length;
      tail = Buffer.concat([tail, chunk.subarray(-512)]).subarray(-512);
    });
    req.on('end', () => {
      const op = operationOf(req.method ?? '', req.url ?? '/');
      if (op) {
        const bucket = new URL(req.url ?? '/', 'http://sink').pathname.split('/')[1] ?? '';
        const list = seen.get(bucket) ?? [];
        list.push(seenRequest(op, req.headers, tail.toString('latin1')));
        seen.set(bucket, list);
      }
      answer(req, res, Number(req.headers['x-amz-decoded-content-length'] ?? size), tail.toString('latin1'));
    });
    req.on('error', () => res.destroy());
  });
  // Many tools keep connections open between parts.
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  function answer(req: IncomingMessage, res: ServerResponse, size: number, tail: string): void {
    const url = new URL(req.url ?? '/', 'http://sink');
    const q = url.searchParams;
    const [, bucket = '', ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const xml = (body: string): void => {
      res.setHeader('Content-Type', 'application/xml');
      res.end(XML + body);
    };
    if (req.method === 'POST' && q.has('uploads')) {
      uploading.set(`sink-${uploads + 1}`, new Map());
      return xml(
        `<InitiateMultipartUploadResult ${NS}><Bucket>${bucket}</Bucket><Key>${escape(key)}</Key><UploadId>sink-${++uploads}</UploadId></InitiateMultipartUploadResult>`,
      );
    }
    if (req.method === 'POST' && q.has('uploadId')) {
      const parts = [...(uploading.get(q.get('uploadId')!)?.values() ?? [])];
      sizes.set(
        `${bucket}/${key}`,
        parts.reduce((a, b) => a + b, 0),
      );
      uploading.delete(q.get('uploadId')!);
      return xml(
        `<CompleteMultipartUploadResult ${NS}><Location>http://127.0.0.1:${port}/${bucket}/${escape(key)}</Location><Bucket>${bucket}</Bucket><Key>${escape(key)}</Key><ETag>"00000000000000000000000000000000-1"</ETag></CompleteMultipartUploadResult>`,
      );
    }
    if (req.method === 'PUT' && options.refuseTrailers && req.headers['x-amz-trailer']) {
      res.statusCode = options.refuseTrailers.status;
      return xml(`<Error><Code>${options.refuseTrailers.code}</Code><Message>No trailers here.</Message></Error>`);
    }
    if (req.method === 'PUT') {
      const uploadId = q.get('uploadId');
      if (uploadId) uploading.get(uploadId)?.set(q.get('partNumber') ?? '', size);
      else if (key) sizes.set(`${bucket}/${key}`, size);
      // An ETag per request; clients only echo it back in CompleteMultipartUpload.
      res.setHeader('ETag', `"${(bytesIn % 0xffffffff).toString(16).padStart(32, '0')}"`);
      // The CRC32 sent, in a header or as the trailer, named back as S3 names it (unchecked: the sink checks nothing).
      const crc32 = req.headers['x-amz-checksum-crc32'] ?? /x-amz-checksum-crc32:([A-Za-z0-9+/=]+)\r\n/.exec(tail)?.[1];
      if (crc32 && options.echoChecksums !== false) res.setHeader('x-amz-checksum-crc32', crc32);
      return void res.end();
    }
    if (req.method === 'DELETE') {
      res.statusCode = 204;
      return void res.end();
    }
    if (req.method === 'HEAD' && key) {
      const known = sizes.get(`${bucket}/${key}`);
      if (known === undefined) res.statusCode = 404;
      else {
        res.setHeader('Content-Length', known);
        res.setHeader('ETag', '"00000000000000000000000000000000-1"');
        res.setHeader('Last-Modified', new Date().toUTCString());
        res.setHeader('Content-Type', 'application/octet-stream');
      }
      return void res.end();
    }
    if (req.method === 'GET' && !key) {
      // ListObjects(V2) on the bucket: empty.
      return xml(
        `<ListBucketResult ${NS}><Name>${bucket}</Name><Prefix>${escape(q.get('prefix') ?? '')}</Prefix><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>`,
      );
    }
    if (req.method === 'GET') {
      res.statusCode = 404;
      return xml(`<Error><Code>NoSuchKey</Code><Message>The sink stores nothing.</Message></Error>`);
    }
    res.end(); // HEAD bucket and anything else: 200
  }

  return {
    endpoint: `http://127.0.0.1:${port}`,
    get bytesIn() {
      return bytesIn;
    },
    objects: (bucket) => [...sizes.keys()].filter((k) => k.startsWith(`${bucket}/`)).length,
    seen: (bucket) => seen.get(bucket) ?? [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
