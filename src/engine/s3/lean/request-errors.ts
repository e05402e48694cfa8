// The errors a lean request fails with, the same whether it went through node:http (send.ts) or straight onto a
// connection of the endpoint's own (raw-put.ts): the SDK client's names, so that the engine's retries and messages
// treat both paths alike.

/** An error answer longer than this is cut: only its Code and Message matter. */
export const MAX_ANSWER = 64 * 1024;

/** A connect deadline or an idle request socket, named as the SDK's handler names it. */
export function timeoutError(message: string): Error {
  return Object.assign(new Error(message), { name: 'TimeoutError' });
}

/** An answer cut off before its end (the connection reset or closed mid-answer), as node:http reports it. */
export function hangUp(): Error {
  return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
}
