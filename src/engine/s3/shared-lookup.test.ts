import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrackingHttpAgent } from './request-group';
import { endpointLookup, sharedLookup } from './shared-lookup';

type Answer = [Error | null, ...unknown[]];

/** A stand-in for dns.lookup that answers only when told, and counts what it was asked. */
function heldLookup() {
  const asks: { hostname: string; options: object; answer: (...a: Answer) => void }[] = [];
  const base = (hostname: string, options: object, callback: (...a: Answer) => void) =>
    asks.push({ hostname, options, answer: callback });
  return {
    asks,
    lookup: sharedLookup(base as never) as unknown as (h: string, o: object, cb: (...a: Answer) => void) => void,
  };
}

const answers = () => {
  const got: Answer[] = [];
  return { got, cb: (...a: Answer) => got.push(a) };
};

describe('sharedLookup', () => {
  it('makes one lookup of the asks under way for the same name and options, and answers each', () => {
    const { asks, lookup } = heldLookup();
    const a = answers();
    const b = answers();
    lookup('s3.example.com', { all: true }, a.cb);
    lookup('s3.example.com', { all: true }, b.cb);
    expect(asks).toHaveLength(1);
    const list = [{ address: '192.0.2.1', family: 4 }];
    asks[0]!.answer(null, list);
    expect(a.got).toEqual([[null, list]]);
    expect(b.got).toEqual([[null, list]]);
    // Each gets its own copy: one connection's handling of its list cannot change another's.
    expect(a.got[0]![1]).not.toBe(b.got[0]![1]);
  });

  it('asks again once an answer is given, and apart for another name or other options', () => {
    const { asks, lookup } = heldLookup();
    lookup('a.example', { family: 4 }, () => undefined);
    lookup('b.example', { family: 4 }, () => undefined);
    lookup('a.example', { family: 6 }, () => undefined);
    lookup('a.example', { family: 4, all: true }, () => undefined);
    expect(asks.map((x) => x.hostname)).toEqual(['a.example', 'b.example', 'a.example', 'a.example']);
    asks[0]!.answer(null, '192.0.2.1', 4);
    lookup('a.example', { family: 4 }, () => undefined);
    expect(asks).toHaveLength(5);
  });

  it('gives an error to every ask that waited for it, and keeps nothing of it', () => {
    const { asks, lookup } = heldLookup();
    const a = answers();
    const b = answers();
    lookup('gone.example', {}, a.cb);
    lookup('gone.example', {}, b.cb);
    const err = Object.assign(new Error('getaddrinfo ENOTFOUND gone.example'), { code: 'ENOTFOUND' });
    asks[0]!.answer(err);
    expect(a.got).toEqual([[err]]);
    expect(b.got).toEqual([[err]]);
    lookup('gone.example', {}, () => undefined);
    expect(asks).toHaveLength(2);
  });
});

describe("the engine's agents", () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('connect by a host name through the shared lookup', async () => {
    const agent = new TrackingHttpAgent({ keepAlive: true });
    expect((agent as unknown as { options: { lookup?: unknown } }).options.lookup).toBe(endpointLookup);
    const { request } = await import('node:http');
    const bodies = await Promise.all(
      [1, 2, 3].map(
        () =>
          new Promise<string>((resolve, reject) => {
            const req = request({ host: 'localhost', port, family: 4, agent }, (res) => {
              let body = '';
              res.setEncoding('utf8').on('data', (s: string) => (body += s));
              res.on('end', () => resolve(body));
            });
            req.on('error', reject);
            req.end();
          }),
      ),
    );
    agent.destroy();
    expect(bodies).toEqual(['ok', 'ok', 'ok']);
  });
});
