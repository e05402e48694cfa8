// One DNS lookup for the connections an endpoint opens at once. Node looks a host name up for every new socket
// (dns.lookup, getaddrinfo in libuv's thread pool) and keeps no answer; an upload opens several connections to the
// same host within milliseconds (one per file or part in flight). Sharing the lookup that is under way makes them one
// call. The CLI runs its thread pool with one thread (bin/hoist.cjs), where the lookups would otherwise wait for one
// another, and for the file reads queued between them.
//
// Only a lookup under way is shared: an answer is not kept once given, so the next connection asks again and sees a
// change of address. The connections opened in one burst do get the same list of addresses, where separate lookups
// might have been answered in another order; Node tries the list in order, so such a burst goes to the first address
// the resolver gave (S3's names answer with one or a few addresses that change over time).
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';

type Callback = (err: NodeJS.ErrnoException | null, ...answer: unknown[]) => void;
type BaseLookup = (hostname: string, options: dns.LookupOptions, callback: Callback) => void;

/** A lookup with net's signature that shares each lookup under way among identical asks (same name and options). */
export function sharedLookup(
  base: BaseLookup = dns.lookup as unknown as BaseLookup,
  rethrow: (error: unknown) => void = throwLater,
): LookupFunction {
  const underWay = new Map<string, Callback[]>();
  return ((hostname: string, options: dns.LookupOptions | number | Callback, callback?: Callback) => {
    const done = (typeof options === 'function' ? options : callback) as Callback;
    // dns.lookup's forms: (name, cb), (name, family, cb), (name, options, cb).
    const opts: dns.LookupOptions =
      typeof options === 'function' ? {} : typeof options === 'number' ? { family: options } : options;
    const key = askKey(hostname, opts);
    const waiting = underWay.get(key);
    if (waiting) {
      waiting.push(done);
      return;
    }
    const callbacks = [done];
    underWay.set(key, callbacks);
    try {
      base(hostname, opts, (err, ...answer) => {
        underWay.delete(key);
        answerAll(callbacks, err, answer, rethrow);
      });
    } catch (err) {
      // dns.lookup refuses bad options by throwing: to this ask, and nothing left for a later one to wait on.
      underWay.delete(key);
      throw err;
    }
  }) as LookupFunction;
}

/**
 * Gives each waiting ask its answer, each its own copy of a list of addresses (net's connect may sort or trim the
 * one it is given). One callback that throws does not keep the answer from the rest: the first throw is thrown again
 * once all have theirs, as an uncaught exception, as it would have been from dns.lookup's own callback.
 */
function answerAll(
  callbacks: Callback[],
  err: NodeJS.ErrnoException | null,
  answer: unknown[],
  rethrow: (error: unknown) => void,
): void {
  let thrown: { error: unknown } | undefined;
  for (const cb of callbacks) {
    try {
      cb(err, ...answer.map((a) => (Array.isArray(a) ? a.map((x: object) => ({ ...x })) : a)));
    } catch (error) {
      thrown ??= { error };
    }
  }
  if (thrown) rethrow(thrown.error);
}

function throwLater(error: unknown): void {
  process.nextTick(() => {
    throw error;
  });
}

/** Every option that changes the answer's form or content; 'IPv4' and 4 (and 'IPv6' and 6) ask the same. */
function askKey(hostname: string, o: dns.LookupOptions): string {
  const family = o.family === 'IPv4' ? 4 : o.family === 'IPv6' ? 6 : (o.family ?? 0);
  const order = (o as { order?: string }).order ?? '';
  return `${hostname}\n${family}\n${o.hints ?? ''}\n${o.all ? 1 : 0}\n${o.verbatim ?? ''}\n${order}`;
}

/** The one the engine's agents use. */
export const endpointLookup = sharedLookup();
