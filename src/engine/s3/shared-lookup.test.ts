import dns from 'node:dns';
import { createServer, request as httpRequest, type Agent, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrackingHttpAgent, TrackingHttpsAgent } from './request-group';
import { endpointLookup, sharedLookup } from './shared-lookup';

type Answer = [Error | null, ...unknown[]];

/** A stand-in for dns.lookup that answers only when told, and counts what it was asked. */
function heldLookup() {
  const asks: { hostname: string; options: object; answer: (...a: Answer) => void }[] = [];
  const rethrown: unknown[] = [];
  const base = (hostname: string, options: object, callback: (...a: Answer) => void) =>
    asks.push({ hostname, options, answer: callback });
  const lookup = sharedLookup(base as never, (e) => rethrown.push(e)) as unknown as Lookup;
  return { asks, rethrown, lookup };
}

type Lookup = (h: string, o: object | number, cb: (...a: Answer) => void) => void;

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
  it('takes the family alone as the second argument, and asks the same for 4 and "IPv4"', () => {
    const { asks, lookup } = heldLookup();
    lookup('a.example', 6, () => undefined);
    lookup('a.example', {}, () => undefined);
    lookup('a.example', { family: 6 }, () => undefined);
    lookup('a.example', { family: 'IPv6' }, () => undefined);
    expect(asks.map((x) => x.options)).toEqual([{ family: 6 }, {}]);
  });

  it('leaves nothing waiting when the lookup throws at once (bad options)', () => {
    let calls = 0;
    const lookup = sharedLookup(((_h: string, o: { family?: unknown }, cb: (...a: Answer) => void) => {
      calls++;
      if (o.family === 5) throw new TypeError('The argument family must be one of: 0, 4, 6. Received 5');
      cb(null, '192.0.2.1', 4);
    }) as never) as unknown as Lookup;
    expect(() => lookup('a.example', { family: 5 }, () => undefined)).toThrow(/family/);
    const later = answers();
    expect(() => lookup('a.example', { family: 5 }, later.cb)).toThrow(/family/);
    expect(calls).toBe(2);
  });

  it('answers every ask though one of them throws, and throws that again after', () => {
    const { asks, rethrown, lookup } = heldLookup();
    const after = answers();
    const boom = new Error('a socket gone wrong');
    lookup('a.example', {}, () => {
      throw boom;
    });
    lookup('a.example', {}, after.cb);
    asks[0]!.answer(null, '192.0.2.1', 4);
    expect(after.got).toEqual([[null, '192.0.2.1', 4]]);
    expect(rethrown).toEqual([boom]);
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

  /** Three requests at once to localhost through the agent; the answers (a body, or the error's code). */
  const threeAtOnce = (agent: Agent, request: typeof httpRequest) =>
    Promise.all(
      [1, 2, 3].map(
        () =>
          new Promise<string>((resolve) => {
            const req = request({ host: 'localhost', port, family: 4, agent }, (res) => {
              let body = '';
              res.setEncoding('utf8').on('data', (s: string) => (body += s));
              res.on('end', () => resolve(body));
            });
            req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
            req.end();
          }),
      ),
    );

  const counted = () => {
    const names: string[] = [];
    const lookup = sharedLookup(((h: string, o: object, cb: never) => {
      names.push(h);
      dns.lookup(h, o, cb);
    }) as never);
    return { names, lookup };
  };

  it('use the shared lookup unless told otherwise', () => {
    for (const agent of [new TrackingHttpAgent(), new TrackingHttpsAgent()]) {
      expect((agent as unknown as { options: { lookup?: unknown } }).options.lookup).toBe(endpointLookup);
      agent.destroy();
    }
  });

  it('connect by a host name with one lookup for the connections opened at once (http)', async () => {
    const { names, lookup } = counted();
    const agent = new TrackingHttpAgent({ keepAlive: true, lookup });
    const bodies = await threeAtOnce(agent, httpRequest);
    agent.destroy();
    expect(bodies).toEqual(['ok', 'ok', 'ok']);
    expect(names).toEqual(['localhost']);
  });

  it('and over TLS on a TCP socket of its own (https; the plain server refuses the handshake)', async () => {
    const { names, lookup } = counted();
    const agent = new TrackingHttpsAgent({ keepAlive: true, lookup });
    const answers = await threeAtOnce(agent, httpsRequest as typeof httpRequest);
    agent.destroy();
    expect(answers).toHaveLength(3);
    expect(answers).not.toContain('ok');
    expect(names).toEqual(['localhost']);
  });
});
