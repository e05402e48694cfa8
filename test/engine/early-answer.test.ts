// A server that answers a PUT as soon as it has read its headers (an S3-compatible server's SlowDown, AccessDenied or
// signature refusal can come so), keeping the connection open. The request was then still sending its body; once the
// engine gave up on that body, the half-sent request held its socket (and its place in the agent, 256 at most) until
// the server closed the connection: Node hands a socket back only when both request and answer have ended. Here
// each such request must close its connection, on both data paths.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA_PATH_KINDS } from '../../src/engine/s3/lean/data-path';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { engine, target } from './helpers';

afterAll(cleanupTempDirs);

const MiB = 1024 * 1024;

/** Answers the first `early` PUTs with 503 SlowDown before reading their bodies; later ones once read, with 200. */
async function earlyAnswerer(early: number) {
  const open = new Set<Socket>();
  let puts = 0;
  const server = http.createServer((req, res) => {
    if (req.method === 'PUT' && ++puts <= early) {
      res.writeHead(503, { 'content-type': 'application/xml' });
      res.end('<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>');
      // The rest of the body is read and dropped (Node's server does so by itself), and the connection stays open.
      return;
    }
    req.resume();
    req.on('end', () => res.writeHead(200, { etag: '"0123456789abcdef0123456789abcdef"' }).end());
  });
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    openConnections: () => open.size,
    puts: () => puts,
    close: () => {
      for (const s of open) s.destroy();
      server.close();
    },
  };
}

for (const dataPath of DATA_PATH_KINDS) {
  describe(`answers before the body, on the ${dataPath} path`, () => {
    it('each early-answered request closes its connection; the retry lands and keeps one', async () => {
      const server = await earlyAnswerer(2);
      // 16 MiB as one streamed PUT: far more than the socket buffers take before the answer comes back.
      const file = await makeFile(await makeTempDir(), 'big.bin', 16 * MiB, 3);
      const eng = engine({ dataPath, multipartThreshold: 64 * MiB, filesInParallel: 1 });
      try {
        const { items } = await eng.add([file], target('bucket', '', { checksum: 'off' }, server.endpoint));
        await eng.idle();
        expect(items.map((i) => eng.get(i.id)?.state.kind)).toEqual(['done']);
        expect(server.puts()).toBe(3);
        // The engine still runs (its agents keep idle sockets): only the last, answered and ended, may stay open.
        await new Promise((r) => setTimeout(r, 300));
        expect(server.openConnections()).toBeLessThanOrEqual(1);
      } finally {
        await eng.close();
        server.close();
      }
    });
  });
}
