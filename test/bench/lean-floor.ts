// The lean data path's floor: what a client pays per small file for what issue 18 asks of that path and nothing more.
// Each file goes up as one PUT over node:http, signed with the SDK's SignatureV4 as hoist's LeanSigner uses it (its
// signing-key cache and HMAC states: the cheapest use of that signer hoist has found) and carrying hoist's default
// integrity check, a CRC32 header; read whole, 8 at a time (floor-common.mjs). No engine: no retries, progress,
// cancel, journal, history or output. Beside node-floor.mjs (hand-signed, no check) it says how much of hoist's CPU the
// signer and the check take, and so how much is left for the engine's own work. Folders only: a big file's floor is
// lean-floor-parts.ts. lean-floor-build.ts bundles both.
//
// Usage: node lean-floor.mjs SRC s3://BUCKET/PREFIX/ --endpoint-url URL   (credentials from AWS_* variables)
import { objectUrl } from '../../src/engine/s3/lean/object-url';
import { crc32Base64 } from '../harness/fixtures';
import { runFloor } from './floor-common.mjs';
import { leanFloorSetup } from './lean-floor-setup';

const { args, transport, agent, signer, place } = leanFloorSetup('lean-floor.mjs');

async function put(key: string, body: Buffer | NodeJS.ReadableStream, length: number): Promise<void> {
  if (!Buffer.isBuffer(body)) throw new Error('lean-floor uploads folders only (a file: lean-floor-parts.mjs)');
  const url = objectUrl(place, args.bucket, key);
  const headers = await signer.sign(
    url,
    {},
    {
      'content-length': String(length),
      // As hoist's lean path signs every PUT (lean-data-path.ts).
      'content-type': 'application/octet-stream',
      'x-amz-checksum-crc32': crc32Base64(body),
    },
  );
  await new Promise<void>((resolve, reject) => {
    const req = transport.request(
      { host: url.hostname, port: url.port, method: 'PUT', path: url.path, agent, headers },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`PUT ${key}: HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

runFloor('lean-floor.mjs', args, put, () => agent.destroy());
