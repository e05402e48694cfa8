// A cancelled request's connection must end with a TCP reset, so that what its send buffer still holds never reaches
// the server. Checked against a server that stops reading for a while (the client's socket buffers fill up), then
// reads everything it is sent: after a polite close (the SDK's own abort) the client's kernel still delivers its
// send buffer; after the reset it cannot, so the server receives less.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { RequestGroup } from './request-group';
import { createS3Client } from './sdk-client';
import { s3Sdk } from './s3-sdk';

let server: Server | undefined;
afterEach(() => server?.close());

/** A server that reads the request head, stops reading for 400 ms, then reads to the end; resolves with the bytes. */
async function stalledServer(): Promise<{ url: string; received: Promise<number> }> {
  let settle: (bytes: number) => void = () => undefined;
  const received = new Promise<number>((resolve) => (settle = resolve));
  server = createServer((sock: Socket) => {
    let bytes = 0;
    sock.on('data', (chunk: Buffer) => {
      if (bytes === 0) sock.pause();
      bytes += chunk.length;
    });
    setTimeout(() => sock.resume(), 400);
    sock.on('close', () => settle(bytes));
    sock.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, received };
}

async function cancelPut(tagged: boolean): Promise<number> {
  const { url, received } = await stalledServer();
  const client = createS3Client(
    await s3Sdk(),
    {
      endpointUrl: url,
      region: 'us-east-1',
      forcePathStyle: true,
      checksum: 'off',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    },
    { connectTimeoutMs: 5000, requestTimeoutMs: 30_000 },
  );
  const ctl = new AbortController();
  const group = new RequestGroup();
  const body = Buffer.alloc(32 * 1024 * 1024, 1);
  const sent = client.send(
    new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body }),
    tagged ? group.sendOptions(ctl.signal) : { abortSignal: ctl.signal },
  );
  sent.catch(() => undefined);
  await new Promise((r) => setTimeout(r, 200)); // the send buffers are full by now
  // As FileJob.stop() does: the group's requests reset, then their signal aborted.
  group.resetAll();
  ctl.abort();
  await expect(sent).rejects.toThrow();
  const bytes = await received;
  group.close();
  client.destroy();
  return bytes;
}

describe('RequestGroup', () => {
  it('resets the connections of the requests sent with its signal: their send buffers never reach the server', async () => {
    const reset = await cancelPut(true);
    const closed = await cancelPut(false);
    console.log(
      `[request-group] server received ${(reset / 1024).toFixed(0)} KiB after a reset, ${(closed / 1024).toFixed(0)} KiB after a close`,
    );
    // What the client's kernel held when the request was cut: delivered after a close, discarded by a reset.
    expect(closed - reset).toBeGreaterThan(256 * 1024);
  });
});
