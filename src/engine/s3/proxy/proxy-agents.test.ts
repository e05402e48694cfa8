// Endpoint.proxyUrl (a profile's proxy setting in the app): every request of the endpoint goes through it, on both
// data paths, whatever the environment says; a proxy that refuses the tunnel fails with words naming it; a cancel
// resets the connection to an https proxy as it does a direct one.
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createEngine } from '../../index';
import { cleanupTempDirs, makeFile, makeTempDir, sha256File } from '../../../../test/harness/fixtures';
import { createBucket, objectSha256, testTarget, uniqueBucket } from '../../../../test/harness/s3-check';
import { startForwardProxy } from '../../../../test/cli/forward-proxy';
import { DATA_PATH_KINDS } from '../../../shared/target';
import { resetConnection } from '../request-group';
import { connectToProxy, openTunnel } from './proxy-agents';

afterAll(cleanupTempDirs);

const moto = inject('s3Endpoint');
const MiB = 1024 * 1024;

describe('Endpoint.proxyUrl', () => {
  for (const dataPath of DATA_PATH_KINDS) {
    it(`sends every request of the ${dataPath} path through the endpoint's proxy, NO_PROXY notwithstanding`, async () => {
      const proxy = await startForwardProxy();
      const saved = process.env.NO_PROXY;
      process.env.NO_PROXY = '127.0.0.1';
      const bucket = uniqueBucket(`proxy-url-${dataPath}`);
      await createBucket(moto, bucket);
      const dir = await makeTempDir();
      const file = await makeFile(dir, 'f.bin', 6 * MiB, 3);
      const eng = createEngine({ dataPath, partSize: 5 * MiB, multipartThreshold: 5 * MiB });
      try {
        const { items } = await eng.add([file], testTarget(moto, bucket, '', { proxyUrl: proxy.url }));
        await eng.idle();
        expect(eng.get(items[0]!.id)?.state.kind).toBe('done');
        expect(await objectSha256(moto, bucket, 'f.bin')).toBe(await sha256File(file));
        // Create, two parts, Complete: all of them forwarded.
        expect(proxy.forwarded.filter((f) => f.includes(`/${bucket}/f.bin`)).length).toBeGreaterThanOrEqual(4);
      } finally {
        if (saved === undefined) delete process.env.NO_PROXY;
        else process.env.NO_PROXY = saved;
        await eng.close();
        await proxy.close();
      }
    });
  }

  it('a proxy that answers CONNECT with an error is named with its answer', async () => {
    const proxy = await startForwardProxy();
    try {
      // The forward proxy tunnels anywhere; a closed port behind it makes it drop the tunnel.
      await expect(openTunnel(new URL('http://127.0.0.1:1'), '127.0.0.1', 443)).rejects.toThrow(/ECONNREFUSED/);
      await expect(openTunnel(new URL(proxy.url), '127.0.0.1', 1)).rejects.toThrow(
        `The proxy ${new URL(proxy.url).host} did not open a connection to 127.0.0.1:1`,
      );
    } finally {
      await proxy.close();
    }
  });
});

it('a cancel resets the connection to an https proxy (its TCP socket under the TLS), not closes it', async () => {
  // The "proxy" reads the TLS hello and answers nothing; how its side of the connection ends tells a reset
  // (ECONNRESET: whatever the client's kernel still held is dropped) from a polite close ('end', after all of it).
  let hello: () => void = () => undefined;
  const greeted = new Promise<void>((resolve) => (hello = resolve));
  let ended: (how: string) => void = () => undefined;
  const howEnded = new Promise<string>((resolve) => (ended = resolve));
  const server = createServer((sock) => {
    sock.once('data', () => hello());
    sock.on('end', () => ended('end'));
    sock.on('error', (err: NodeJS.ErrnoException) => ended(err.code ?? 'error'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const socket = connectToProxy(new URL(`https://127.0.0.1:${(server.address() as AddressInfo).port}`));
  socket.on('error', () => undefined);
  try {
    await greeted;
    resetConnection(socket);
    expect(await howEnded).toBe('ECONNRESET');
  } finally {
    socket.destroy();
    server.close();
  }
});
