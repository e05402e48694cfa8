// The E2E stand-in for src/preload/index.ts: the same buildApi() from the same contract, on a WebSocket transport
// instead of ipcRenderer, exposed as window.hoist before the app's own script runs (Playwright adds the bundle of
// this file as an init script; see bundle.ts and ../support/app.ts).
//
// What differs from the Electron preload, and only here:
// - invoke/on go over the bridge's WebSocket (same origin as the page, so the production CSP's connect-src 'self'
//   allows it) instead of ipcRenderer;
// - getPathForFile looks the File's name up in the fixture files the test registered with the bridge, instead of
//   webUtils.getPathForFile. Electron's drop gate (src/preload/drop-gate.ts) is not used: Playwright's drop events are
//   script-dispatched (isTrusted is false), and the gate has its own unit tests.
//
// This file runs in the browser. tsconfig.node.json (which covers test/**) has no DOM library, so the little of the
// DOM used here is typed locally (PageGlobals) instead of pulling the DOM types into the Node program. For the same
// reason (that project does not list src/preload), buildApi is not imported here: bundle.ts bundles an entry that
// imports src/preload/api.ts and passes its buildApi to installBridgePreload, and BridgeTransport below is
// src/preload/api-types.ts's ApiTransport, written out.
import {
  COMMAND_CHANNELS,
  EVENT_CHANNELS,
  type CommandChannel,
  type EventChannel,
} from '../../../src/shared/ipc-channels';
import { ORIGIN_GLOBAL, WS_PATH, type PageMessage, type ServerMessage } from './protocol';

/** src/preload/api-types.ts ApiTransport. */
export interface BridgeTransport {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (payload: unknown) => void): () => void;
  getPathForFile(file: never): string;
}

interface PageSocket {
  readonly readyState: number;
  send(data: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

interface PageGlobals {
  location: { origin: string; host: string };
  WebSocket: { new (url: string): PageSocket; readonly OPEN: number };
  File: abstract new (...args: never[]) => { readonly name: string };
  [ORIGIN_GLOBAL]?: string;
}

const page = globalThis as unknown as PageGlobals;

/** Builds window.hoist with the production buildApi on the bridge's WebSocket. */
export function installBridgePreload(buildApi: (transport: BridgeTransport) => object): void {
  const expected = page[ORIGIN_GLOBAL];
  // Init scripts run in every document of the context (about:blank too): only the bridge's own page gets the API.
  if (!expected || page.location.origin !== expected || 'hoist' in globalThis) return;

  const socket = new page.WebSocket(`ws://${page.location.host}${WS_PATH}`);
  const outbox: string[] = [];
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const files = new Map<string, string>();
  let nextId = 1;
  let closed = false;

  const post = (message: PageMessage) => {
    const text = JSON.stringify(message);
    if (socket.readyState === page.WebSocket.OPEN) socket.send(text);
    else outbox.push(text);
  };

  socket.addEventListener('open', () => {
    for (const text of outbox.splice(0)) socket.send(text);
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const [, p] of pending) p.reject(new Error('the bridge connection closed'));
    pending.clear();
  });
  socket.addEventListener('message', (event) => {
    if (typeof event.data !== 'string') return;
    const message = JSON.parse(event.data) as ServerMessage;
    if (message.type === 'reply') {
      const p = pending.get(message.id);
      if (!p) return;
      pending.delete(message.id);
      if (message.ok) p.resolve(message.result);
      else p.reject(new Error(message.error));
    } else if (message.type === 'event') {
      for (const listener of listeners.get(message.channel) ?? []) listener(message.payload);
    } else if (message.type === 'files') {
      for (const [name, path] of Object.entries(message.files)) files.set(name, path);
      post({ type: 'files-ack', seq: message.seq });
    }
  });

  const transport: BridgeTransport = {
    invoke(channel, payload) {
      // The same refusal as the Electron preload: only the contract's commands leave the page.
      if (!COMMAND_CHANNELS.includes(channel as CommandChannel)) return Promise.reject(new Error('unknown command'));
      if (closed) return Promise.reject(new Error('the bridge connection closed'));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        post({ type: 'invoke', id, channel, payload });
      });
    },
    on(channel, listener) {
      if (!EVENT_CHANNELS.includes(channel as EventChannel)) throw new Error('unknown event');
      // Like the Electron preload, the page gets only the payload.
      const handler = (payload: unknown) => listener(payload);
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(handler);
      return () => {
        set.delete(handler);
      };
    },
    getPathForFile(file: unknown) {
      // webUtils.getPathForFile throws for anything that is not a File; buildApi turns that into NotLocalFile.
      if (!(file instanceof page.File)) throw new TypeError('not a File');
      return files.get(file.name) ?? '';
    },
  };

  // contextBridge.exposeInMainWorld gives the page a frozen, non-replaceable object; so does this.
  Object.defineProperty(globalThis, 'hoist', {
    value: Object.freeze(buildApi(transport)),
    writable: false,
    configurable: false,
    enumerable: true,
  });
}
