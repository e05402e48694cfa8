// One DNS lookup for the connections an endpoint opens at once. Node looks a host name up for every new socket
// (dns.lookup, getaddrinfo in libuv's thread pool) and keeps no answer; an upload opens several connections to the
// same host within milliseconds (one per file or part in flight). Sharing the lookup that is under way makes them one
// call. The CLI runs its thread pool with one thread (bin/hoist.cjs), where the lookups would otherwise wait for one
// another, and for the file reads queued between them.
//
// Only a lookup under way is shared: an answer is not kept once given, so the next connection asks again and sees a
// change of address (S3's names answer with different addresses over time, which spreads connections).
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';

type Callback = (err: NodeJS.ErrnoException | null, ...answer: unknown[]) => void;
type BaseLookup = (hostname: string, options: dns.LookupOptions, callback: Callback) => void;

/** A lookup with net's signature that shares each lookup under way among identical asks (same name and options). */
export function sharedLookup(base: BaseLookup = dns.lookup as unknown as BaseLookup): LookupFunction {
  const underWay = new Map<string, Callback[]>();
  return ((hostname: string, options: dns.LookupOptions | Callback, callback?: Callback) => {
    const opts: dns.LookupOptions = typeof options === 'function' ? {} : options;
    const done = (typeof options === 'function' ? options : callback) as Callback;
    const key = askKey(hostname, opts);
    const waiting = underWay.get(key);
    if (waiting) {
      waiting.push(done);
      return;
    }
    const callbacks = [done];
    underWay.set(key, callbacks);
    base(hostname, opts, (err, ...answer) => {
      underWay.delete(key);
      // A copy of a list of addresses each: net's connect may sort or trim the one it is given.
      for (const cb of callbacks) cb(err, ...answer.map((a) => (Array.isArray(a) ? a.map((x) => ({ ...x })) : a)));
    });
  }) as LookupFunction;
}

/** Every option that changes the answer's form or content. */
function askKey(hostname: string, o: dns.LookupOptions): string {
  const order = (o as { order?: string }).order ?? '';
  return `${hostname}\n${o.family ?? ''}\n${o.hints ?? ''}\n${o.all ? 1 : 0}\n${o.verbatim ?? ''}\n${order}`;
}

/** The one the engine's agents use. */
export const endpointLookup = sharedLookup();
