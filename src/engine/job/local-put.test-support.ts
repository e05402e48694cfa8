// For the body tests beside it (not a test file itself): PUTs a request body to a plain HTTP server on loopback and
// answers whether the server got exactly the expected bytes.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';

/** Pipes body into a PUT of expected.length bytes; true when the server received exactly expected. */
export async function putToLoopback(body: Readable, expected: Buffer): Promise<boolean> {
  const server = createServer((req, res) => {
    const got: Buffer[] = [];
    req.on('data', (c: Buffer) => got.push(c));
    req.on('end', () => res.end(Buffer.concat(got).equals(expected) ? 'same' : 'different'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const answer = await new Promise<string>((resolve, reject) => {
      const req = request({
        port: (server.address() as AddressInfo).port,
        host: '127.0.0.1',
        method: 'PUT',
        headers: { 'content-length': expected.length },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      body.pipe(req);
    });
    return answer === 'same';
  } finally {
    server.close();
  }
}
