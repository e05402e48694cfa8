// Cutting a cancelled upload's connections with a TCP reset instead of a close.
//
// The SDK aborts a request by destroying it, which closes the socket politely: the kernel then still delivers
// whatever the socket's send buffer holds (megabytes on a fast link), so bytes keep reaching the server after the
// user pressed Cancel. A reset discards the send buffer at once. The SDK does not hand out its sockets, so an
// AsyncLocalStorage tags every request a job makes, and the agent records the ClientRequest under that tag.
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';

const currentGroup = new AsyncLocalStorage<RequestGroup>();

export class RequestGroup {
  private readonly requests = new Set<http.ClientRequest>();

  /** Registers before any request of the job exists, so it runs before the SDK's own abort handler. */
  constructor(signal: AbortSignal) {
    if (signal.aborted) return;
    signal.addEventListener('abort', () => this.resetAll(), { once: true });
  }

  run<T>(fn: () => Promise<T>): Promise<T> {
    return currentGroup.run(this, fn);
  }

  add(req: http.ClientRequest): void {
    this.requests.add(req);
    req.once('close', () => this.requests.delete(req));
  }

  resetAll(): void {
    for (const req of this.requests) {
      const socket = req.socket as (Socket & { resetAndDestroy?: () => void }) | null;
      if (socket && !socket.destroyed && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
    }
    this.requests.clear();
  }
}

type AddRequest = (req: http.ClientRequest, ...rest: unknown[]) => void;

function track(proto: { addRequest?: AddRequest }): void {
  const original = proto.addRequest;
  if (!original) return;
  proto.addRequest = function addRequest(this: unknown, req: http.ClientRequest, ...rest: unknown[]) {
    currentGroup.getStore()?.add(req);
    return original.call(this, req, ...rest);
  };
}

/** http.Agent whose requests join the RequestGroup they were made in. */
export class TrackingHttpAgent extends http.Agent {}
export class TrackingHttpsAgent extends https.Agent {}
track(TrackingHttpAgent.prototype as unknown as { addRequest?: AddRequest });
track(TrackingHttpsAgent.prototype as unknown as { addRequest?: AddRequest });
