// Endpoints that are not a healthy S3 server, for the CLI and engine tests: a port nobody listens on, a plain web
// server (`python3 -m http.server`), a proxy in front of moto that answers some requests itself, as a failing S3 or a
// gateway in front of it would, and one that answers as S3 does for a bucket in another region.
import { spawn } from 'node:child_process';
import { createServer, request, type IncomingMessage } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo } from 'node:net';

/** A port on 127.0.0.1 that was free a moment ago: connections to it are refused. */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

export interface Running {
  /** http://127.0.0.1:PORT */
  readonly endpoint: string;
  close(): Promise<void>;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

/** `python3 -m http.server` serving `dir`: answers GET with pages and PUT or POST with 501, in HTML. */
export async function startPythonHttpServer(dir: string): Promise<Running> {
  const port = await closedPort();
  const python = process.env.HOIST_MOTO_PYTHON || 'python3';
  const child = spawn(python, ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`${python} -m http.server did not start on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface Canned {
  status: number;
  contentType: string;
  body: string;
  /** Further response headers. */
  headers?: Record<string, string>;
}

export interface AnsweringProxy extends Running {
  /** Requests answered by the proxy itself, as "METHOD path?query". */
  readonly answered: string[];
}

/** Forwards everything to `target` but the requests `answer` returns a reply for. */
export async function startAnsweringProxy(
  target: string,
  answer: (req: IncomingMessage) => Canned | undefined,
): Promise<AnsweringProxy> {
  const to = new URL(target);
  const answered: string[] = [];
  const server = createServer((req, res) => {
    const canned = answer(req);
    if (canned) {
      answered.push(`${req.method} ${req.url}`);
      // The body is read first, as a server would, so that the client sees the answer rather than a reset.
      req.resume();
      req.on('end', () => {
        res.writeHead(canned.status, {
          ...canned.headers,
          'content-type': canned.contentType,
          'content-length': Buffer.byteLength(canned.body),
        });
        res.end(canned.body);
      });
      return;
    }
    const upstream = request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answered,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The region a request was signed for: in its Authorization header, or in a presigned URL's X-Amz-Credential. */
function signingRegion(req: IncomingMessage): string | undefined {
  const signed = req.headers.authorization ?? decodeURIComponent(req.url ?? '');
  return /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(signed)?.[1];
}

/**
 * Answers as S3 does for a bucket in `bucketRegion` (S3's region answers are AWS-only: moto and versitygw take any
 * region): 400 AuthorizationHeaderMalformed naming the region for a request signed for another, 301 with
 * x-amz-bucket-region for a HEAD (HeadBucket). Requests signed for `bucketRegion` go on to `target`, which keeps the
 * objects. `answered` lists the requests refused for their region.
 */
export function startWrongRegionStub(target: string, bucketRegion: string): Promise<AnsweringProxy> {
  return startAnsweringProxy(target, (req) => {
    const asked = signingRegion(req);
    if (asked === bucketRegion) return undefined;
    const headers = { 'x-amz-bucket-region': bucketRegion };
    if (req.method === 'HEAD') return { status: 301, contentType: 'application/xml', body: '', headers };
    const message = `The authorization header is malformed; the region '${asked}' is wrong; expecting '${bucketRegion}'`;
    const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AuthorizationHeaderMalformed</Code><Message>${message}</Message><Region>${bucketRegion}</Region><RequestId>1</RequestId></Error>`;
    return { status: 400, contentType: 'application/xml', body, headers };
  });
}
